import type { ComplaintEventType } from '../../../../shared/complaints/model';
import { MAX_ATTACHMENT_BYTES } from '../../../../shared/handling/attachments';
import {
  SYNC_SCHEMA_VERSION,
  type OperationPayload,
  type OperationType,
} from '../../../../shared/sync/operations';
import { HQ_PATHS, MAX_PUSH_BATCH, type PushOperation } from '../../../../shared/sync/protocol';
import { mergeEvents } from '../../../../shared/handling/merge';
import { complaintCheckCode, formatCheckCode } from '../../../../shared/documents/check-code';
import { registration, startReview, type TestDevice } from '../../harness';
import { sha } from '../../mail-fixtures';
import { hostileText, hostileValue, mutate, type Rng } from './random';
import { other, type BranchKey, type BranchWorld, type World } from './world';

/**
 * The fuzz suite's request generators (issue 13, item 8): a table of what a client may send, each drawn
 * with its weight. A generator makes one request from its own random generator and the world; it may
 * remember what it made (valid ops to replay, photos to upload) in the run's state.
 *
 * Console routes (`/v1/console/*`, cookie sessions) join by adding their own table — generators that
 * make requests with a session cookie (or a stolen, expired or other user's one) — to the list the test
 * runs (`fuzz.test.ts`), and their checks to CROSS_BRANCH_CHECKS (world.ts).
 */
export interface FuzzRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Bytes written as they are over a socket (framing fetch cannot produce); then hang up, or read the answer. */
  raw?: { bytes: Buffer; then: 'hangup' | 'answer' };
  /** The branch whose device sends it with its own token (for the checks after the run). */
  as?: BranchKey;
  /** A 2xx answer means this branch now has the photo with this hash. */
  uploads?: string;
}

export interface RequestGenerator {
  /** What it tries; the histogram is kept per generator too. */
  name: string;
  weight: number;
  make(rng: Rng, world: World, state: RunState): FuzzRequest;
}

/** What the generators remember while a run's requests are made (in order, from the seed). */
export class RunState {
  /** Valid batches made so far, with their sender (replayed, reordered, split…). */
  readonly batches: Array<{ key: BranchKey; device: TestDevice; ops: PushOperation[] }> = [];
  /** Photos referenced by valid page.add ops, not uploaded yet. */
  readonly pendingPhotos: Record<BranchKey, Buffer[]> = { A: [], B: [] };
  /** Files referenced by valid attachment_added ops, not uploaded yet (issue 15 item 2). */
  readonly pendingAttachments: Record<BranchKey, Buffer[]> = { A: [], B: [] };
  /** Hashes of the files of valid attachment_added ops made so far (issue 15: fetched back by GET). */
  readonly attachedHashes: Record<BranchKey, string[]> = { A: [], B: [] };
  codesUsed = 0;
  readonly usedCodes: string[] = [];
}

const AT = '2026-03-02T09:00:00.000Z';
const JSON_TYPE = { 'content-type': 'application/json' };
const bearer = (device: TestDevice) => ({ authorization: `Bearer ${device.token}` });

function jpeg(rng: Rng, size: number): Buffer {
  const b = rng.bytes(size);
  b[0] = 0xff;
  b[1] = 0xd8;
  return b;
}

function opOf<T extends OperationType>(rng: Rng, device: TestDevice, type: T, payload: OperationPayload<T>) {
  device.seq += 1;
  return {
    opId: rng.uuid(),
    deviceId: device.deviceId,
    deviceSeq: device.seq,
    schemaVersion: SYNC_SCHEMA_VERSION,
    type,
    payload,
    createdAt: AT,
  } satisfies PushOperation;
}

function newComplaint(rng: Rng, branchCode: string, number?: string): OperationPayload<'complaint.register'> {
  const reg = registration(branchCode, new Date(AT));
  const id = rng.uuid();
  reg.complaint.id = id;
  reg.complaint.number =
    number ?? `${branchCode}-2026-${rng.int(1, 9)}${String(rng.int(0, 99_999)).padStart(5, '0')}`;
  for (const e of reg.events) {
    e.id = rng.uuid();
    e.complaintId = id;
  }
  return reg;
}

const header = (rng: Rng, b: BranchWorld, id = rng.uuid()) => ({
  id,
  branchCode: b.code,
  capturedAt: AT,
  capturedBy: 'Olga',
  deadline: '2026-03-03T08:00:00.000Z',
});

function pagePayload(
  rng: Rng,
  b: BranchWorld,
  entryId: string,
  bytes: Buffer,
): OperationPayload<'book.page.add'> {
  const hash = sha(bytes);
  return {
    entry: header(rng, b, entryId),
    page: {
      id: rng.uuid(),
      entryId,
      pageNo: rng.int(1, 5),
      sha256: hash,
      sourceSha256: hash,
      mime: 'image/jpeg',
      size: bytes.length,
      width: 2000,
      height: 1500,
      source: 'camera',
      capturedAt: AT,
      capturedBy: 'Olga',
    },
  };
}

const note = (rng: Rng, complaintId: string, id = rng.uuid()): OperationPayload<'complaint.event'> => ({
  event: { id, complaintId, type: 'note_added', at: AT, actor: 'Olga', data: { text: 'Перезвонил' } },
});

/** Issue 15 item 2: a file attached to the complaint (a PDF whose bytes the branch uploads by their hash). */
const attachment = (
  rng: Rng,
  complaintId: string,
  bytes: Buffer,
  patch: Record<string, unknown> = {},
): OperationPayload<'complaint.event'> => ({
  event: {
    id: rng.uuid(),
    complaintId,
    type: 'attachment_added',
    at: AT,
    actor: 'Olga',
    data: {
      attachmentId: rng.uuid(),
      sha256: sha(bytes),
      fileName: 'чек.pdf',
      mime: 'application/pdf',
      size: bytes.length,
      kind: 'pdf',
      ...patch,
    },
  },
});

