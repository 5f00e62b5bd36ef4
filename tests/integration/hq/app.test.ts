import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { createEnrollment } from '../../../hq/branches/enrollment';
import { transitionAtHq } from '../../../hq/complaints/transitions';
import { migrate } from '../../../hq/db/migrate';
import {
  HQ_PATHS,
  MAX_PUSH_BATCH,
  errorBodySchema,
  pullResponseSchema,
  pushResponseSchema,
  type PullResponse,
  type PushOperation,
} from '../../../shared/sync/protocol';
import {
  DATABASE_KINDS,
  call,
  count,
  enroll,
  op,
  registration,
  startHq,
  startReview,
  type RunningHq,
  type TestDevice,
} from '../harness';
import { MSK01 } from '../../fixtures';

const push = async (hq: RunningHq, device: TestDevice, ops: PushOperation[]) => {
  const res = await call(hq, device, HQ_PATHS.push, { method: 'POST', body: JSON.stringify({ ops }) });
  expect(res.status).toBe(200);
  return pushResponseSchema.parse(await res.json()).results;
};

const pull = async (hq: RunningHq, device: TestDevice, cursor = 0, limit = 500): Promise<PullResponse> => {
  const res = await call(hq, device, `${HQ_PATHS.pull}?cursor=${cursor}&limit=${limit}`);
  expect(res.status).toBe(200);
  return pullResponseSchema.parse(await res.json());
};

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const photoBytes = (n: number, seed: number) =>
  Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) % 251);

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = errorBodySchema.parse(await res.json());
  expect(body.code).toBe(code);
  expect(body.message.length).toBeGreaterThan(10);
}

