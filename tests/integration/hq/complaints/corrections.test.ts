import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, enroll, op, registration, startHq, type RunningHq } from '../../harness';
import { event, eventOp, pullAll, push } from './handling';

/**
 * R3/R13 (issue 15): a correction or re-assessment from a branch changes HQ's stored record, so the next
 * pull brings it down to every PC instead of undoing it; HQ checks it with the branch's shared rules.
 */
describe.each(DATABASE_KINDS)('corrections at HQ on %s', (kind) => {
  let hq: RunningHq;
  let n = 0;
  const branch = () => `CR${kind === 'pglite' ? 'L' : 'P'}-${String(++n).padStart(2, '0')}`;
  beforeAll(async () => {
    hq = await startHq(kind);
  });
  afterAll(async () => hq?.close());

  const phone = (before: string, after: string) =>
    ({
      reason: 'Номер продиктован с ошибкой',
      changes: [{ field: 'customer.phone', before, after }],
    }) as const;

  it('a correction and a re-assessment reach the record, both PCs and the console columns, in HQ order', async () => {
    const code = branch();
    const [pc1, pc2] = [await enroll(hq, code), await enroll(hq, code)];
    const reg = registration(code);
    const id = reg.complaint.id;
    await push(hq, pc1, [op(pc1, 'complaint.register', reg)]);
    const results = await push(hq, pc1, [
      eventOp(pc1, event(id, 'fields_corrected', phone('+7 916 555-12-34', '+7 916 555-00-00'))),
      eventOp(
        pc1,
        event(id, 'assessment_changed', {
          reason: 'Клиент отравился',
          changes: [
            { field: 'healthAndSafety', before: false, after: true },
            { field: 'severity', before: 'medium', after: 'critical' },
          ],
        }),
      ),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    // The other PC corrected the same phone offline from the old value: applied after, in HQ's order.
    const [late] = await push(hq, pc2, [
      eventOp(pc2, event(id, 'fields_corrected', phone('+7 916 555-12-34', '+7 916 555-77-77'))),
    ]);
    expect(late?.outcome).toBe('applied');

    for (const pc of [pc1, pc2]) {
      const { complaints, events } = await pullAll(hq, pc);
      expect(complaints.get(id)).toMatchObject({
        customer: { phone: '+7 916 555-77-77' },
        healthAndSafety: true,
        severity: 'critical',
        status: 'registered',
      });
      expect(events.filter((e) => e.complaintId === id).map((e) => e.type)).toEqual([
        'created',
        'status_changed',
        'fields_corrected',
        'assessment_changed',
        'fields_corrected',
      ]);
    }
    const { rows } = await hq.db.pool.query(
      `SELECT severity, health_safety, search @@ to_tsquery('simple', '79165557777') AS found
         FROM complaints WHERE id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({ severity: 'critical', health_safety: true, found: true });
  });

  it('refused with the shared rules’ codes; the record stays as it was', async () => {
    const code = branch();
    const pc = await enroll(hq, code);
    const reg = registration(code);
    const id = reg.complaint.id;
    await push(hq, pc, [op(pc, 'complaint.register', reg)]);
    const results = await push(hq, pc, [
      // Into the confidential register: decided at intake only.
      eventOp(
        pc,
        event(id, 'fields_corrected', {
          reason: 'Ошибка',
          changes: [{ field: 'channel', before: 'phone', after: 'internal' }],
        }),
      ),
      // No way left to reach the customer who wants an answer.
      eventOp(pc, event(id, 'fields_corrected', phone('+7 916 555-12-34', ''))),
    ]);
    expect(results.map((r) => r.reason)).toEqual(['change_field_not_allowed', 'change_value_invalid']);
    // A closed complaint is reopened before it is corrected (set closed directly: the way there is the
    // lifecycle's, tested elsewhere).
    await hq.db.pool.query(
      `UPDATE complaints SET status = 'closed', record = jsonb_set(record, '{status}', '"closed"') WHERE id = $1`,
      [id],
    );
    const [closed] = await push(hq, pc, [
      eventOp(pc, event(id, 'fields_corrected', phone('+7 916 555-12-34', '+7 916 555-00-00'))),
    ]);
    expect(closed).toMatchObject({ outcome: 'rejected', reason: 'complaint_closed' });
    const { complaints, events } = await pullAll(hq, pc);
    expect(complaints.get(id)).toMatchObject({ channel: 'phone', customer: { phone: '+7 916 555-12-34' } });
    expect(events.filter((e) => e.type === 'fields_corrected')).toEqual([]);
  });
});