function pdf(rng: Rng, size: number): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), rng.bytes(size)]);
}

/** Issue 15: a correction of the complaint's phone (its `before` may well be stale: applied in HQ's order). */
const correction = (rng: Rng, complaintId: string): OperationPayload<'complaint.event'> => ({
  event: {
    id: rng.uuid(),
    complaintId,
    type: 'fields_corrected',
    at: AT,
    actor: 'Olga',
    data: {
      reason: 'Номер с ошибкой',
      changes: [
        { field: 'customer.phone', before: '+7 916 555-12-34', after: `+7 916 555-${rng.int(10, 99)}-00` },
      ],
    },
  },
});

/** Issue 15: `merged` merged into `survivor` (both events of the one op). */
function merge(
  rng: Rng,
  survivor: { id: string; number: string },
  merged: { id: string; number: string },
): OperationPayload<'complaint.merge'> {
  const { into, from } = mergeEvents(survivor, merged, {
    actor: 'Olga',
    now: new Date(AT),
    intoEventId: rng.uuid(),
    fromEventId: rng.uuid(),
  });
  return { survivorId: survivor.id, mergedId: merged.id, into, from };
}

/**
 * Issue 15: a handling event HQ re-checks with the branch's rule (shared/handling/pushed-events) — valid
 * data, mostly refused by HQ's state of the complaint (no decision, nothing pending, an unknown task or
 * callback), or with hostile fields (`hostile`: oversized or odd text, absurd amounts and dates).
 */
function handlingEvent(rng: Rng, complaintId: string, hostile = false): OperationPayload<'complaint.event'> {
  const odd = (fine: string): unknown => (hostile && rng.chance(0.5) ? hostileValue(rng) : fine);
  const text = (fine: string): unknown => (hostile && rng.chance(0.5) ? hostileText(rng) : fine);
  const compensationId = rng.uuid();
  const amount = {
    amountMinor: hostile ? rng.pick([-1, 1.5, Number.MAX_SAFE_INTEGER + 2, 10 ** 12]) : rng.int(0, 2_000_000),
    currency: hostile ? rng.pick(['rub', 'RUBX', '', 'RUB']) : 'RUB',
  };
  const datas: [ComplaintEventType, Record<string, unknown>][] = [
    [
      'callback_promised',
      { callbackId: rng.uuid(), dueAt: odd('2026-03-03T10:00:00Z'), phone: odd('+7 916 555-12-34') },
    ],
    ['callback_done', { callbackId: rng.uuid(), outcome: odd('reached') }],
    ['customer_info_added', { from: text('Клиент'), channel: odd('phone'), text: text('Нашёлся чек') }],
    ['passed_to_head_of_sales', { reason: text('Требует руководство') }],
    ['handed_to_senior', { seniorName: text(rng.pick(['Иван', 'Olga'])), reason: odd('threatening') }],
    [
      'recourse_explained',
      { routes: hostile ? hostileValue(rng) : ['internal_appeal'], country: 'RU', language: odd('ru') },
    ],
    [
      'compensation_decided',
      {
        compensationId,
        answers: {
          longTermCustomer: 'yes',
          willBuyAgain: odd('no'),
          reputationEffect: 'unknown',
          demandsReasonable: 'yes',
          companyFaultPercent: hostile ? rng.pick([101, -5, 50.5]) : 50,
        },
        amount,
        form: odd('refund'),
        approvalRequired: rng.chance(0.5),
        threshold: { amountMinor: 500_000, currency: 'RUB' },
      },
    ],
    [
      rng.chance(0.5) ? 'compensation_approved' : 'compensation_refused',
      {
        compensationId,
        approverRole: odd(rng.pick(['branch_manager', 'head_of_sales'])),
        reason: text('Много'),
      },
    ],
    [
      'task_created',
      {
        taskId: rng.uuid(),
        department: odd('warehouse'),
        ownerName: text('Склад'),
        dueDate: odd(rng.pick(['2026-03-10', '2026-02-01', '9999-12-31'])),
        text: text('Выдать замену'),
      },
    ],
    [
      'task_status_changed',
      { taskId: rng.uuid(), status: odd(rng.pick(['done', 'open', 'cancelled'])), note: text('') },
    ],
  ];
  const [type, data] = rng.pick(datas);
  return {
    event: {
      id: rng.uuid(),
      complaintId,
      type,
      at: hostile && rng.chance(0.3) ? String(hostileValue(rng)) : AT,
      actor: 'Olga',
      ...(rng.chance(0.5) ? { actorId: rng.uuid() } : {}),
      data,
    },
  } as OperationPayload<'complaint.event'>;
}

const review = (rng: Rng, complaintId: string) => {
  const p = startReview(complaintId);
  p.event.id = rng.uuid();
  return p;
};

