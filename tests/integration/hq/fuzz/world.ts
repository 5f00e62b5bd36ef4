import { v7 as uuidv7 } from 'uuid';
import { createEnrollment } from '../../../../hq/branches/enrollment';
import { revokeDevice } from '../../../../hq/devices/registry';
import { branchOfNumber } from '../../../../shared/complaints/numbering';
import {
  HQ_PATHS,
  pullResponseSchema,
  pushResponseSchema,
  type Change,
} from '../../../../shared/sync/protocol';
import { consoleUser, type ConsoleClient } from '../../console-client';
import { call, enroll, op, type RunningHq, type TestDevice } from '../../harness';
import { pageBytes, pushEntry, sha, uploadPages } from '../../mail-fixtures';

/**
 * What the fuzz suite attacks (issue 13, item 8): HQ with two branches, each with complaints, feedback-book
 * entries and photos of its own. Branch A has two devices and a revoked one; B has one. The generators
 * name A's and B's ids, numbers and hashes; the checks after the run ask whether any of them crossed over.
 */
export type BranchKey = 'A' | 'B';

export interface BranchWorld {
  key: BranchKey;
  code: string;
  branchId: number;
  devices: TestDevice[];
  complaints: Array<{ id: string; number: string }>;
  entries: Array<{ id: string; pageIds: string[]; hashes: string[] }>;
  eventIds: string[];
  opIds: string[];
  /** Photos this branch has at HQ (and their bytes). */
  photos: Map<string, Buffer>;
  /** Issue 15: files attached to one of its complaints, whose bytes it uploaded (hash → bytes). */
  attachments: Map<string, Buffer>;
}

export interface World {
  hq: RunningHq;
  branches: Record<BranchKey, BranchWorld>;
  /** A device of A whose token was revoked before the run. */
  revoked: TestDevice;
  /** Unused enrollment codes, each for one branch; a generator uses each at most once. */
  codes: Array<{ code: string; branchCode: string }>;
  maxPhotoBytes: number;
  /** Console users signed in for the run (issue 16: recording printed documents): A's manager, an auditor. */
  console: { managerA: ConsoleClient; auditor: ConsoleClient };
}

export const other = (key: BranchKey): BranchKey => (key === 'A' ? 'B' : 'A');

async function branchData(hq: RunningHq, key: BranchKey, code: string, devices: TestDevice[]) {
  const q = async <R>(sql: string) => (await hq.db.pool.query<R & object>(sql, [code])).rows;
  const [branch] = await q<{ id: number }>('SELECT id FROM branches WHERE code = $1');
  const complaints = await q<{ id: string; number: string }>(
    'SELECT c.id, c.number FROM complaints c JOIN branches b ON b.id = c.branch_id WHERE b.code = $1 ORDER BY c.id',
  );
  const pages = await q<{ entry_id: string; id: string; sha256: string }>(
    `SELECT p.entry_id, p.id, p.sha256 FROM book_pages p JOIN branches b ON b.id = p.branch_id
      WHERE b.code = $1 ORDER BY p.entry_id, p.page_no`,
  );
  const entries = new Map<string, { id: string; pageIds: string[]; hashes: string[] }>();
  for (const p of pages) {
    const e = entries.get(p.entry_id) ?? { id: p.entry_id, pageIds: [], hashes: [] };
    e.pageIds.push(p.id);
    e.hashes.push(p.sha256);
    entries.set(p.entry_id, e);
  }
  const events = await q<{ id: string }>(
    'SELECT e.id FROM complaint_events e JOIN branches b ON b.id = e.branch_id WHERE b.code = $1 ORDER BY e.id',
  );
  const ops = await q<{ op_id: string }>(
    'SELECT o.op_id FROM ops o JOIN branches b ON b.id = o.branch_id WHERE b.code = $1 ORDER BY o.op_id',
  );
  return {
    key,
    code,
    branchId: branch!.id,
    devices,
    complaints,
    entries: [...entries.values()],
    eventIds: events.map((e) => e.id),
    opIds: ops.map((o) => o.op_id),
    photos: new Map<string, Buffer>(),
    attachments: new Map<string, Buffer>(),
  };
}

