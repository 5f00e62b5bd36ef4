import { parseArgs } from 'node:util';
import type { HqConfig } from '../config';
import { adminConnection } from '../db/admin-connection';
import { formatAudit, listAudit } from './log';

/** `npm run hq -- audit [--since 2026-03-01] [--limit N] [--json]`: the append-only audit, oldest first. */
export async function auditCommand(args: string[], config: HqConfig) {
  const { values } = parseArgs({
    args,
    options: { since: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  });
  const since = values.since ? new Date(values.since) : undefined;
  if (since && Number.isNaN(since.getTime()))
    throw new Error('--since must be a date or an instant (2026-03-01)');
  const limit = values.limit ? Number(values.limit) : 1000;
  if (!Number.isInteger(limit) || limit < 1) throw new Error('--limit must be a positive whole number');
  const { pool, close } = await adminConnection(config, 'audit');
  try {
    const entries = await listAudit(pool, { ...(since ? { since: since.toISOString() } : {}), limit });
    console.log(values.json ? JSON.stringify([...entries].reverse(), null, 2) : formatAudit(entries));
  } finally {
    await close();
  }
}
