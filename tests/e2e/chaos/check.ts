import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { Branch } from './branch';
import type { World } from './world';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bare = (id: string | undefined) => (id ?? '').replace(/^<|>$/g, '');

/** What the branch holds, read from its IndexedDB as the app stored it. */
interface BranchState {
  outbox: Array<{ deviceSeq: number; type: string }>;
  complaints: Array<{ id: string; number: string; status: string }>;
  events: string[];
  entries: Array<{ id: string; state: string; delivered: boolean; escalated: boolean }>;
  pages: Array<{ id: string; entryId: string; sha256: string; removed: boolean }>;
  photos: Array<{ sha256: string; uploadState: string }>;
}

function readBranch(page: Page): Promise<BranchState> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('otklik');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = (store: string) =>
      new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => resolve(r.result as Array<Record<string, unknown>>);
        r.onerror = () => reject(r.error);
      });
    const [outbox, complaints, events, entries, pages, photos] = await Promise.all(
      ['outbox', 'complaints', 'events', 'bookEntries', 'bookPages', 'photos'].map(all),
    );
    db.close();
    return {
      outbox: outbox!.map((o) => ({ deviceSeq: o.deviceSeq as number, type: o.type as string })),
      complaints: complaints!.map((c) => ({
        id: c.id as string,
        number: c.number as string,
        status: c.status as string,
      })),
      events: events!.map((e) => e.id as string),
      entries: entries!.map((e) => ({
        id: e.id as string,
        state: e.state as string,
        delivered: Boolean(e.delivery),
        escalated: Boolean(e.escalatedAt),
      })),
      pages: pages!.map((p) => ({
        id: p.id as string,
        entryId: p.entryId as string,
        sha256: p.sha256 as string,
        removed: Boolean(p.removedAt),
      })),
      photos: photos!.map((p) => ({ sha256: p.sha256 as string, uploadState: p.uploadState as string })),
    };
  });
}

/** Sync now on the branch's first window until nothing is pending and the last sync went well. */
async function synced(branch: Branch, timeout: number): Promise<void> {
  const page = branch.windows[0]!;
  await expect(async () => {
    await page.goto('/#/sync');
    // The clock set right again after a jump back lands hours after the last touch: the screen locks for
    // being idle (seed 60066), and the person at the counter signs in again.
    await branch.ensureSignedIn(page);
    await page.getByTestId('sync-now').click({ timeout: 10_000 });
    await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0', { timeout: 5_000 });
    await expect(page.getByTestId('pending-photos')).toHaveCount(0, { timeout: 5_000 });
    await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'ok', { timeout: 5_000 });
  }).toPass({ timeout });
}

/**
 * Faults stop; each branch syncs until nothing is pending, and until HQ has told it that every submitted
 * entry was delivered to its manager — or escalated to the head of sales, with that mail at the SMTP server
 * (the managers' mailboxes may have refused for good: the `reject` fault). Then each pulls once more.
 * Returns what never settled (the check then reports what is stuck).
 */
export async function settle(world: World): Promise<string[]> {
  const problems: string[] = [];
  world.proxy.faults = [];
  await world.smtp.set('ok');
  for (const b of world.branches) {
    if (b.offline) await b.setOffline(false);
    await b.resetClock();
  }
  await world.hqSettled();
  for (const b of world.branches) {
    await b.ensureSignedIn(b.windows[0]!);
    await synced(b, 120_000).catch(() =>
      problems.push(`${b.code} never settled: records or photos still pending after 120 s without faults`),
    );
  }
  const escalationMailed = (entryId: string) =>
    world.smtp.received.some((m) => bare(m.messageId) === `book-entry-escalation.${entryId}@otklik`);
  let waiting: string[] = [];
  await expect(async () => {
    waiting = [];
    for (const b of world.branches) {
      await synced(b, 10_000);
      for (const e of (await readBranch(b.windows[0]!)).entries)
        if (e.state === 'submitted' && !e.delivered && !(e.escalated && escalationMailed(e.id)))
          waiting.push(`${b.code} ${e.id.slice(0, 8)}${e.escalated ? ' (escalated, not mailed)' : ''}`);
    }
    expect(waiting).toEqual([]);
  })
    .toPass({ timeout: 150_000 })
    .catch(() => problems.push(`mail never settled: not delivered nor escalated: ${waiting.join(', ')}`));
  for (const b of world.branches)
    await synced(b, 60_000).catch(() => problems.push(`${b.code}: the final pull did not settle`));
  return problems;
}