describe.each(DATABASE_KINDS)('HQ on %s', (kind) => {
  let hq: RunningHq;
  let a: TestDevice;
  let b: TestDevice;
  let branchSeq = 0;
  const branch = () => `T${kind === 'pglite' ? 'L' : 'P'}-${String(++branchSeq).padStart(2, '0')}`;

  beforeAll(async () => {
    hq = await startHq(kind, { maxPhotoBytes: 1024 * 1024 });
    a = await enroll(hq, MSK01.code);
    b = await enroll(hq, 'SPB-02');
  }, 60_000);
  afterAll(async () => hq?.close());

  it('answers /health with the database kind and version', async () => {
    const res = await call(hq, null, HQ_PATHS.health);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.database.kind).toBe(kind);
    expect(body.database.version).toMatch(/^\d+/);
  });

  it('migrations are idempotent', async () => {
    expect(await migrate(hq.db.pool)).toEqual([]);
  });

  it('R23: the same batch pushed twice is applied once', async () => {
    const d = await enroll(hq, branch());
    const reg = registration(d.branchCode);
    const batch = [
      op(d, 'complaint.register', reg),
      op(d, 'complaint.transition', startReview(reg.complaint.id)),
    ];
    const first = await push(hq, d, batch);
    expect(first.map((r) => [r.outcome, r.duplicate])).toEqual([
      ['applied', false],
      ['applied', false],
    ]);
    const second = await push(hq, d, batch);
    expect(second.map((r) => [r.opId, r.outcome, r.duplicate])).toEqual(
      batch.map((o) => [o.opId, 'applied', true]),
    );
    expect(await count(hq, 'SELECT 1 FROM complaints WHERE id = $1', [reg.complaint.id])).toBe(1);
    expect(
      await count(hq, 'SELECT 1 FROM complaint_events WHERE complaint_id = $1', [reg.complaint.id]),
    ).toBe(3);
    expect(await count(hq, 'SELECT 1 FROM ops WHERE device_id = $1', [d.deviceId])).toBe(2);
    const { rows } = await hq.db.pool.query('SELECT status FROM complaints WHERE id = $1', [
      reg.complaint.id,
    ]);
    expect(rows[0].status).toBe('in_review');
  });

  it('issue 17: a push of MAX_PUSH_BATCH ops is applied whole; HQ says it takes that many when it enrolls a device and with every pull', async () => {
    const d = await enroll(hq, branch());
    expect(d.maxPushBatch).toBe(MAX_PUSH_BATCH);
    const batch = Array.from({ length: MAX_PUSH_BATCH }, () =>
      op(d, 'complaint.register', registration(d.branchCode)),
    );
    const results = await push(hq, d, batch);
    expect(results.map((r) => [r.opId, r.outcome])).toEqual(batch.map((o) => [o.opId, 'applied']));
    expect(await count(hq, 'SELECT 1 FROM ops WHERE device_id = $1', [d.deviceId])).toBe(MAX_PUSH_BATCH);
    expect((await pull(hq, d, 0, 1)).maxPushBatch).toBe(MAX_PUSH_BATCH);
  });

  it('out-of-order and duplicate delivery: every op once, gaps recorded as incidents', async () => {
    const d = await enroll(hq, branch());
    const regs = [registration(d.branchCode), registration(d.branchCode), registration(d.branchCode)];
    const [o1, o2, o3] = regs.map((r) => op(d, 'complaint.register', r)) as [
      PushOperation,
      PushOperation,
      PushOperation,
    ];
    // 1 and 3 arrive first (3 twice in the same batch), 2 later, then everything again.
    expect((await push(hq, d, [o3, o1, o3])).map((r) => r.outcome)).toEqual([
      'applied',
      'applied',
      'applied',
    ]);
    expect(
      await count(hq, `SELECT 1 FROM incidents WHERE device_id = $1 AND kind = 'device_seq_gap'`, [
        d.deviceId,
      ]),
    ).toBe(1);
    expect((await push(hq, d, [o2]))[0]).toMatchObject({ outcome: 'applied', duplicate: false });
    expect(
      await count(hq, `SELECT 1 FROM incidents WHERE device_id = $1 AND kind = 'device_seq_late'`, [
        d.deviceId,
      ]),
    ).toBe(1);
    expect((await push(hq, d, [o1, o2, o3])).every((r) => r.duplicate)).toBe(true);
    expect(
      await count(hq, 'SELECT 1 FROM complaints c JOIN branches b ON b.id = c.branch_id WHERE b.code = $1', [
        d.branchCode,
      ]),
    ).toBe(3);
    const { rows } = await hq.db.pool.query('SELECT last_seq FROM devices WHERE id = $1', [d.deviceId]);
    expect(rows[0].last_seq).toBe(3);
  });

  it('a rejected op is acknowledged with its reason and does not block the ops after it', async () => {
    const d = await enroll(hq, branch());
    const reg = registration(d.branchCode);
    const review = startReview(reg.complaint.id);
    const stale = startReview(reg.complaint.id); // again from "registered": HQ is already in review
    const later = registration(d.branchCode);
    const results = await push(hq, d, [
      op(d, 'complaint.register', reg),
      op(d, 'complaint.transition', review),
      op(d, 'complaint.transition', stale),
      op(d, 'complaint.event', {
        event: {
          id: uuidv7(),
          complaintId: uuidv7(),
          type: 'note_added',
          at: '2026-03-02T11:00:00Z',
          actor: 'Ольга',
          data: { text: 'x' },
        },
      }),
      { ...op(d, 'complaint.register', later), payload: { complaint: { id: 'not-a-uuid' } } },
      op(d, 'complaint.register', later),
    ]);
    expect(results.map((r) => [r.outcome, r.reason])).toEqual([
      ['applied', undefined],
      ['applied', undefined],
      ['rejected', 'stale_status'],
      ['rejected', 'unknown_complaint'],
      ['rejected', 'invalid_payload'],
      ['applied', undefined],
    ]);
    // A transition the lifecycle rules refuse (decide without a decision) is refused at HQ too.
    const decide = op(d, 'complaint.transition', {
      complaintId: reg.complaint.id,
      from: 'in_review',
      to: 'decided',
      event: {
        id: uuidv7(),
        complaintId: reg.complaint.id,
        type: 'status_changed',
        at: '2026-03-03T10:00:00Z',
        actor: 'Ольга',
        data: { from: 'in_review', to: 'decided', transition: 'decide' },
      },
    });
    expect((await push(hq, d, [decide]))[0]).toMatchObject({
      outcome: 'rejected',
      reason: 'decision_required',
    });
    expect(
      await count(hq, 'SELECT 1 FROM complaint_events WHERE complaint_id = $1', [reg.complaint.id]),
    ).toBe(3);
  });

  it('an op whose data breaks a constraint is rejected as a conflict; the rest of the batch applies', async () => {
    const d = await enroll(hq, branch());
    const first = registration(d.branchCode);
    const reused = registration(d.branchCode);
    reused.events[0]!.id = first.events[0]!.id; // an event id HQ already has, from another complaint
    const third = registration(d.branchCode);
    const results = await push(hq, d, [
      op(d, 'complaint.register', first),
      op(d, 'complaint.register', reused),
      op(d, 'complaint.register', third),
    ]);
    expect(results.map((r) => [r.outcome, r.reason])).toEqual([
      ['applied', undefined],
      ['rejected', 'conflict'],
      ['applied', undefined],
    ]);
    expect(await count(hq, 'SELECT 1 FROM complaints WHERE id = $1', [reused.complaint.id])).toBe(0);
    expect(
      await count(hq, 'SELECT 1 FROM complaint_events WHERE complaint_id = $1', [third.complaint.id]),
    ).toBe(2);
  });

  it('R24: a device of branch A can neither read nor write branch B', async () => {
    const regB = registration(b.branchCode);
    expect((await push(hq, b, [op(b, 'complaint.register', regB)]))[0]!.outcome).toBe('applied');
    const bytes = photoBytes(1000, 7);
    expect((await call(hq, b, HQ_PATHS.photo(sha(bytes)), { method: 'PUT', body: bytes })).status).toBe(201);

    // Read: nothing of B in A's pull, and B's photo is not "there" for A.
    const seen = await pull(hq, a);
    const ids = seen.changes.flatMap((c) =>
      c.kind === 'complaint' ? [c.complaint.id] : c.kind === 'event' ? [c.event.complaintId] : [],
    );
    expect(ids).not.toContain(regB.complaint.id);
    expect(
      seen.changes.filter((c) => c.kind === 'branch').map((c) => c.kind === 'branch' && c.branch.code),
    ).not.toContain(b.branchCode);
    expect((await call(hq, a, HQ_PATHS.photo(sha(bytes)), { method: 'HEAD' })).status).toBe(404);
    // B's photo uploaded by A is stored for A only after A sends the bytes itself, and is "new" to A: that
    // B has the same bytes is not A's to learn (issue 13).
    const put = await call(hq, a, HQ_PATHS.photo(sha(bytes)), { method: 'PUT', body: bytes });
    expect(put.status).toBe(201);
    expect((await put.json()).stored).toBe('new');

    // Write: a complaint claiming B's branch, an event on B's complaint, a transition of it, B's device id.
    const forged = registration(b.branchCode);
    const results = await push(hq, a, [
      op(a, 'complaint.register', forged),
      op(a, 'complaint.event', {
        event: {
          id: uuidv7(),
          complaintId: regB.complaint.id,
          type: 'note_added',
          at: '2026-03-02T11:00:00Z',
          actor: 'x',
          data: { text: 'x' },
        },
      }),
      op(a, 'complaint.transition', startReview(regB.complaint.id)),
      { ...op(a, 'complaint.register', registration(a.branchCode)), deviceId: b.deviceId },
    ]);
    expect(results.map((r) => r.reason)).toEqual([
      'wrong_branch',
      'unknown_complaint',
      'unknown_complaint',
      'wrong_device',
    ]);
    const { rows } = await hq.db.pool.query('SELECT status FROM complaints WHERE id = $1', [
      regB.complaint.id,
    ]);
    expect(rows[0].status).toBe('registered');
    expect(await count(hq, 'SELECT 1 FROM complaints WHERE id = $1', [forged.complaint.id])).toBe(0);
  });

  it('photos: wrong hash → 422, twice → stored once, too large → 413, HEAD tells presence', async () => {
    const d = await enroll(hq, branch());
    const bytes = photoBytes(300_000, 3);
    const hash = sha(bytes);
    const wrong = await call(hq, d, HQ_PATHS.photo(hash), { method: 'PUT', body: photoBytes(300_000, 4) });
    await expectError(wrong, 422, 'hash_mismatch');
    expect((await call(hq, d, HQ_PATHS.photo(hash), { method: 'HEAD' })).status).toBe(404);
    expect(readdirSync(join(hq.dataDir, 'photos', 'tmp'))).toEqual([]);

    expect((await call(hq, d, HQ_PATHS.photo(hash), { method: 'PUT', body: bytes })).status).toBe(201);
    const again = await call(hq, d, HQ_PATHS.photo(hash), { method: 'PUT', body: bytes });
    expect(again.status).toBe(200);
    expect((await again.json()).stored).toBe('already');
    // The bytes sent again were dropped, not kept: nothing in the temporary folder either.
    expect(readdirSync(join(hq.dataDir, 'photos', 'tmp'))).toEqual([]);
    expect((await call(hq, d, HQ_PATHS.photo(hash), { method: 'HEAD' })).status).toBe(200);
    expect(readdirSync(join(hq.dataDir, 'photos', hash.slice(0, 2), hash.slice(2, 4)))).toEqual([hash]);
    expect(await count(hq, 'SELECT 1 FROM photos WHERE sha256 = $1', [hash])).toBe(1);

    const big = photoBytes(1024 * 1024 + 1, 5);
    await expectError(
      await call(hq, d, HQ_PATHS.photo(sha(big)), { method: 'PUT', body: big }),
      413,
      'payload_too_large',
    );
    await expectError(
      await call(hq, d, HQ_PATHS.photo('abc'), { method: 'PUT', body: bytes }),
      400,
      'bad_request',
    );
  });

  it('pull: changes since a cursor, paged; a status set at HQ comes down', async () => {
    const d = await enroll(hq, branch());
    const regs = Array.from({ length: 4 }, () => registration(d.branchCode));
    await push(
      hq,
      d,
      regs.map((r) => op(d, 'complaint.register', r)),
    );
    // Issue 13: every pull carries HQ's clock, which the workstation compares with its own.
    const before = Date.now();
    const first = await pull(hq, d, 0, 1);
    expect(Date.parse(first.serverTime!)).toBeGreaterThanOrEqual(before - 1_000);
    expect(Date.parse(first.serverTime!)).toBeLessThanOrEqual(Date.now() + 1_000);
    const all: PullResponse['changes'] = [];
    let cursor = 0;
    let pages = 0;
    for (;;) {
      const page = await pull(hq, d, cursor, 5);
      pages++;
      all.push(...page.changes);
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(pages).toBeGreaterThan(1);
    const versions = all.map((c) => c.version);
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
    expect(
      new Set(all.filter((c) => c.kind === 'event').map((c) => c.kind === 'event' && c.event.id)).size,
    ).toBe(8);
    expect((await pull(hq, d, cursor)).changes).toEqual([]);

    await transitionAtHq(hq.db.pool, regs[0]!.complaint.number, { to: 'in_review', actor: 'Head of sales' });
    const after = await pull(hq, d, cursor);
    const complaint = after.changes.find((c) => c.kind === 'complaint');
    expect(complaint?.kind === 'complaint' && complaint.complaint.status).toBe('in_review');
    expect(complaint?.kind === 'complaint' && complaint.complaint.progress.status).toBe('in_review');
    expect(after.changes.some((c) => c.kind === 'event' && c.event.actor === 'Head of sales')).toBe(true);
  });

  it('bad requests get 4xx with a code and a message', async () => {
    await expectError(
      await call(hq, null, HQ_PATHS.push, { method: 'POST', body: '{}' }),
      401,
      'unauthorized',
    );
    await expectError(await call(hq, { ...a, token: 'nope' }, HQ_PATHS.pull), 401, 'unauthorized');
    await expectError(
      await call(hq, a, HQ_PATHS.push, { method: 'POST', body: '{"ops":' }),
      400,
      'invalid_body',
    );
    await expectError(
      await call(hq, a, HQ_PATHS.push, { method: 'POST', body: '{"ops":[]}' }),
      400,
      'invalid_body',
    );
    await expectError(await call(hq, a, `${HQ_PATHS.pull}?cursor=-1`), 400, 'invalid_body');
    await expectError(await call(hq, a, '/v1/nothing'), 404, 'not_found');
    const huge = JSON.stringify({ ops: [{ padding: 'x'.repeat(14 * 1024 * 1024) }] });
    await expectError(
      await call(hq, a, HQ_PATHS.push, { method: 'POST', body: huge }),
      413,
      'payload_too_large',
    );
  });

  it('numbers and sizes out of range are client mistakes: 400 with a code, never a 500', async () => {
    for (const cursor of ['100000000000000000000', '9007199254740992', '1e400', '1.5', 'abc'])
      await expectError(await call(hq, a, `${HQ_PATHS.pull}?cursor=${cursor}`), 400, 'invalid_body');
    await expectError(await call(hq, a, `${HQ_PATHS.pull}?limit=100000000000000000000`), 400, 'invalid_body');
    const device = await enroll(hq, branch());
    const good = op(device, 'complaint.register', registration(device.branchCode));
    const bad: Array<Partial<PushOperation>> = [
      { schemaVersion: 2 ** 31 },
      { schemaVersion: 2 ** 53 },
      { deviceSeq: 2 ** 63 },
      { deviceSeq: Number.MAX_SAFE_INTEGER + 1 },
      { type: 'x'.repeat(65) },
      { createdAt: 'x'.repeat(41) },
      // Text PostgreSQL cannot store (a NUL) in the envelope.
      { type: 'complaint.\u0000register' },
    ];
    for (const patch of bad)
      await expectError(
        await call(hq, device, HQ_PATHS.push, {
          method: 'POST',
          body: JSON.stringify({ ops: [{ ...good, ...patch }] }),
        }),
        400,
        'invalid_body',
      );
    await expectError(
      await call(hq, device, HQ_PATHS.enroll, {
        method: 'POST',
        body: JSON.stringify({ code: 'ABCD', deviceId: uuidv7(), branchCode: 'MSK\u0000' }),
      }),
      400,
      'invalid_body',
    );
    const tooMany = Array.from({ length: MAX_PUSH_BATCH + 1 }, () => ({ ...good, opId: uuidv7() }));
    await expectError(
      await call(hq, device, HQ_PATHS.push, { method: 'POST', body: JSON.stringify({ ops: tooMany }) }),
      400,
      'invalid_body',
    );
    // Nothing of the refused requests was stored, and the op itself still goes through.
    expect(await count(hq, 'SELECT 1 FROM ops WHERE device_id = $1', [device.deviceId])).toBe(0);
    expect((await push(hq, device, [good]))[0]?.outcome).toBe('applied');
    // A payload the database cannot store (a pasted NUL or broken character, absurd nesting) is one
    // refused op, acknowledged with its reason: it does not block the queue.
    const fresh = () => op(device, 'complaint.register', registration(device.branchCode));
    const nul = fresh();
    nul.payload = { ...(nul.payload as object), note: 'a\u0000b' };
    const half = fresh();
    half.payload = { ...(half.payload as object), ['\ud800']: 1 };
    const deep = fresh();
    const missing = { ...fresh(), payload: null };
    // A complaint number is indexed: one longer than any real number must not overflow the index (a 500).
    const longNumber = fresh();
    const reg = longNumber.payload as ReturnType<typeof registration>;
    longNumber.payload = {
      ...reg,
      complaint: { ...reg.complaint, number: randomBytes(8_000).toString('base64') },
    };
    const body = JSON.stringify({ ops: [nul, half, deep, missing, longNumber] }).replace(
      `"payload":${JSON.stringify(deep.payload)}`,
      `"payload":${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    );
    const res = await call(hq, device, HQ_PATHS.push, { method: 'POST', body });
    expect(res.status).toBe(200);
    expect(pushResponseSchema.parse(await res.json()).results.map((x) => x.reason)).toEqual([
      'invalid_payload',
      'invalid_payload',
      'invalid_payload',
      'invalid_payload',
      'invalid_payload',
    ]);
    // The largest values the contract allows are stored as they are.
    const last = { ...op(device, 'complaint.register', registration(device.branchCode)) };
    last.deviceSeq = Number.MAX_SAFE_INTEGER;
    last.schemaVersion = 2 ** 31 - 1;
    const [r] = await push(hq, device, [last]);
    expect(r).toMatchObject({ outcome: 'rejected', reason: 'unsupported_schema_version' });
    expect((await pull(hq, device, Number.MAX_SAFE_INTEGER)).changes).toEqual([]);
  });

  it('enrollment: one-time code, another branch refused without using the code up, token hashed', async () => {
    const code = branch();
    const { code: secret } = await createEnrollment(hq.db.pool, { code, name: 'X' });
    const ask = (branchCode: string, deviceId = uuidv7()) =>
      call(hq, null, HQ_PATHS.enroll, {
        method: 'POST',
        body: JSON.stringify({ code: secret.toLowerCase(), deviceId, branchCode }),
      });
    await expectError(await ask('MSK-01'), 409, 'branch_mismatch');
    const ok = await ask(code);
    expect(ok.status).toBe(200);
    const { deviceToken, branch: dir } = await ok.json();
    expect(dir.code).toBe(code);
    await expectError(await ask(code), 403, 'enrollment_code_invalid');
    expect(await count(hq, 'SELECT 1 FROM devices WHERE token_hash = $1', [deviceToken])).toBe(0);
    await expectError(
      await call(hq, null, HQ_PATHS.enroll, { method: 'POST', body: '{"code":1}' }),
      400,
      'invalid_body',
    );
  });

  it('re-enrolment creates a new device: no other device loses its token, whatever id is proposed (issue 13)', async () => {
    const code = branch();
    const d = await enroll(hq, code);
    const other = await enroll(hq, branch());
    await pull(hq, d); // now in HQ's auth cache
    const again = async (deviceId: string) => {
      const { code: secret } = await createEnrollment(hq.db.pool, { code });
      const res = await call(hq, null, HQ_PATHS.enroll, {
        method: 'POST',
        body: JSON.stringify({ code: secret, deviceId, branchCode: code }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { deviceId: string; deviceToken: string };
    };
    // This branch's device's id, another branch's device's id: each answered alike, with a new device.
    const mine = await again(d.deviceId);
    const theirs = await again(other.deviceId);
    for (const answer of [mine, theirs]) {
      expect([d.deviceId, other.deviceId]).not.toContain(answer.deviceId);
      await pull(hq, { ...d, deviceId: answer.deviceId, token: answer.deviceToken });
    }
    // Both old devices keep their tokens (an admin revokes one: npm run hq -- revoke).
    await pull(hq, d);
    await pull(hq, other);
    expect(
      await count(hq, 'SELECT 1 FROM devices WHERE id = ANY($1::uuid[])', [[mine.deviceId, theirs.deviceId]]),
    ).toBe(2);
    // An op the old device pushed and whose answer was lost comes again from the new one (the app renumbers
    // its queue for the new device): it is a retry, applied once; from another branch it is a conflict.
    const sent = op(d, 'complaint.register', registration(code));
    await push(hq, d, [sent]);
    const renewed = { ...d, deviceId: mine.deviceId, token: mine.deviceToken };
    const retry = { ...sent, deviceId: renewed.deviceId, deviceSeq: 1 };
    expect(await push(hq, renewed, [retry])).toEqual([
      { opId: sent.opId, outcome: 'applied', duplicate: true },
    ]);
    expect((await push(hq, other, [{ ...sent, deviceId: other.deviceId }]))[0]).toMatchObject({
      outcome: 'rejected',
      reason: 'conflict',
      duplicate: false,
    });
    // HQ gives the id, whatever is proposed: a fresh id is not kept either, so the answer never tells
    // whether a device (of this branch or another) has the proposed one.
    const fresh = uuidv7();
    expect((await again(fresh)).deviceId).not.toBe(fresh);
  });
});