/** Issue 15: a PDF attached to the branch's first complaint, its bytes uploaded (GET fetches it back). */
async function attachFile(hq: RunningHq, b: BranchWorld, seed: number) {
  const device = b.devices[0]!;
  const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), pageBytes(1_000, seed)]);
  const hash = sha(bytes);
  const complaint = b.complaints[0]!;
  const res = await call(hq, device, HQ_PATHS.push, {
    method: 'POST',
    body: JSON.stringify({
      ops: [
        op(device, 'complaint.event', {
          event: {
            id: uuidv7(),
            complaintId: complaint.id,
            type: 'attachment_added',
            at: '2026-03-02T09:30:00.000Z',
            actor: 'Olga',
            data: {
              attachmentId: uuidv7(),
              sha256: hash,
              fileName: 'акт.pdf',
              mime: 'application/pdf',
              size: bytes.length,
              kind: 'pdf',
            },
          },
        }),
      ],
    }),
  });
  const outcome =
    res.status === 200 ? pushResponseSchema.parse(await res.json()).results[0]?.outcome : res.status;
  if (outcome !== 'applied') throw new Error(`attaching a file for the fuzz world: ${outcome}`);
  const put = await call(hq, device, HQ_PATHS.attachment(hash), {
    method: 'PUT',
    body: new Uint8Array(bytes),
  });
  if (put.status !== 201) throw new Error(`uploading a file for the fuzz world: ${put.status}`);
  b.attachments.set(hash, bytes);
}

export async function buildWorld(hq: RunningHq, options: { codes: number; maxPhotoBytes: number }) {
  const codes = { A: 'FZA-01', B: 'FZB-02' } as const;
  const devices = {
    A: [await enroll(hq, codes.A), await enroll(hq, codes.A)],
    B: [await enroll(hq, codes.B)],
  };
  const revoked = await enroll(hq, codes.A);
  await revokeDevice(hq.db.pool, revoked.deviceId, 0);
  const photos = { A: new Map<string, Buffer>(), B: new Map<string, Buffer>() };
  for (const key of ['A', 'B'] as const) {
    const device = devices[key][0]!;
    for (let i = 0; i < 2; i++) {
      const entry = await pushEntry(hq, device, { pages: 2, seed: (key === 'A' ? 100 : 200) + i });
      await uploadPages(hq, device, entry.pages);
      for (const p of entry.pages) photos[key].set(sha(p), p);
    }
    // A photo uploaded with no entry yet.
    const loose = pageBytes(2_000, key === 'A' ? 301 : 302);
    await uploadPages(hq, device, [loose]);
    photos[key].set(sha(loose), loose);
  }
  const branches = {
    A: await branchData(hq, 'A', codes.A, devices.A),
    B: await branchData(hq, 'B', codes.B, devices.B),
  };
  branches.A.photos = photos.A;
  branches.B.photos = photos.B;
  await attachFile(hq, branches.A, 401);
  await attachFile(hq, branches.B, 402);
  const fresh: World['codes'] = [];
  for (let i = 0; i < options.codes; i++) {
    const branchCode = i % 2 === 0 ? codes.A : codes.B;
    fresh.push({ code: (await createEnrollment(hq.db.pool, { code: branchCode })).code, branchCode });
  }
  const consoleUsers = {
    managerA: await consoleUser(hq, 'manager', [codes.A]),
    auditor: await consoleUser(hq, 'auditor'),
  };
  return {
    hq,
    branches,
    revoked,
    codes: fresh,
    maxPhotoBytes: options.maxPhotoBytes,
    console: consoleUsers,
  } satisfies World;
}

/** Every change a device can pull now, page by page. */
export async function pullAll(hq: RunningHq, device: TestDevice): Promise<Change[]> {
  const all: Change[] = [];
  let cursor = 0;
  for (;;) {
    const res = await call(hq, device, `${HQ_PATHS.pull}?cursor=${cursor}&limit=500`);
    if (res.status !== 200) throw new Error(`pull: ${res.status} ${await res.text()}`);
    const page = pullResponseSchema.parse(await res.json());
    all.push(...page.changes);
    if (!page.more || page.changes.length === 0) return all;
    cursor = page.cursor;
  }
}