interface HqState {
  complaints: Array<{ id: string; number: string; status: string }>;
  events: Array<{ id: string; data: string }>;
  ops: Array<{
    device_id: string;
    device_seq: string;
    outcome: string;
    type: string;
    reason: string | null;
    received_at: string;
  }>;
  incidents: Array<{ kind: string; detail: string }>;
  entries: Array<{ id: string; state: string }>;
  pages: Array<{ id: string; entry_id: string; sha256: string; page_no: number; removed: boolean }>;
  photos: Array<{ sha256: string }>;
  mail: Array<{ entry_id: string; kind: string; status: string; message_id: string; id: string }>;
}

/**
 * HQ's tables, each branch's rows apart (by its code), read in one query: each query of HqProcess opens its
 * stopped database anew.
 */
async function readHq(world: World): Promise<Map<string, HqState>> {
  const tables: Record<keyof HqState, string> = {
    complaints: `SELECT id, number, status FROM complaints`,
    events: `SELECT id, data::text AS data FROM complaint_events`,
    ops: `SELECT device_id, device_seq::text, outcome, type, reason, received_at FROM ops`,
    incidents: `SELECT kind, detail::text AS detail FROM incidents`,
    entries: `SELECT id, state FROM book_entries`,
    pages: `SELECT id, entry_id, sha256, page_no, removed_at IS NOT NULL AS removed FROM book_pages`,
    photos: `SELECT sha256 FROM branch_photos`,
    mail: `SELECT entry_id, kind, status, message_id, id FROM mail_outbox`,
  };
  // Branch codes are the run's own constants (tests/e2e/chaos/branch.ts), safe in the text.
  const ofBranch = (code: string) =>
    Object.entries(tables).map(
      ([name, sql]) =>
        `(SELECT coalesce(json_agg(t), '[]'::json) FROM (${sql} WHERE branch_id = ` +
        `(SELECT id FROM branches WHERE code = '${code}')) t) AS "${code}.${name}"`,
    );
  const all = (n: string, sql: string) =>
    `(SELECT coalesce(json_agg(t), '[]'::json) FROM (${sql}) t) AS ${n}`;
  const columns = [
    ...world.branches.flatMap((b) => ofBranch(b.code)),
    // Rows of no branch of this run (or of none at all): a write that went astray.
    all('astray_incidents', `SELECT kind, detail::text AS detail FROM incidents WHERE branch_id IS NULL`),
  ];
  const [row] = await world.hq.query<Record<string, unknown>>(`SELECT ${columns.join(', ')}`);
  const states = new Map<string, HqState>();
  for (const b of world.branches) {
    const state = Object.fromEntries(
      Object.keys(tables).map((name) => [name, row![`${b.code}.${name}`]]),
    ) as unknown as HqState;
    state.pages.sort((x, y) => x.page_no - y.page_no);
    states.set(b.code, state);
  }
  states.get(world.branches[0]!.code)!.incidents.push(...(row!.astray_incidents as HqState['incidents']));
  return states;
}

export interface CheckFigures {
  redelivered: number;
  mails: number;
}

/** The model check (issue 20 item 2): a list of violations, empty when the run kept every promise. */
export async function check(world: World): Promise<{ violations: string[]; figures: CheckFigures }> {
  const v: string[] = [];
  const branches = await Promise.all(
    world.branches.map(async (b) => ({
      b,
      state: await readBranch(b.windows[0]!),
      pending: await b.windows[0]!.getByTestId('pending').getAttribute('data-count'),
    })),
  );
  const hq = await readHq(world);
  for (const { b, state, pending } of branches) {
    const found: string[] = [];
    checkBranch(world, b, state, pending, hq.get(b.code)!, found);
    v.push(...found.map((x) => (world.branches.length > 1 ? `${b.code}: ${x}` : x)));
  }

  // No mail with a Message-ID HQ does not know; the same one twice is one message for its reader.
  const received = new Map<string, number>();
  for (const m of world.smtp.received)
    received.set(bare(m.messageId), (received.get(bare(m.messageId)) ?? 0) + 1);
  const known = new Set([...hq.values()].flatMap((h) => h.mail.map((m) => bare(m.message_id))));
  for (const id of received.keys()) if (!known.has(id)) v.push(`a mail with unknown Message-ID ${id}`);
  const redelivered = [...received.values()].reduce((sum, n) => sum + n - 1, 0);

  for (const e of world.pageErrors) v.push(`uncaught error in the page: ${e}`);
  return { violations: v, figures: { redelivered, mails: received.size } };
}

