import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { HqConfig } from '../config';
import { tellServerToForget } from '../control';
import { adminConnection } from '../db/admin-connection';
import { formatDevices, listDevices, revokeDevice } from './registry';

/**
 * `npm run hq -- devices [--branch CODE] [--json]` lists the enrolled workstations; `npm run hq -- revoke
 * --device ID` revokes one at once (issue 13).
 */
export async function devicesCommand(command: 'devices' | 'revoke', args: string[], config: HqConfig) {
  if (command === 'devices') {
    const { values } = parseArgs({
      args,
      options: { branch: { type: 'string' }, json: { type: 'boolean' } },
    });
    const conn = await adminConnection(config, 'devices');
    try {
      const devices = await listDevices(conn.pool, {
        tokenDays: config.deviceTokenDays,
        ...(values.branch ? { branch: values.branch.toUpperCase() } : {}),
      });
      console.log(values.json ? JSON.stringify(devices, null, 2) : formatDevices(devices));
    } finally {
      await conn.close();
    }
    return;
  }
  const { values } = parseArgs({ args, options: { device: { type: 'string' } } });
  const id = z.uuid().safeParse(values.device?.trim().toLowerCase());
  if (!id.success)
    throw new Error('revoke needs --device ID (a device id as `npm run hq -- devices` lists it)');
  const conn = await adminConnection(config, 'revoke');
  try {
    const device = await revokeDevice(conn.pool, id.data, config.deviceTokenDays);
    if (!device) throw new Error(`No device ${id.data}; \`npm run hq -- devices\` lists them.`);
    // The embedded server caches checked tokens: it forgets this one now, not in HQ_AUTH_CACHE_MS.
    if (conn.controlSocket) await tellServerToForget(conn.controlSocket, id.data);
    console.log(`Device ${device.id} (branch ${device.branch}) revoked at ${device.revokedAt}.`);
    console.log(
      'Its requests are refused from now on; the workstation must be enrolled again with a new code.',
    );
  } finally {
    await conn.close();
  }
}
