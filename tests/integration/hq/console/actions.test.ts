import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import {
  CONSOLE_PATHS,
  type ComplaintDetail,
  type ComplaintList,
  type Queues,
} from '../../../../shared/console/protocol';
import {
  HQ_PATHS,
  pullResponseSchema,
  type PullResponse,
  type PushResponse,
} from '../../../../shared/sync/protocol';
import {
  call,
  DATABASE_KINDS,
  enroll,
  op,
  registration,
  startHq,
  startReview,
  type RunningHq,
  type TestDevice,
} from '../../harness';
import { consoleUser, type ConsoleClient } from '../../console-client';
import { pushEntry } from '../../mail-fixtures';

/**
 * Issue 14, R12, R14, R15: acting at HQ. The head of sales takes a complaint over and decides it with a
 * rejection (refused without justification and alternative, accepted with both); both are events that come
 * down to the branch with its next pull, with who did it; a branch op that conflicts is refused with the
 * existing reason; the queues show what is escalated to and owned by the user; every action is audited.
 */
describe.each(DATABASE_KINDS)('console actions on %s', (kind) => {
  let hq: RunningHq;
  let msk: TestDevice;
  let head: ConsoleClient;
  let manager: ConsoleClient;
  let complaintId: string;

  async function push(device: TestDevice, ops: ReturnType<typeof op>[]) {
    const res = await call(hq, device, HQ_PATHS.push, { method: 'POST', body: JSON.stringify({ ops }) });
    expect(res.status).toBe(200);
    return ((await res.json()) as PushResponse).results;
  }
  async function pull(device: TestDevice, cursor: number): Promise<PullResponse> {
    const res = await call(hq, device, `${HQ_PATHS.pull}?cursor=${cursor}`);
    expect(res.status).toBe(200);
    // The branch's sync engine validates what HQ answers with the same schema.
    return pullResponseSchema.parse(await res.json());
  }
  const act = (c: ConsoleClient, id: string, json: unknown) =>
    c.call(CONSOLE_PATHS.complaintEvents(id), { method: 'POST', json });

  beforeAll(async () => {
    hq = await startHq(kind);
    msk = await enroll(hq, 'MSK-01');
    const reg = registration('MSK-01');
    complaintId = reg.complaint.id;
    await push(msk, [
      op(msk, 'complaint.register', reg),
      op(msk, 'complaint.transition', startReview(complaintId)),
    ]);
    head = await consoleUser(hq, 'head_of_sales');
    manager = await consoleUser(hq, 'manager', ['MSK-01']);
  });
  afterAll(async () => {
    await hq?.close();
  });

  it('take over and a rejection decided at HQ reach the branch with pull; a conflicting branch op is refused', async () => {
    const before = (await pull(msk, 0)).cursor;

    // Only the head of sales takes over (R14).
    const byManager = await act(manager, complaintId, { type: 'take_over' });
    expect(byManager.status).toBe(403);
    const taken = await act(head, complaintId, { type: 'take_over' });
    expect(taken.status).toBe(200);
    const afterTakeOver = (await taken.json()) as ComplaintDetail;
    expect(afterTakeOver.owner).toEqual({ id: head.user.id, name: head.user.name });
    expect(afterTakeOver.history.at(-1)).toMatchObject({ type: 'owner_changed', actorId: head.user.id });
    // Taking over twice is refused as a conflict.
    expect((await act(head, complaintId, { type: 'take_over' })).status).toBe(409);

    // R15: a rejection needs a justification and an alternative.
    const bare = await act(head, complaintId, {
      type: 'transition',
      from: 'in_review',
      to: 'decided',
      decision: { outcome: 'rejected' },
    });
    expect(bare.status).toBe(422);
    expect(await bare.json()).toMatchObject({
      code: 'invalid_body',
      reasons: expect.arrayContaining(['justification_required', 'alternative_required']),
    });
    const decided = await act(head, complaintId, {
      type: 'transition',
      from: 'in_review',
      to: 'decided',
      decision: {
        outcome: 'rejected',
        justification: 'Срок гарантии истёк',
        alternativeOffered: 'Скидка 10 % на ремонт',
      },
    });
    expect(decided.status).toBe(200);
    expect(((await decided.json()) as ComplaintDetail).complaint.status).toBe('decided');
    // The user saw an old status: refused, not overwritten.
    const stale = await act(head, complaintId, { type: 'transition', from: 'in_review', to: 'decided' });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({
      code: 'conflict',
      reason: 'complaint_changed',
      reasons: ['stale_status'],
    });

    // The branch's next pull carries both events with who did them, and the complaint as HQ has it.
    const changes = (await pull(msk, before)).changes;
    const events = changes.flatMap((c) =>
      c.kind === 'event' && c.event.complaintId === complaintId ? [c.event] : [],
    );
    expect(events.map((e) => e.type)).toEqual(['owner_changed', 'status_changed']);
    expect(events.every((e) => e.actor === head.user.name && e.actorId === head.user.id)).toBe(true);
    expect(events[1]!.data).toMatchObject({
      from: 'in_review',
      to: 'decided',
      decision: { outcome: 'rejected', alternativeOffered: 'Скидка 10 % на ремонт' },
    });
    const record = changes.flatMap((c) => (c.kind === 'complaint' ? [c.complaint] : [])).at(-1)!;
    expect(record.status).toBe('decided');
    expect(record.progress).toMatchObject({ owner: { id: head.user.id }, decision: { outcome: 'rejected' } });

    // The branch, offline meanwhile, had moved the complaint itself: refused with the existing reason.
    const [late] = await push(msk, [
      op(msk, 'complaint.transition', {
        complaintId,
        from: 'in_review',
        to: 'decided',
        event: {
          id: uuidv7(),
          complaintId,
          type: 'status_changed',
          at: new Date().toISOString(),
          actor: 'Ольга',
          data: { from: 'in_review', to: 'decided', transition: 'decide', decision: { outcome: 'upheld' } },
        },
      }),
    ]);
    expect(late).toMatchObject({ outcome: 'rejected', reason: 'stale_status' });
    const detail = (await (await head.call(CONSOLE_PATHS.complaint(complaintId))).json()) as ComplaintDetail;
    expect(detail.history.filter((e) => e.type === 'status_changed')).toHaveLength(3);
  });

  it('notes: from a manager of the branch, bounded, and in the branch’s history', async () => {
    const note = await act(manager, complaintId, { type: 'note', text: 'Позвонил клиенту' });
    expect(note.status).toBe(200);
    const last = ((await note.json()) as ComplaintDetail).history.at(-1)!;
    expect(last).toMatchObject({
      type: 'note_added',
      actor: manager.user.name,
      data: { text: 'Позвонил клиенту' },
    });
    expect((await act(manager, complaintId, { type: 'note', text: 'x'.repeat(5001) })).status).toBe(400);
    expect((await act(manager, complaintId, { type: 'note', text: '   ' })).status).toBe(400);
  });

  it('queues and the owner filter: owned by me, escalated, overdue per branch, unsent mail with "send again"', async () => {
    await pushEntry(hq, msk, { pages: 1 });
    const queues = (await (await head.call(CONSOLE_PATHS.queues)).json()) as Queues;
    expect(queues.ownedByMe.map((i) => i.id)).toEqual([complaintId]);
    expect(queues.escalatedToMe.map((i) => i.id)).toEqual([complaintId]);
    expect(queues.branches).toEqual([
      { code: 'MSK-01', name: 'Branch MSK-01', overdue: expect.any(Number), soon: expect.any(Number) },
    ]);
    expect(queues.branches[0]!.overdue).toBeGreaterThanOrEqual(1);
    expect(queues.unsentMail).toHaveLength(1);
    expect(queues.unsentMail[0]).toMatchObject({
      branchCode: 'MSK-01',
      kind: 'book_entry',
      state: 'waiting_photos',
    });
    const mine = (await (await head.call(`${CONSOLE_PATHS.complaints}?owner=me`)).json()) as ComplaintList;
    expect(mine.items.map((i) => i.id)).toEqual([complaintId]);
    expect(mine.items[0]!.owner?.id).toBe(head.user.id);
    const escalated = (await (
      await head.call(`${CONSOLE_PATHS.complaints}?escalated=true`)
    ).json()) as ComplaintList;
    expect(escalated.items.map((i) => i.id)).toEqual([complaintId]);
    // "Send again": the job is due at once; an unknown job is 404.
    const jobId = queues.unsentMail[0]!.jobId;
    expect((await head.call(CONSOLE_PATHS.mailRetry(jobId), { method: 'POST' })).status).toBe(204);
    // Being sent right now (the worker holds it): a conflict that says so, for the console to word it.
    await hq.db.pool.query(`UPDATE mail_outbox SET leased_until = '2100-01-01T00:00:00Z' WHERE id = $1`, [
      jobId,
    ]);
    const busy = await head.call(CONSOLE_PATHS.mailRetry(jobId), { method: 'POST' });
    expect(busy.status).toBe(409);
    expect(await busy.json()).toMatchObject({ code: 'conflict', reason: 'mail_not_waiting' });
    await hq.db.pool.query('UPDATE mail_outbox SET leased_until = NULL WHERE id = $1', [jobId]);
    expect((await head.call(CONSOLE_PATHS.mailRetry('book_entry:nope'), { method: 'POST' })).status).toBe(
      404,
    );
    // A job id PostgreSQL cannot even compare (a NUL byte) is not found either, never a 500.
    const nul = `${jobId.slice(0, -1)}\u0000`;
    expect((await head.call(CONSOLE_PATHS.mailRetry(nul), { method: 'POST' })).status).toBe(404);
  });

  it('every action is in the audit with who, what, before and after', async () => {
    const { rows } = await hq.db.pool.query<{
      actor_kind: string;
      actor_id: string;
      action: string;
      target: string;
      before: unknown;
      after: Record<string, unknown>;
      ip: string;
    }>(`SELECT * FROM admin_audit WHERE action LIKE 'complaint.%' OR action = 'mail.retry' ORDER BY id`);
    expect(rows.map((r) => [r.action, r.actor_id])).toEqual([
      ['complaint.take_over', head.user.id],
      ['complaint.transition', head.user.id],
      ['complaint.note', manager.user.id],
      ['mail.retry', head.user.id],
    ]);
    expect(rows[0]).toMatchObject({ actor_kind: 'hq_user', before: { owner: null }, ip: '127.0.0.1' });
    expect(rows[1]).toMatchObject({
      before: { status: 'in_review' },
      after: { status: 'decided', type: 'status_changed' },
    });
  });

  // Issue 16 items 1-3: what the console's documents are made from, and the print recorded in the history.
  it('the complaint page carries the branch’s contacts, calendar and policy for its documents', async () => {
    const detail = (await (await head.call(CONSOLE_PATHS.complaint(complaintId))).json()) as ComplaintDetail;
    expect(detail.branch).toMatchObject({ address: '', phone: '', hours: '', policyId: 'working_days_10' });
    expect(detail.statusPageUrl).toBeUndefined();
    // The admin sets them (the CLI and the console's branch form use the same directory update).
    const admin = await consoleUser(hq, 'admin');
    const patch = (json: unknown) => admin.call(CONSOLE_PATHS.branch('MSK-01'), { method: 'PATCH', json });
    expect((await patch({ phone: 'call us' })).status).toBe(400);
    expect((await patch({ address: 'x'.repeat(301) })).status).toBe(400);
    expect((await patch({ hours: 'пн–пт\n9–18' })).status).toBe(400);
    const contacts = { address: ' Москва, ул. Тверская, 7 ', phone: '+7 495 123-45-67', hours: 'пн–пт 9–18' };
    expect((await patch({ ...contacts, extraDaysOff: ['2026-12-31'] })).status).toBe(200);
    const after = (await (await head.call(CONSOLE_PATHS.complaint(complaintId))).json()) as ComplaintDetail;
    expect(after.branch).toMatchObject({
      ...contacts,
      address: 'Москва, ул. Тверская, 7',
      extraDaysOff: ['2026-12-31'],
    });
    // …and the branch receives them with its directory.
    const branchChange = (await pull(msk, 0)).changes.find((c) => c.kind === 'branch');
    expect(branchChange).toMatchObject({ branch: { ...contacts, address: 'Москва, ул. Тверская, 7' } });
    const { rows } = await hq.db.pool.query<{ after: Record<string, unknown> }>(
      `SELECT after FROM admin_audit WHERE action = 'branch.change' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]!.after).toMatchObject({ phone: contacts.phone, hours: contacts.hours });
  });

  it('a print is recorded: who, which document, when — for readers of the branch only, with CSRF, bounded', async () => {
    const spb = await enroll(hq, 'SPB-02');
    const other = registration('SPB-02');
    await push(spb, [op(spb, 'complaint.register', other)]);
    const auditor = await consoleUser(hq, 'auditor');
    const admin = await consoleUser(hq, 'admin');
    const printed = { document: 'decision_letter', paper: 'a4', language: 'ru' };
    const print = (c: ConsoleClient, id: string, json: unknown, headers?: Record<string, string>) =>
      c.call(CONSOLE_PATHS.complaintPrinted(id), { method: 'POST', json, ...(headers ? { headers } : {}) });
    const before = (await pull(msk, 0)).cursor;

    expect((await print(manager, complaintId, printed)).status).toBe(204);
    // The auditor may print (the record is for an inspector); the print is still recorded.
    expect((await print(auditor, complaintId, { ...printed, document: 'record' })).status).toBe(204);
    // Another branch's complaint is "not found" for the manager of MSK-01; the admin reads no complaints.
    expect((await print(manager, other.complaint.id, printed)).status).toBe(404);
    expect((await print(admin, complaintId, printed)).status).toBe(403);
    expect((await print(manager, uuidv7(), printed)).status).toBe(404);
    // Bounded, and nothing but the three fields.
    for (const bad of [
      { ...printed, document: 'x'.repeat(5000) },
      { ...printed, paper: 'a3' },
      { ...printed, language: 'de' },
      { ...printed, actor: 'Someone else' },
      { document: 'record' },
    ])
      expect((await print(manager, complaintId, bad)).status).toBe(400);
    // A decision letter only while a decision is in force (nothing recorded: the audit below has two prints).
    const undecided = registration('MSK-01');
    await push(msk, [op(msk, 'complaint.register', undecided)]);
    expect((await print(manager, undecided.complaint.id, printed)).status).toBe(409);
    // CSRF, and no session: refused before the body is read (a huge body still gets 401, not 413).
    expect((await print(manager, complaintId, printed, { 'x-csrf-token': 'forged' })).status).toBe(403);
    const anonymous = await fetch(hq.url + CONSOLE_PATHS.complaintPrinted(complaintId), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: hq.url },
      body: JSON.stringify({ ...printed, pad: 'x'.repeat(3_000_000) }),
    });
    expect(anonymous.status).toBe(401);

    // In the complaint's history at HQ and at the branch, with who printed it.
    const detail = (await (await head.call(CONSOLE_PATHS.complaint(complaintId))).json()) as ComplaintDetail;
    const prints = detail.history.filter((e) => e.type === 'document_printed');
    expect(prints.map((e) => [e.actorId, e.actor, e.data])).toEqual([
      [manager.user.id, manager.user.name, printed],
      [auditor.user.id, auditor.user.name, { ...printed, document: 'record' }],
    ]);
    const pulled = (await pull(msk, before)).changes.flatMap((c) =>
      c.kind === 'event' && c.event.type === 'document_printed' ? [c.event.id] : [],
    );
    expect(pulled).toEqual(prints.map((e) => e.id));
    expect(
      (await pull(spb, 0)).changes.filter((c) => c.kind === 'event' && c.event.type === 'document_printed'),
    ).toEqual([]);
    // In the append-only audit.
    const { rows } = await hq.db.pool.query<{
      actor_id: string;
      target: string;
      after: Record<string, unknown>;
    }>(`SELECT actor_id, target, after FROM admin_audit WHERE action = 'complaint.printed' ORDER BY id`);
    expect(rows.map((r) => [r.actor_id, r.after.document, r.after.eventId])).toEqual([
      [manager.user.id, 'decision_letter', prints[0]!.id],
      [auditor.user.id, 'record', prints[1]!.id],
    ]);
  });
});