/** The ids of complaints, events and entries a pull carried, with the branch codes it named. */
export function idsIn(changes: readonly Change[]) {
  const complaints = new Set<string>();
  const events = new Set<string>();
  const entries = new Set<string>();
  const branchCodes = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'complaint') {
      complaints.add(c.complaint.id);
      branchCodes.add(c.complaint.branchCode);
    } else if (c.kind === 'event') {
      events.add(c.event.id);
      complaints.add(c.event.complaintId);
    } else if (c.kind === 'book_entry') entries.add(c.entry.id);
    else if (c.kind === 'branch') branchCodes.add(c.branch.code);
  }
  return { complaints, events, entries, branchCodes };
}

/**
 * Cross-branch writes, as rows of the database that break "every row of branch X was written by X's
 * devices". Each query lists offenders; all must come back empty.
 */
export const CROSS_BRANCH_CHECKS: Record<string, string> = {
  'an op recorded for another branch than its device’s': `
    SELECT o.op_id FROM ops o JOIN devices d ON d.id = o.device_id WHERE o.branch_id <> d.branch_id`,
  'a complaint not registered by an applied op of its own branch': `
    SELECT c.id FROM complaints c WHERE NOT EXISTS (
      SELECT 1 FROM ops o WHERE o.outcome = 'applied' AND o.type = 'complaint.register'
         AND o.payload->'complaint'->>'id' = c.id::text AND o.branch_id = c.branch_id)`,
  'a complaint whose record names another branch': `
    SELECT c.id FROM complaints c JOIN branches b ON b.id = c.branch_id
     WHERE c.record->>'branchCode' <> b.code`,
  'an event of another branch’s complaint, or written by another branch’s op': `
    SELECT e.id FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
      LEFT JOIN ops o ON o.op_id = e.op_id
     WHERE e.branch_id <> c.branch_id OR (o.op_id IS NOT NULL AND o.branch_id <> e.branch_id)`,
  'an entry touched by an applied op of another branch': `
    SELECT e.id FROM book_entries e JOIN ops o ON o.outcome = 'applied'
       AND e.id::text IN (o.payload->'entry'->>'id', o.payload->>'entryId')
     WHERE o.branch_id <> e.branch_id`,
  'a page in another branch’s entry': `
    SELECT p.id FROM book_pages p JOIN book_entries e ON e.id = p.entry_id WHERE p.branch_id <> e.branch_id`,
  'an entry linked to another branch’s complaint': `
    SELECT e.id FROM book_entries e JOIN complaints c ON c.id = e.complaint_id WHERE c.branch_id <> e.branch_id`,
  'a fallback recorded on another branch’s entry': `
    SELECT f.op_id FROM book_fallbacks f JOIN book_entries e ON e.id = f.entry_id WHERE f.branch_id <> e.branch_id`,
  'a file attached to another branch’s complaint, or by another branch’s op': `
    SELECT a.id FROM complaint_attachments a JOIN complaints c ON c.id = a.complaint_id
      JOIN complaint_events e ON e.id = a.event_id
     WHERE c.branch_id <> a.branch_id OR e.branch_id <> a.branch_id OR e.complaint_id <> a.complaint_id`,
  // Issue 16: a console user records a print only on a complaint of their own branches.
  'a print recorded by a manager on a complaint outside their branches': `
    SELECT e.id FROM complaint_events e JOIN hq_users u ON u.id = e.actor_id
     WHERE e.type = 'document_printed' AND u.role = 'manager' AND NOT EXISTS (
       SELECT 1 FROM hq_user_branches ub WHERE ub.user_id = u.id AND ub.branch_id = e.branch_id)`,
  'a print recorded by no console user and no op': `
    SELECT e.id FROM complaint_events e
     WHERE e.type = 'document_printed' AND e.op_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM hq_users u WHERE u.id = e.actor_id AND u.role IN ('manager', 'auditor'))`,
  'a mail job for another branch’s entry': `
    SELECT j.id FROM mail_outbox j JOIN book_entries e ON e.id = j.entry_id WHERE j.branch_id <> e.branch_id`,
};

/** Complaint numbers that name another branch than the complaint's (a placeholder `~<id>` names none). */
export async function numbersOfOtherBranches(hq: RunningHq): Promise<string[]> {
  const { rows } = await hq.db.pool.query<{ number: string; code: string }>(
    'SELECT c.number, b.code FROM complaints c JOIN branches b ON b.id = c.branch_id',
  );
  return rows
    .filter((r) => !r.number.startsWith('~') && branchOfNumber(r.number) !== r.code)
    .map((r) => r.number);
}
