import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../../../hq/audit/log';
import { setCompanyPolicy } from '../../../../hq/branches/policy';
import { watchDeadlines } from '../../../../hq/mail/queue';
import { mailJobId } from '../../../../shared/mail/policy';
import { enroll, startHq, type RunningHq } from '../../harness';
import { blockedBy, holdTransaction } from '../../lock-order';
import { DIRECTORY, pushEntry } from '../../mail-fixtures';

/**
 * R11 (hq/mail/queue.ts): the deadline watch locks the branches it escalates for in the order of their ids,
 * as a save of the company's policy locks them all. In the order of the deadlines, a watch holding a later
 * branch and a save holding an earlier one each waited for the other (found by a review, issue 17).
 * PostgreSQL only: PGlite runs one session, where nothing waits.
 */
describe('the deadline watch and a policy save (PostgreSQL)', { timeout: 60_000 }, () => {
  let hq: RunningHq;
  beforeAll(async () => {
    hq = await startHq('postgresql');
  });
  afterAll(async () => hq?.close());

  it('both finish when the watch escalates a later branch’s entry first by deadline', async () => {
    // The first branch made has the smaller id; its entry's deadline is the later one.
    const first = await enroll(hq, 'WQ-01', DIRECTORY);
    const second = await enroll(hq, 'WQ-02', DIRECTORY);
    const day = 86_400_000;
    const late = await pushEntry(hq, first, { capturedAt: new Date(Date.now() - 5 * day) });
    await pushEntry(hq, second, { capturedAt: new Date(Date.now() - 10 * day) });

    // The watch is held at the first branch's entry: the escalation job it inserts is already being
    // inserted, uncommitted, by this test.
    const holder = await holdTransaction(hq, 'ROLLBACK');
    try {
      // No foreign-key check: it would hold the branch's row (KEY SHARE), which the save waits for.
      await holder.client.query('SET LOCAL session_replication_role = replica');
      await holder.client.query(
        `INSERT INTO mail_outbox (id, kind, entry_id, branch_id, message_id, deadline, next_attempt_at, created_at)
         SELECT $1, 'escalation', entry_id, branch_id, 'held@test', deadline, now(), now()
           FROM mail_outbox WHERE id = $2`,
        [mailJobId('escalation', late.entryId), mailJobId('book_entry', late.entryId)],
      );
      const watched = watchDeadlines(hq.db.pool, new Date(Date.now() + day));
      watched.catch(() => undefined);
      let watchPid = 0;
      await expect
        .poll(async () => (watchPid = (await blockedBy(hq, holder.pid))[0] ?? 0), { timeout: 10_000 })
        .toBeGreaterThan(0);
      // The save, meanwhile: done, or waiting for the watch (the order before the fix).
      let saveDone = false;
      const saved = setCompanyPolicy(hq.db.pool, { extraDaysOff: ['2026-12-31'] }, SYSTEM).finally(
        () => (saveDone = true),
      );
      saved.catch(() => undefined);
      await expect
        .poll(async () => saveDone || (await blockedBy(hq, watchPid)).length > 0, { timeout: 10_000 })
        .toBe(true);
      await holder.release();
      // Neither is chosen as a deadlock's victim: both complete.
      await expect(saved).resolves.toBeTruthy();
      expect((await watched).length).toBe(2);
    } finally {
      await holder.release();
    }
  });
});
