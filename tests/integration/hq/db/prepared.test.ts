import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareStatements } from '../../../../hq/db/prepared';
import {
  DATABASE_KINDS,
  enroll,
  op,
  registration,
  startHq,
  type RunningHq,
  type TestDevice,
} from '../../harness';
import { event, eventOp, push as pushOf } from '../complaints/handling';

/**
 * Issue 17: a push's statements are prepared once per connection on PostgreSQL (hq/db/prepared.ts), never on
 * the embedded PGlite (one session under every connection), and not when HQ_DB_PREPARED=0 (a pooler that
 * cannot keep them). The push's versions are reserved in the statement that locks the branch
 * (hq/sync/push-locks.ts).
 */
describe('whether HQ prepares statements', () => {
  const pooler = { DATABASE_LISTEN_URL: 'postgresql://hq@db-primary/otklik' };
  it.each([
    ['a direct connection', {}, true],
    ['a direct connection, HQ_DB_PREPARED=0', { HQ_DB_PREPARED: '0' }, false],
    ['behind a pooler (DATABASE_LISTEN_URL set)', pooler, false],
    ['behind a pooler set up for them, HQ_DB_PREPARED=1', { ...pooler, HQ_DB_PREPARED: '1' }, true],
    ['behind a pooler, HQ_DB_PREPARED=0', { ...pooler, HQ_DB_PREPARED: '0' }, false],
    ['an unknown value is the default', { HQ_DB_PREPARED: 'yes' }, true],
  ])('%s: prepared statements %s', (_case, env, expected) => {
    expect(prepareStatements(env)).toBe(expected);
  });
});

describe.each(DATABASE_KINDS)('a push on %s', (kind) => {
  let hq: RunningHq;
  let device: TestDevice;
  const push = (ops: Parameters<typeof pushOf>[2]) => pushOf(hq, device, ops);
  /** The names prepared in the session of the connection the pool hands out next (the one used last). */
  const preparedNames = async () => {
    const client = await hq.db.pool.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        'SELECT name FROM pg_prepared_statements ORDER BY name',
      );
      return rows.map((r) => r.name);
    } finally {
      client.release();
    }
  };
  const branchVersion = async () =>
    (
      await hq.db.pool.query<{ version: number }>('SELECT version FROM branches WHERE code = $1', [
        device.branchCode,
      ])
    ).rows[0]!.version;

  beforeAll(async () => {
    hq = await startHq(kind);
    device = await enroll(hq, kind === 'pglite' ? 'PL-01' : 'PP-01');
  });
  afterAll(async () => hq?.close());

  it(`${kind === 'postgresql' ? 'prepares' : 'does not prepare'} its statements, and applies each op once`, async () => {
    const first = op(device, 'complaint.register', registration(device.branchCode));
    expect(await push([first])).toMatchObject([{ outcome: 'applied', duplicate: false }]);
    // Again on the same connection: the prepared statements are reused, the retry is told as such.
    const second = op(device, 'complaint.register', registration(device.branchCode));
    expect(await push([first, second])).toMatchObject([
      { outcome: 'applied', duplicate: true },
      { outcome: 'applied', duplicate: false },
    ]);
    const names = await preparedNames();
    if (kind === 'postgresql')
      expect(names).toEqual(['push.branch', 'push.locks', 'push.record', 'push.register']);
    else expect(names).toEqual([]);
  });

  it('reserves the versions of a run of registrations in the lock statement: the rows take them in order', async () => {
    const before = await branchVersion();
    const payloads = [1, 2, 3].map(() => registration(device.branchCode));
    const results = await push(payloads.map((p) => op(device, 'complaint.register', p)));
    expect(results.every((r) => r.outcome === 'applied' && !r.duplicate)).toBe(true);
    const reserved = payloads.reduce((n, p) => n + 1 + p.events.length, 0);
    expect(await branchVersion()).toBe(before + reserved);
    const { rows } = await hq.db.pool.query<{ version: number }>(
      `SELECT version FROM complaints WHERE id = ANY($1::uuid[])
       UNION ALL SELECT version FROM complaint_events WHERE complaint_id = ANY($1::uuid[]) ORDER BY version`,
      [payloads.map((p) => p.complaint.id)],
    );
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: reserved }, (_, i) => before + 1 + i));
  });

  it('an op of another kind still gets versions past the reservation', async () => {
    const p = registration(device.branchCode);
    await push([op(device, 'complaint.register', p)]);
    const before = await branchVersion();
    const note = event(p.complaint.id, 'note_added', { text: 'Перезвонил' });
    expect(await push([eventOp(device, note)])).toMatchObject([{ outcome: 'applied' }]);
    const { rows } = await hq.db.pool.query<{ version: number }>(
      'SELECT version FROM complaint_events WHERE id = $1',
      [note.id],
    );
    expect(rows[0]!.version).toBeGreaterThan(before);
    expect(rows[0]!.version).toBeLessThanOrEqual(await branchVersion());
  });
});