/** One valid op of the device's own branch, about its own (or new) data. */
function validOp(rng: Rng, w: World, state: RunState, key: BranchKey, device: TestDevice): PushOperation {
  const b = w.branches[key];
  const complaint = rng.pick(b.complaints);
  const entry = rng.pick(b.entries);
  switch (rng.int(0, 10)) {
    case 10:
      return opOf(rng, device, 'complaint.event', handlingEvent(rng, complaint.id));
    case 9: {
      const bytes = pdf(rng, rng.int(100, 4_000));
      state.pendingAttachments[key].push(bytes);
      state.attachedHashes[key].push(sha(bytes));
      return opOf(rng, device, 'complaint.event', attachment(rng, complaint.id, bytes));
    }
    case 7:
      return opOf(rng, device, 'complaint.event', correction(rng, complaint.id));
    case 8: {
      const second = rng.pick(b.complaints);
      return opOf(rng, device, 'complaint.merge', merge(rng, complaint, second));
    }
    case 0: {
      const reg = newComplaint(rng, b.code);
      b.complaints.push({ id: reg.complaint.id, number: reg.complaint.number });
      return opOf(rng, device, 'complaint.register', reg);
    }
    case 1:
      return opOf(rng, device, 'complaint.event', note(rng, complaint.id));
    case 2:
      return opOf(rng, device, 'complaint.transition', review(rng, complaint.id));
    case 3: {
      const bytes = jpeg(rng, rng.int(200, 4_000));
      state.pendingPhotos[key].push(bytes);
      const entryId = rng.chance(0.5) ? entry.id : rng.uuid();
      const p = pagePayload(rng, b, entryId, bytes);
      if (entryId !== entry.id)
        b.entries.push({ id: entryId, pageIds: [p.page.id], hashes: [p.page.sha256] });
      return opOf(rng, device, 'book.page.add', p);
    }
    case 4:
      return opOf(rng, device, 'book.page.remove', {
        entryId: entry.id,
        pageId: rng.pick(entry.pageIds),
        at: AT,
        by: 'Olga',
      });
    case 5:
      return opOf(rng, device, 'book.entry.submit', {
        entry: {
          ...header(rng, b, entry.id),
          complaintId: complaint.id,
          complaintNumber: complaint.number,
          submittedAt: AT,
          pageHashes: entry.hashes,
        },
      });
    default:
      return opOf(rng, device, 'book.entry.fallback', {
        entryId: entry.id,
        at: AT,
        by: 'Olga',
        pages: entry.hashes,
      });
  }
}

/** An op of the device's branch that names the other branch's ids, numbers, hashes, device or op. */
function foreignOp(rng: Rng, w: World, key: BranchKey, device: TestDevice): PushOperation {
  const own = w.branches[key];
  const them = w.branches[other(key)];
  const complaint = rng.pick(them.complaints);
  const entry = rng.pick(them.entries);
  const mine = rng.pick(own.complaints);
  switch (rng.int(0, 18)) {
    case 18:
      // Issue 15: a handling event on the other branch's complaint, or hostile fields on one's own.
      return opOf(
        rng,
        device,
        'complaint.event',
        rng.chance(0.5) ? handlingEvent(rng, complaint.id) : handlingEvent(rng, mine.id, true),
      );
    case 17:
      // A file taken off the other branch's complaint, or an id that is no file of this one.
      return opOf(rng, device, 'complaint.event', {
        event: {
          id: rng.uuid(),
          complaintId: rng.chance(0.5) ? complaint.id : mine.id,
          type: 'attachment_removed',
          at: AT,
          actor: 'x',
          data: { attachmentId: rng.uuid(), reason: hostileText(rng).slice(0, 200) || 'x' },
        },
      });
    case 15:
      // A file attached to the other branch's complaint, or naming the other branch's photo.
      return opOf(
        rng,
        device,
        'complaint.event',
        rng.chance(0.5)
          ? attachment(rng, complaint.id, pdf(rng, 200))
          : attachment(rng, mine.id, pdf(rng, 200), { sha256: rng.pick([...them.photos.keys()]) }),
      );
    case 16:
      // Hostile claims: a size over the limit, a type not accepted, a path for a name, another's id.
      return opOf(
        rng,
        device,
        'complaint.event',
        attachment(
          rng,
          mine.id,
          pdf(rng, 100),
          rng.pick([
            { size: MAX_ATTACHMENT_BYTES + 1 },
            { size: -1 },
            { mime: 'text/html' },
            { fileName: '' },
            { fileName: 'x'.repeat(10_000) },
            { sha256: 'A'.repeat(64) },
            { attachmentId: rng.pick(them.eventIds) },
          ]),
        ),
      );
    case 13:
      return opOf(rng, device, 'complaint.event', correction(rng, complaint.id));
    case 14:
      return opOf(
        rng,
        device,
        'complaint.merge',
        rng.chance(0.5) ? merge(rng, mine, complaint) : merge(rng, complaint, mine),
      );
    case 0:
      return opOf(rng, device, 'complaint.register', newComplaint(rng, own.code, complaint.number));
    case 1: {
      const reg = newComplaint(rng, own.code);
      reg.complaint.id = complaint.id;
      for (const e of reg.events) e.complaintId = complaint.id;
      return opOf(rng, device, 'complaint.register', reg);
    }
    case 2:
      return opOf(rng, device, 'complaint.register', newComplaint(rng, them.code));
    case 3:
      return opOf(rng, device, 'complaint.event', note(rng, complaint.id));
    case 4:
      return opOf(rng, device, 'complaint.event', note(rng, mine.id, rng.pick(them.eventIds)));
    case 5:
      return opOf(rng, device, 'complaint.transition', review(rng, complaint.id));
    case 6:
      return opOf(rng, device, 'book.page.add', pagePayload(rng, own, entry.id, jpeg(rng, 300)));
    case 7: {
      const p = pagePayload(rng, own, rng.uuid(), jpeg(rng, 300));
      p.page.sha256 = rng.pick(entry.hashes);
      p.page.id = rng.pick(entry.pageIds);
      return opOf(rng, device, 'book.page.add', p);
    }
    case 8:
      return opOf(rng, device, 'book.page.remove', {
        entryId: entry.id,
        pageId: rng.pick(entry.pageIds),
        at: AT,
        by: 'x',
      });
    case 9:
      return opOf(rng, device, 'book.entry.submit', {
        entry: {
          ...header(rng, own, rng.chance(0.3) ? entry.id : rng.uuid()),
          complaintId: rng.chance(0.7) ? complaint.id : mine.id,
          complaintNumber: rng.chance(0.3) ? complaint.number : mine.number,
          submittedAt: AT,
          pageHashes: rng.chance(0.5) ? entry.hashes : [...them.photos.keys()].slice(0, rng.int(1, 3)),
        },
      });
    case 10:
      return opOf(rng, device, 'book.entry.fallback', {
        entryId: entry.id,
        at: AT,
        by: 'x',
        pages: entry.hashes,
      });
    case 11:
      // Another device's id in the envelope, or another branch's op id.
      return rng.chance(0.5)
        ? {
            ...opOf(rng, device, 'complaint.event', note(rng, mine.id)),
            deviceId: rng.pick(them.devices).deviceId,
          }
        : { ...opOf(rng, device, 'complaint.event', note(rng, mine.id)), opId: rng.pick(them.opIds) };
    default:
      return opOf(rng, device, 'complaint.register', {
        ...newComplaint(rng, own.code),
        events: newComplaint(rng, them.code).events,
      });
  }
}

