import { parseArgs } from 'node:util';
import type { BranchDirectory } from '../../shared/sync/protocol';
import { cliActor } from '../audit/log';
import type { HqConfig } from '../config';
import { adminConnection } from '../db/admin-connection';
import { updateDirectory, type BranchInput } from './directory';
import { createEnrollment } from './enrollment';

const FLAGS: Record<string, keyof BranchDirectory> = {
  name: 'name',
  country: 'country',
  'time-zone': 'timeZone',
  language: 'language',
  'manager-name': 'managerName',
  'manager-email': 'managerEmail',
  'head-of-sales-name': 'headOfSalesName',
  'head-of-sales-email': 'headOfSalesEmail',
  // Issue 16 item 3: how customers reach the branch, printed on its documents ('' clears one).
  address: 'address',
  phone: 'phone',
  hours: 'hours',
};

/**
 * `npm run hq -- enroll --branch CODE …` creates or updates a branch and prints a one-time enrollment code;
 * `directory --branch CODE …` changes its directory entry without a code. Both audited (`--actor`, else the
 * operating-system user).
 */
export async function branchCommand(command: 'enroll' | 'directory', args: string[], config: HqConfig) {
  const { values } = parseArgs({
    args,
    options: Object.fromEntries(
      ['branch', 'actor', ...Object.keys(FLAGS)].map((k) => [k, { type: 'string' as const }]),
    ),
  });
  if (!values.branch) throw new Error(`${command} needs --branch CODE (e.g. --branch MSK-01)`);
  const input: BranchInput = { code: String(values.branch).toUpperCase() };
  for (const [flag, key] of Object.entries(FLAGS)) {
    const v = values[flag];
    if (typeof v === 'string') (input as unknown as Record<string, unknown>)[key] = v;
  }
  const ctx = cliActor(values.actor as string | undefined);
  const { pool, close } = await adminConnection(config, command);
  try {
    if (command === 'directory') {
      const branch = await updateDirectory(pool, input, ctx);
      console.log(
        `Branch ${branch.code} — ${branch.name} (${branch.country}, ${branch.timeZone}, ${branch.language})`,
      );
      console.log(`  manager:       ${branch.managerName} <${branch.managerEmail}>`);
      console.log(`  head of sales: ${branch.headOfSalesName} <${branch.headOfSalesEmail}>`);
      console.log(`  address:       ${branch.address ?? ''}`);
      console.log(`  phone:         ${branch.phone ?? ''}`);
      console.log(`  hours:         ${branch.hours ?? ''}`);
      return;
    }
    const { code, branch, expiresAt } = await createEnrollment(pool, input, new Date(), ctx);
    console.log(`Branch ${branch.code} — ${branch.name} (${branch.country}, ${branch.timeZone})`);
    console.log(`Enrollment code (one device, valid until ${expiresAt}):`);
    console.log(`\n    ${code}\n`);
    console.log('Enter it in the app: Settings → Connection to HQ.');
  } finally {
    await close();
  }
}