/** One branch's promises, against HQ's rows of that branch. */
function checkBranch(
  world: World,
  b: Branch,
  branch: BranchState,
  pending: string | null,
  hq: HqState,
  v: string[],
): void {
  // Nothing stuck at the branch.
  if (branch.outbox.length)
    v.push(
      `${branch.outbox.length} ops stuck in the outbox: ${branch.outbox.map((o) => `${o.deviceSeq} ${o.type}`).join(', ')}`,
    );
  if (pending !== '0') v.push(`the pending counter shows ${pending}`);
  const unsent = branch.photos.filter((p) => p.uploadState !== 'uploaded');
  if (unsent.length)
    v.push(
      `${unsent.length} photos not uploaded: ${unsent.map((p) => `${p.sha256.slice(0, 8)} ${p.uploadState}`).join(', ')}`,
    );

  // Every op once, in per-device order: sequence numbers 1…n with no gap and no repeat; none refused.
  const byDevice = new Map<string, number[]>();
  for (const op of hq.ops)
    byDevice.set(op.device_id, [...(byDevice.get(op.device_id) ?? []), Number(op.device_seq)]);
  for (const [device, seqs] of byDevice) {
    seqs.sort((a, c) => a - c);
    const wrong = seqs.filter((s, i) => s !== i + 1);
    if (wrong.length)
      v.push(`device ${device.slice(0, 8)}: sequence at HQ is not 1…${seqs.length}: ${seqs.join(',')}`);
  }
  // …and applied in that order: a later sequence number never arrived before an earlier one.
  const ordered = [...hq.ops].sort((a, c) => Number(a.device_seq) - Number(c.device_seq));
  for (const [i, op] of ordered.entries()) {
    const before = ordered
      .slice(0, i)
      .find((o) => o.device_id === op.device_id && o.received_at > op.received_at);
    if (before) v.push(`op ${op.device_seq} was applied at HQ after op ${before.device_seq} of its device`);
  }
  for (const op of hq.ops.filter((o) => o.outcome !== 'applied'))
    v.push(`HQ refused op ${op.device_seq} ${op.type}: ${op.reason}`);

  // What the branch confirmed is at HQ, once.
  const hqByNumber = new Map(hq.complaints.map((c) => [c.number, c]));
  for (const c of b.model.complaints) {
    const at = hqByNumber.get(c.number);
    if (!at) v.push(`confirmed complaint ${c.number} is not at HQ`);
    else if (c.url && at.status !== c.status)
      v.push(`${c.number}: HQ says ${at.status}, the branch confirmed ${c.status}`);
    for (const tag of c.notes) {
      const n = hq.events.filter((e) => e.data.includes(tag)).length;
      if (n !== 1) v.push(`${c.number}: confirmed note ${tag} is at HQ ${n} times`);
    }
  }
  const hqPages = (entryId: string) => hq.pages.filter((p) => p.entry_id === entryId && !p.removed);
  // The branch's entry of a confirmed one: the entry whose live pages are exactly its pages. A hash alone
  // does not name it: the fake camera can give one frame to two entries, a removed page of one and a page of
  // the next (seed 90004).
  const livePages = new Map<string, Set<string>>();
  for (const p of branch.pages.filter((x) => !x.removed))
    livePages.set(p.entryId, (livePages.get(p.entryId) ?? new Set()).add(p.sha256));
  const entryIdOf = (pages: string[]) =>
    [...livePages].find(([, shas]) => shas.size === pages.length && pages.every((s) => shas.has(s)))?.[0];
  for (const e of b.model.entries) {
    const entryId = entryIdOf(e.pages);
    const at = hq.entries.find((x) => x.id === entryId);
    if (!at || at.state !== 'submitted') v.push(`confirmed entry of ${e.number} is not submitted at HQ`);
    const shas = entryId ? hqPages(entryId).map((p) => p.sha256) : [];
    if (JSON.stringify(shas) !== JSON.stringify(e.pages))
      v.push(
        `entry of ${e.number}: pages at HQ ${shas.map((s) => s.slice(0, 8))} ≠ confirmed ${e.pages.map((s) => s.slice(0, 8))}`,
      );
  }

  // The branch's view equals HQ's.
  const same = (what: string, a: string[], c: string[]) => {
    const sa = new Set(a);
    const sc = new Set(c);
    const onlyBranch = [...sa].filter((x) => !sc.has(x));
    const onlyHq = [...sc].filter((x) => !sa.has(x));
    if (onlyBranch.length) v.push(`${what} only at the branch: ${onlyBranch.slice(0, 5).join(', ')}`);
    if (onlyHq.length) v.push(`${what} only at HQ: ${onlyHq.slice(0, 5).join(', ')}`);
  };
  same(
    'complaints',
    branch.complaints.map((c) => `${c.id} ${c.number} ${c.status}`),
    hq.complaints.map((c) => `${c.id} ${c.number} ${c.status}`),
  );
  same(
    'history events',
    branch.events,
    hq.events.map((e) => e.id),
  );
  same(
    'book entries',
    branch.entries.map((e) => `${e.id} ${e.state}`),
    hq.entries.map((e) => `${e.id} ${e.state}`),
  );
  same(
    'book pages',
    branch.pages.map((p) => `${p.id} ${p.sha256} ${p.removed}`),
    hq.pages.map((p) => `${p.id} ${p.sha256} ${p.removed}`),
  );

  // Every photo of a page still in its entry is at HQ with the right hash, once (a page deleted before its
  // photo left the branch need not send it: seed 20051).
  const photoDir = join(world.hq.dataDir, 'photos');
  for (const sha of new Set(branch.pages.filter((p) => !p.removed).map((p) => p.sha256))) {
    if (!hq.photos.some((p) => p.sha256 === sha)) v.push(`photo ${sha.slice(0, 8)} is not at HQ`);
    const file = join(photoDir, sha.slice(0, 2), sha.slice(2, 4), sha);
    if (!existsSync(file)) v.push(`photo ${sha.slice(0, 8)} has no file at HQ`);
    else if (sha256(readFileSync(file)) !== sha) v.push(`photo ${sha.slice(0, 8)} at HQ has other bytes`);
  }

  // Every submitted entry mailed once — one job, sent, whose Message-ID reached the SMTP server with its
  // pages in order — or, when the manager's mailbox refused it for good, escalated once: the job failed, one
  // escalation job sent and at the SMTP server, and the failure's incident the only one about it.
  const escalatedJobs = new Set<string>();
  for (const e of hq.entries.filter((x) => x.state === 'submitted')) {
    const jobs = hq.mail.filter((m) => m.entry_id === e.id && m.kind === 'book_entry');
    const escalations = hq.mail.filter((m) => m.entry_id === e.id && m.kind === 'escalation');
    const job = jobs[0];
    if (jobs.length !== 1 || !job || (job.status !== 'sent' && job.status !== 'failed')) {
      v.push(`entry ${e.id.slice(0, 8)}: mail jobs ${jobs.map((j) => j.status).join(',') || 'none'}`);
      continue;
    }
    const reached = (messageId: string) =>
      world.smtp.received.filter((m) => bare(m.messageId) === bare(messageId));
    if (job.status === 'failed') {
      if (!world.smtp.counts.reject)
        v.push(`entry ${e.id.slice(0, 8)}: mail failed for good without a refusing server`);
      if (escalations.length !== 1 || escalations[0]!.status !== 'sent')
        v.push(`entry ${e.id.slice(0, 8)}: mail failed, escalations ${escalations.map((x) => x.status)}`);
      else if (!reached(escalations[0]!.message_id).length)
        v.push(`entry ${e.id.slice(0, 8)}: escalation marked sent, never reached the SMTP server`);
      escalatedJobs.add(job.id);
      continue;
    }
    if (escalations.length) v.push(`entry ${e.id.slice(0, 8)}: mailed and escalated too`);
    const mails = reached(job.message_id);
    if (!mails.length) v.push(`entry ${e.id.slice(0, 8)}: marked sent, never reached the SMTP server`);
    const want = hqPages(e.id).map((p) => p.sha256);
    for (const m of mails) {
      const got = m.attachments.map((a) => sha256(a.content));
      if (JSON.stringify(got) !== JSON.stringify(want))
        v.push(`entry ${e.id.slice(0, 8)}: mail attachments ≠ pages`);
    }
  }
  // A sequence gap, a reclaimed number, a mail failed for good other than those escalated: never here.
  for (const i of hq.incidents) {
    const job = i.kind === 'mail_failed' ? (JSON.parse(i.detail) as { job?: string }).job : undefined;
    if (!job || !escalatedJobs.has(job)) v.push(`HQ recorded an incident: ${i.kind} ${i.detail}`);
  }
}