const sender = (rng: Rng, w: World) => {
  const key: BranchKey = rng.chance(0.5) ? 'A' : 'B';
  return { key, device: rng.pick(w.branches[key].devices) };
};

const push = (key: BranchKey, device: TestDevice, body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  path: HQ_PATHS.push,
  headers: { ...JSON_TYPE, ...bearer(device), ...headers },
  body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  as: key,
});

/** `{"ops":[…]}` with raw bytes that are not UTF-8 (a lone surrogate's CESU-8 form, 0xFF) inside a string. */
function brokenUtf8(json: string): Buffer {
  const at = json.indexOf('Olga');
  const cut = at < 0 ? Math.floor(json.length / 2) : at;
  return Buffer.concat([
    Buffer.from(json.slice(0, cut)),
    Buffer.from([0xed, 0xa0, 0x80, 0xff, 0xc0, 0x80]),
    Buffer.from(json.slice(cut)),
  ]);
}

const SHA_LIKE = [
  'a'.repeat(63),
  'A'.repeat(64),
  'g'.repeat(64),
  '..%2f..%2fetc%2fpasswd',
  '%00',
  'a'.repeat(65),
  '',
];

export const DEVICE_GENERATORS: RequestGenerator[] = [
  {
    name: 'push: valid ops of the own branch',
    weight: 14,
    make(rng, w, state) {
      const { key, device } = sender(rng, w);
      const ops = Array.from({ length: rng.int(1, 4) }, () => validOp(rng, w, state, key, device));
      state.batches.push({ key, device, ops });
      return push(key, device, { ops });
    },
  },
  {
    name: 'push: replayed, reordered, duplicated ops',
    weight: 6,
    make(rng, w, state) {
      if (state.batches.length === 0) return DEVICE_GENERATORS[0]!.make(rng, w, state);
      const batch = rng.pick(state.batches);
      let ops = rng.shuffle(batch.ops);
      if (rng.chance(0.4)) ops = [...ops, ...ops];
      if (rng.chance(0.3)) ops = ops.map((o) => ({ ...o, deviceSeq: rng.int(1, 1_000) }));
      // Sometimes sent with the token of the branch's other device, or of the other branch.
      const by = rng.chance(0.2)
        ? rng.pick(w.branches[other(batch.key)].devices)
        : rng.pick(w.branches[batch.key].devices);
      const key = w.branches.A.devices.includes(by) ? 'A' : 'B';
      return push(key, by, { ops });
    },
  },
  {
    name: 'push: other branches’ ids, numbers, hashes, devices',
    weight: 12,
    make(rng, w) {
      const { key, device } = sender(rng, w);
      return push(key, device, {
        ops: Array.from({ length: rng.int(1, 3) }, () => foreignOp(rng, w, key, device)),
      });
    },
  },
  {
    name: 'push: valid ops with hostile values',
    weight: 10,
    make(rng, w, state) {
      const { key, device } = sender(rng, w);
      const ops = Array.from({ length: rng.int(1, 3) }, () => {
        const op = validOp(rng, w, state, key, device);
        return rng.chance(0.7) ? { ...op, payload: mutate(rng, op.payload) } : mutate(rng, op);
      });
      return push(key, device, { ops });
    },
  },
  {
    name: 'push: broken envelopes',
    weight: 8,
    make(rng, w, state) {
      const { key, device } = sender(rng, w);
      const op = validOp(rng, w, state, key, device);
      const cases: unknown[] = [
        {},
        { ops: [] },
        { ops: 'all' },
        { ops: null },
        { ops: [null] },
        { ops: Array.from({ length: MAX_PUSH_BATCH + 1 }, () => op) },
        { ops: [{ ...op, deviceSeq: rng.pick([0, -1, 1.5, 2 ** 63, '1', null]) }] },
        { ops: [{ ...op, schemaVersion: rng.pick([0, 2 ** 31, 99, '1', -5]) }] },
        {
          ops: [
            { ...op, type: rng.pick(['__proto__', 'toString', 'complaint.delete', '', 'x'.repeat(65), 7]) },
          ],
        },
        { ops: [{ ...op, opId: rng.pick(['', 'not-a-uuid', 42, rng.uuid().toUpperCase()]) }] },
        { ops: [{ ...op, createdAt: hostileValue(rng) }] },
        { ops: [{ ...op, payload: hostileValue(rng) }] },
        { ops: [op], extra: hostileValue(rng) },
        hostileValue(rng),
        [op],
      ];
      return push(key, device, rng.pick(cases));
    },
  },
  {
    name: 'push: malformed bodies and content types',
    weight: 8,
    make(rng, w, state) {
      const { key, device } = sender(rng, w);
      const json = JSON.stringify({ ops: [validOp(rng, w, state, key, device)] });
      switch (rng.int(0, 9)) {
        case 0:
          return push(key, device, json.slice(0, rng.int(1, json.length - 1)));
        case 1:
          return push(key, device, '{"ops": [' + '{'.repeat(20));
        case 2: {
          // Deep JSON, written out (JSON.stringify itself would overflow the stack).
          const depth = rng.pick([50, 5_000, 100_000]);
          const [open, close] = rng.chance(0.5) ? ['[', ']'] : ['{"a":', '}'];
          return push(key, device, `{"ops":[${open.repeat(depth)}1${close.repeat(depth)}]}`);
        }
        case 3:
          return push(key, device, '['.repeat(100_000) + ']'.repeat(100_000));
        case 4:
          return push(key, device, brokenUtf8(json));
        case 5:
          return push(key, device, json, {
            'content-type': rng.pick([
              'text/plain',
              'application/x-www-form-urlencoded',
              'multipart/form-data; boundary=x',
              'application/json; charset=latin1',
              'application/octet-stream',
              '',
            ]),
          });
        case 6:
          return push(key, device, '');
        case 7:
          // Over the body limit (a push of 200 large complaints stays under it): 13 MB, so rare. Else a
          // payload far over every field's limit.
          return rng.chance(0.1)
            ? push(key, device, `{"ops":[${'"x",'.repeat(3_400_000)}"x"]}`)
            : push(
                key,
                device,
                JSON.stringify({
                  ops: [
                    {
                      ...JSON.parse(json).ops[0],
                      payload: { blob: 'x'.repeat(rng.int(100_000, 1_000_000)) },
                    },
                  ],
                }),
              );
        case 8:
          return push(key, device, json.replace(/"/g, "'"));
        default:
          return push(key, device, '\u0000' + json);
      }
    },
  },
  {
    name: 'pull: cursors and limits',
    weight: 8,
    make(rng, w) {
      const { key, device } = sender(rng, w);
      const value = () =>
        rng.pick([
          '0',
          '1',
          '-1',
          '1.5',
          'NaN',
          'abc',
          '9007199254740992',
          '1e3',
          '',
          '%00',
          '0x10',
          '   7',
          String(rng.int(0, 500)),
        ]);
      const query = rng.pick([
        '',
        `?cursor=${value()}`,
        `?cursor=${value()}&limit=${value()}`,
        `?limit=${value()}`,
        `?cursor=1&cursor=2`,
        `?cursor[a]=1`,
        `?${'x=1&'.repeat(2_000)}`,
      ]);
      return { method: 'GET', path: HQ_PATHS.pull + query, headers: bearer(device), as: key };
    },
  },
  {
    name: 'photos: PUT',
    weight: 10,
    make(rng, w, state) {
      const { key, device } = sender(rng, w);
      const them = w.branches[other(key)];
      const put = (hash: string, body: Buffer, headers: Record<string, string> = {}, uploads?: string) => ({
        method: 'PUT',
        path: HQ_PATHS.photo(hash),
        headers: { ...bearer(device), 'content-type': 'image/jpeg', ...headers },
        body,
        as: key,
        ...(uploads ? { uploads } : {}),
      });
      switch (rng.int(0, 8)) {
        case 0: {
          const bytes = state.pendingPhotos[key].pop() ?? jpeg(rng, rng.int(100, 5_000));
          return put(sha(bytes), bytes, {}, sha(bytes));
        }
        case 1:
          return put(sha(jpeg(rng, 50)), jpeg(rng, 50));
        case 2:
          // Another branch's photo's name with other bytes: a hash mismatch.
          return put(rng.pick([...them.photos.keys()]), jpeg(rng, 500));
        case 3: {
          // Another branch's photo's very bytes: now this branch has it too (it sent it itself).
          const [hash, bytes] = rng.pick([...them.photos.entries()]);
          return put(hash, bytes, {}, hash);
        }
        case 4:
          return put(rng.pick(SHA_LIKE), jpeg(rng, 100));
        case 5:
          // Declared larger than HQ takes.
          return put(sha(jpeg(rng, 10)), Buffer.alloc(w.maxPhotoBytes + 1));
        case 6: {
          const bytes = jpeg(rng, 300);
          return put(
            sha(bytes),
            bytes,
            { 'content-type': rng.pick(['application/json', 'text/plain', '']) },
            sha(bytes),
          );
        }
        case 7: {
          const bytes = jpeg(rng, 300);
          return put(sha(bytes), Buffer.alloc(0));
        }
        default: {
          const hash = rng.pick([...w.branches[key].photos.keys()]);
          return put(hash, w.branches[key].photos.get(hash)!);
        }
      }
    },
  },
  {
    // Issue 15 item 2: the attachment route — the branch's own files, hostile sizes (declared over the
    // 25 MiB bound: refused before the body), wrong hashes, the other branch's bytes and names.
    name: 'attachments: PUT and HEAD',
    weight: 6,
    make(rng, w, state) {
      const { key, device } = sender(rng, w);
      const them = w.branches[other(key)];
      const put = (hash: string, body: Buffer, headers: Record<string, string> = {}, uploads?: string) => ({
        method: 'PUT',
        path: HQ_PATHS.attachment(hash),
        headers: { ...bearer(device), 'content-type': 'application/pdf', ...headers },
        body,
        as: key,
        ...(uploads ? { uploads } : {}),
      });
      switch (rng.int(0, 6)) {
        case 0: {
          const bytes = state.pendingAttachments[key].pop() ?? pdf(rng, rng.int(100, 5_000));
          return put(sha(bytes), bytes, {}, sha(bytes));
        }
        case 1:
          // The other branch's photo's name with other bytes: a hash mismatch.
          return put(rng.pick([...them.photos.keys()]), pdf(rng, 300));
        case 2:
          return put(rng.pick(SHA_LIKE), pdf(rng, 100));
        case 3: {
          // Declares more than the bound (the body that follows is cut short): 413 before it is read.
          const bytes = pdf(rng, 100);
          return {
            method: 'RAW',
            path: '',
            raw: {
              bytes: Buffer.concat([
                Buffer.from(
                  `PUT ${HQ_PATHS.attachment(sha(bytes))} HTTP/1.1\r\nhost: hq\r\n` +
                    `authorization: Bearer ${device.token}\r\n` +
                    `content-length: ${rng.pick([MAX_ATTACHMENT_BYTES + 1, 2 ** 40, Number.MAX_SAFE_INTEGER])}\r\n\r\n`,
                ),
                bytes,
              ]),
              then: rng.chance(0.5) ? 'answer' : 'hangup',
            },
            as: key,
          };
        }
        case 4:
          return put(sha(Buffer.alloc(0)), Buffer.alloc(0));
        case 5: {
          // The other branch's very bytes: now this branch has them too (it sent them itself).
          const [hash, bytes] = rng.pick([...them.photos.entries()]);
          return put(hash, bytes, {}, hash);
        }
        default:
          return {
            method: rng.pick(['HEAD', 'HEAD', 'GET', 'DELETE']),
            path: HQ_PATHS.attachment(
              rng.pick([...them.photos.keys(), sha(rng.bytes(8)), rng.pick(SHA_LIKE)]),
            ),
            headers: bearer(device),
            as: key,
          };
      }
    },
  },
  {
    // Issue 15: a PC fetches a file attached on another PC of its branch — its own branch's files (200
    // once both the op and the bytes arrived), the other branch's files and photos, hashes of nothing,
    // malformed addresses, no or another branch's token. The run checks every 200 afterwards.
    name: 'attachments: GET',
    weight: 4,
    make(rng, w, state) {
      const { key, device } = sender(rng, w);
      const them = other(key);
      const some = (list: string[]) => (list.length > 0 ? rng.pick(list) : sha(rng.bytes(8)));
      const hash = rng.pick([
        rng.pick([...w.branches[key].attachments.keys()]),
        rng.pick([...w.branches[key].attachments.keys()]),
        rng.pick([...w.branches[them].attachments.keys()]),
        some(state.attachedHashes[key]),
        some(state.attachedHashes[key]),
        some(state.attachedHashes[them]),
        rng.pick([...w.branches[them].photos.keys()]),
        rng.pick([...w.branches[key].photos.keys()]),
        sha(rng.bytes(8)),
        rng.pick(SHA_LIKE),
      ]);
      const auth = rng.pick([
        bearer(device),
        bearer(device),
        bearer(device),
        {},
        { authorization: 'Bearer x' },
      ]);
      return { method: 'GET', path: HQ_PATHS.attachment(hash), headers: auth, as: key };
    },
  },
  {
    name: 'photos: HEAD and other methods',
    weight: 6,
    make(rng, w) {
      const { key, device } = sender(rng, w);
      const them = w.branches[other(key)];
      const hash = rng.pick([
        rng.pick([...them.photos.keys()]),
        rng.pick([...w.branches[key].photos.keys()]),
        sha(rng.bytes(8)),
        rng.pick(SHA_LIKE),
      ]);
      return {
        method: rng.pick(['HEAD', 'HEAD', 'HEAD', 'GET', 'DELETE', 'POST', 'PATCH']),
        path: HQ_PATHS.photo(hash),
        headers: bearer(device),
        as: key,
      };
    },
  },
  {
    name: 'enroll',
    weight: 8,
    make(rng, w, state) {
      const post = (body: unknown, headers: Record<string, string> = JSON_TYPE) => ({
        method: 'POST',
        path: HQ_PATHS.enroll,
        headers,
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const devices = [...w.branches.A.devices, ...w.branches.B.devices, w.revoked];
      const fresh = w.codes[state.codesUsed];
      switch (rng.int(0, 7)) {
        case 0:
          if (fresh) {
            state.codesUsed += 1;
            state.usedCodes.push(fresh.code);
            // A real code, with an id of an existing device (the attack) or a new one.
            return post({
              code: fresh.code,
              deviceId: rng.chance(0.6) ? rng.pick(devices).deviceId : rng.uuid(),
              branchCode: fresh.branchCode,
            });
          }
          return post({ code: 'NOPE-NOPE-NOPE', deviceId: rng.uuid(), branchCode: 'FZA-01' });
        case 1:
          // A real code and the other branch: refused, not used up.
          return fresh
            ? post({
                code: fresh.code,
                deviceId: rng.uuid(),
                branchCode: fresh.branchCode === 'FZA-01' ? 'FZB-02' : 'FZA-01',
              })
            : post({});
        case 2:
          return post({
            code: state.usedCodes.length ? rng.pick(state.usedCodes) : 'USED',
            deviceId: rng.uuid(),
            branchCode: 'FZA-01',
          });
        case 3:
          return post({
            code: hostileValue(rng),
            deviceId: hostileValue(rng),
            branchCode: hostileValue(rng),
          });
        case 4:
          return post({ code: hostileText(rng), deviceId: rng.uuid(), branchCode: hostileText(rng) });
        case 5:
          return post(
            JSON.stringify({
              code: 'x'.repeat(rng.int(4_000, 20_000)),
              deviceId: rng.uuid(),
              branchCode: 'FZA-01',
            }),
          );
        case 6:
          return post('{"code": "ABCD', rng.chance(0.5) ? JSON_TYPE : { 'content-type': 'text/plain' });
        default:
          return post(hostileValue(rng));
      }
    },
  },
  {
    name: 'tokens: none, wrong, revoked, malformed',
    weight: 5,
    make(rng, w) {
      const auth = rng.pick([
        undefined,
        '',
        'Bearer',
        'Bearer ',
        `Bearer ${'x'.repeat(43)}`,
        `Bearer ${w.revoked.token}`,
        `Basic ${Buffer.from('admin:admin').toString('base64')}`,
        `bearer ${w.branches.A.devices[0]!.token}x`,
        `Bearer ${w.branches.B.devices[0]!.token.slice(0, -1)}`,
        `Bearer ${'\u00ff'.repeat(10)}`,
        `Bearer ${'y'.repeat(8_000)}`,
      ]);
      const route = rng.pick([
        { method: 'GET', path: `${HQ_PATHS.pull}?cursor=0` },
        { method: 'POST', path: HQ_PATHS.push, body: JSON.stringify({ ops: [] }) },
        { method: 'HEAD', path: HQ_PATHS.photo(sha(rng.bytes(4))) },
        { method: 'PUT', path: HQ_PATHS.photo(sha(rng.bytes(4))), body: rng.bytes(100) },
      ]);
      return { ...route, headers: { ...JSON_TYPE, ...(auth === undefined ? {} : { authorization: auth }) } };
    },
  },
  {
    name: 'methods, addresses, headers',
    weight: 4,
    make(rng, w) {
      const { key, device } = sender(rng, w);
      const method = rng.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'POST', 'HEAD']);
      const path = rng.pick([
        HQ_PATHS.push,
        HQ_PATHS.pull,
        HQ_PATHS.enroll,
        '/v1/photos/',
        '/v1/photos',
        '/v1/',
        '/v1/sync/../enroll',
        '/v1/console/branches',
        '/%2e%2e/%2e%2e/etc/passwd',
        `/v1/sync/pull/${'x'.repeat(3_000)}`,
        '/health?x=' + '%ff'.repeat(100),
        '/',
      ]);
      return {
        method,
        path,
        headers: {
          ...bearer(device),
          ...(rng.chance(0.3)
            ? {
                'x-forwarded-for': hostileText(rng)
                  .slice(0, 100)
                  .replace(/[^\x20-\x7e]/g, ''),
              }
            : {}),
        },
        ...(['GET', 'HEAD', 'OPTIONS'].includes(method) ? {} : { body: JSON.stringify(hostileValue(rng)) }),
        as: key,
      };
    },
  },
  {
    name: 'raw: truncated bodies, hang-ups, broken framing',
    weight: 3,
    make(rng, w) {
      const { key, device } = sender(rng, w);
      const token = `Bearer ${device.token}`;
      const head = (method: string, path: string, headers: Record<string, string | number>) =>
        `${method} ${path} HTTP/1.1\r\n${Object.entries({ host: 'hq', ...headers })
          .map(([k, v]) => `${k}: ${v}`)
          .join('\r\n')}\r\n\r\n`;
      const bytes = jpeg(rng, 2_000);
      const cases: Array<{ bytes: Buffer; then: 'hangup' | 'answer' }> = [
        {
          bytes: Buffer.concat([
            Buffer.from(
              head('PUT', HQ_PATHS.photo(sha(bytes)), {
                authorization: token,
                'content-length': bytes.length,
              }),
            ),
            bytes.subarray(0, rng.int(0, bytes.length - 1)),
          ]),
          then: 'hangup',
        },
        {
          bytes: Buffer.from(
            head('POST', HQ_PATHS.push, {
              authorization: token,
              'content-type': 'application/json',
              'content-length': 5_000,
            }) + '{"ops":[',
          ),
          then: rng.chance(0.3) ? 'answer' : 'hangup',
        },
        {
          bytes: Buffer.from(
            head('POST', HQ_PATHS.push, {
              authorization: token,
              'content-type': 'application/json',
              'content-length': 10,
              'transfer-encoding': 'chunked',
            }) + '0\r\n\r\n',
          ),
          then: 'answer',
        },
        { bytes: Buffer.from('GARBAGE / HTTP/9.9\r\n\r\n'), then: 'answer' },
        {
          bytes: Buffer.from(
            head('POST', HQ_PATHS.push, {
              authorization: token,
              'transfer-encoding': 'chunked',
              'content-type': 'application/json',
            }) + 'zz\r\n{}\r\n0\r\n\r\n',
          ),
          then: 'answer',
        },
        {
          bytes: Buffer.concat([
            Buffer.from(
              head('PUT', HQ_PATHS.photo(sha(bytes)), {
                authorization: token,
                'transfer-encoding': 'chunked',
              }),
            ),
            Buffer.from(`${bytes.length.toString(16)}\r\n`),
            bytes,
            Buffer.from('\r\n0\r\n\r\n'),
          ]),
          then: 'answer',
        },
        {
          bytes: Buffer.from(`GET ${HQ_PATHS.pull} HTTP/1.1\r\nhost: hq\r\nauthorization: ${token}\r\nx-`),
          then: 'hangup',
        },
        { bytes: Buffer.from(`GET /health HTTP/1.0\r\n\r\n`), then: 'answer' },
        { bytes: Buffer.from(head('GET', '/health', { 'x-big': 'y'.repeat(20_000) })), then: 'answer' },
      ];
      const raw = rng.pick(cases);
      return { method: 'RAW', path: '', raw, as: key, ...(raw === cases[5] ? { uploads: sha(bytes) } : {}) };
    },
  },
];

/**
 * Issue 16 item 6: the public status page (`/c/<number>?k=<code>`, no sign-in): right and wrong codes for
 * real numbers of both branches, hostile numbers and codes, other methods, bodies it must not read.
 */
const uri = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
export const STATUS_PAGE_GENERATORS: RequestGenerator[] = [
  {
    name: 'status page: real numbers, right or wrong codes',
    weight: 4,
    make(rng, w) {
      const c = rng.pick(w.branches[rng.pick(['A', 'B'] as const)].complaints);
      const right = complaintCheckCode(c);
      const k = rng.pick([
        right,
        formatCheckCode(right),
        right.toLowerCase(),
        `${right.slice(0, 7)}Z`,
        '',
        right + right,
      ]);
      return { method: 'GET', path: `/c/${uri(c.number)}?k=${uri(k)}` };
    },
  },
  {
    name: 'status page: hostile numbers, codes, methods and bodies',
    weight: 3,
    make(rng, w) {
      const c = rng.pick(w.branches.A.complaints);
      const number = rng.chance(0.5) ? c.number : String(hostileText(rng)).slice(0, rng.int(0, 300));
      const k = rng.chance(0.5) ? String(hostileText(rng)).slice(0, 300) : complaintCheckCode(c);
      const query = rng.pick([`k=${uri(k)}`, `k[]=${uri(k)}&k=1`, '', `k=${'A'.repeat(5000)}`]);
      const path = `/c/${uri(number)}${query ? `?${query}` : ''}`;
      const method = rng.pick(['GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE']);
      if (method === 'GET' || method === 'HEAD')
        return {
          method,
          path,
          headers: {
            'accept-language': rng.pick([
              '',
              'ko',
              '*',
              'xx;q=abc, ru;q=0',
              'en-US,cs;q=2',
              ';;;,,,',
              'q'.repeat(5000),
            ]),
          },
        };
      return { method, path, headers: JSON_TYPE, body: JSON.stringify(hostileValue(rng)).slice(0, 100_000) };
    },
  },
];

/**
 * Issue 16: recording a document printed in the console (`POST /v1/console/complaints/:id/printed`) — by A's
 * manager and an auditor, on A's and B's complaints and ids that are none, with forged or missing sessions
 * and CSRF tokens, foreign origins, hostile and oversized bodies. A print on B's complaint by A's manager
 * must never be recorded (CROSS_BRANCH_CHECKS).
 */
const PRINTED_BODY = { document: 'acknowledgement', paper: 'a4', language: 'ru' };
export const CONSOLE_PRINT_GENERATORS: RequestGenerator[] = [
  {
    name: 'console print: own and other branch’s complaints',
    weight: 3,
    make(rng, w) {
      const user = rng.pick([w.console.managerA, w.console.managerA, w.console.auditor]);
      const c = rng.pick(w.branches[rng.pick(['A', 'B'] as const)].complaints);
      const id = rng.chance(0.9) ? c.id : rng.uuid();
      const body = {
        document: rng.pick(['acknowledgement', 'decision_letter', 'record']),
        paper: rng.pick(['a4', 'receipt80']),
        language: rng.pick(['ru', 'uk', 'en', 'cs', 'ko']),
      };
      return {
        method: 'POST',
        path: `/v1/console/complaints/${id}/printed`,
        headers: { ...JSON_TYPE, cookie: user.cookie, 'x-csrf-token': user.csrf, origin: w.hq.url },
        body: JSON.stringify(body),
      };
    },
  },
  {
    name: 'console print: forged sessions, CSRF, origins, hostile bodies',
    weight: 2,
    make(rng, w) {
      const user = w.console.managerA;
      const c = rng.pick(w.branches[rng.pick(['A', 'B'] as const)].complaints);
      const id = rng.pick([c.id, c.id, String(hostileText(rng)).slice(0, 200), '', `${c.id}/../events`]);
      const cookie = rng.pick([
        user.cookie,
        user.cookie,
        `${user.cookie}x`,
        '',
        `otklik_session=${'a'.repeat(43)}`,
      ]);
      const csrf = rng.pick([user.csrf, user.csrf, w.console.auditor.csrf, '', 'x'.repeat(5_000)]);
      const origin = rng.pick([w.hq.url, w.hq.url, 'https://evil.example', 'null']);
      const body = rng.pick([
        () => JSON.stringify({ ...PRINTED_BODY, ...(hostileValue(rng) as object) }),
        () => JSON.stringify({ ...PRINTED_BODY, actor: hostileText(rng), actorId: rng.uuid() }),
        () =>
          JSON.stringify({
            document: hostileValue(rng),
            paper: hostileValue(rng),
            language: hostileValue(rng),
          }),
        () => JSON.stringify(hostileValue(rng)).slice(0, 100_000),
        () => JSON.stringify({ ...PRINTED_BODY, pad: 'x'.repeat(rng.int(100_000, 3_000_000)) }),
        () => '{"document": "record", ',
      ])();
      const method = rng.pick(['POST', 'POST', 'POST', 'PUT', 'DELETE']);
      return {
        method,
        path: `/v1/console/complaints/${uri(id)}/printed`,
        headers: {
          'content-type': rng.pick(['application/json', 'application/json', 'text/plain']),
          ...(cookie ? { cookie } : {}),
          ...(csrf ? { 'x-csrf-token': csrf } : {}),
          origin,
        },
        body,
      };
    },
  },
];

/** Picks a generator by weight. */
export function pickGenerator(rng: Rng, generators: readonly RequestGenerator[]): RequestGenerator {
  const total = generators.reduce((sum, g) => sum + g.weight, 0);
  let x = rng.next() * total;
  for (const g of generators) {
    x -= g.weight;
    if (x < 0) return g;
  }
  return generators.at(-1)!;
}
