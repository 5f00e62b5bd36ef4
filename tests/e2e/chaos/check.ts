import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { World } from './world';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bare = (id: string | undefined) => (id ?? '').replace(/^<|>$/g, '');

/** What the branch holds, read from its IndexedDB as the app stored it. */
interface BranchState {
  outbox: Array<{ deviceSeq: number; type: string }>;
  complaints: Array<{ id: string; number: string; status: string }>;
  events: string[];
  entries: Array<{ id: string; state: string }>;
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
      entries: entries!.map((e) => ({ id: e.id as string, state: e.state as string })),
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

/**
 * Faults stop; the branch syncs until nothing is pending and HQ's mail worker has mailed what was submitted,
 * then pulls once more. Throws when it never settles (the check then reports what is stuck).
 */
export async function settle(world: World): Promise<string[]> {
  const problems: string[] = [];
  world.proxy.faults = [];
  await world.smtp.set('ok');
  if (world.offline) await world.setOffline(false);
  await world.resetClock();
  await world.hqSettled();
  const page = world.windows[0]!;
  await world.ensureSignedIn(page);
  const synced = async (timeout: number) => {
    await expect(async () => {
      await page.goto('/#/sync');
      await page.getByTestId('sync-now').click();
      await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0', { timeout: 5_000 });
      await expect(page.getByTestId('pending-photos')).toHaveCount(0, { timeout: 5_000 });
      await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'ok', { timeout: 5_000 });
    }).toPass({ timeout });
  };
  try {
    await synced(120_000);
  } catch {
    problems.push('the branch never settled: records or photos still pending after 120 s without faults');
  }
  const submitted = (await readBranch(page)).entries.filter((e) => e.state === 'submitted').length;
  // HQ's first mail retry after an SMTP failure waits 30 s, the next 60 s.
  const mailed = () => new Set(world.smtp.received.map((m) => bare(m.messageId))).size;
  const until = Date.now() + 150_000;
  while (mailed() < submitted && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
  if (mailed() < submitted) problems.push(`mail never settled: ${mailed()} of ${submitted} entries mailed`);
  await synced(60_000).catch(() => problems.push('the final pull did not settle'));
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
  mail: Array<{ entry_id: string; kind: string; status: string; message_id: string }>;
}

/** HQ's tables, read in one query (each query of HqProcess opens its stopped database anew). */
async function readHq(world: World): Promise<HqState> {
  const tables: Record<keyof HqState, string> = {
    complaints: `SELECT id, number, status FROM complaints`,
    events: `SELECT id, data::text AS data FROM complaint_events`,
    ops: `SELECT device_id, device_seq::text, outcome, type, reason, received_at FROM ops`,
    incidents: `SELECT kind, detail::text AS detail FROM incidents`,
    entries: `SELECT id, state FROM book_entries`,
    pages: `SELECT id, entry_id, sha256, page_no, removed_at IS NOT NULL AS removed FROM book_pages`,
    photos: `SELECT sha256 FROM branch_photos`,
    mail: `SELECT entry_id, kind, status, message_id FROM mail_outbox`,
  };
  const columns = Object.entries(tables).map(
    ([name, sql]) => `(SELECT coalesce(json_agg(t), '[]'::json) FROM (${sql}) t) AS ${name}`,
  );
  const [row] = await world.hq.query<HqState>(`SELECT ${columns.join(', ')}`);
  row!.pages.sort((a, b) => a.page_no - b.page_no);
  return row!;
}

export interface CheckFigures {
  redelivered: number;
  mails: number;
}

/** The model check (issue 20 item 2): a list of violations, empty when the run kept every promise. */
export async function check(world: World): Promise<{ violations: string[]; figures: CheckFigures }> {
  const v: string[] = [];
  const page = world.windows[0]!;
  const branch = await readBranch(page);
  const pending = await page.getByTestId('pending').getAttribute('data-count');
  const hq = await readHq(world);

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
    seqs.sort((a, b) => a - b);
    const wrong = seqs.filter((s, i) => s !== i + 1);
    if (wrong.length)
      v.push(`device ${device.slice(0, 8)}: sequence at HQ is not 1…${seqs.length}: ${seqs.join(',')}`);
  }
  // …and applied in that order: a later sequence number never arrived before an earlier one.
  const ordered = [...hq.ops].sort((a, b) => Number(a.device_seq) - Number(b.device_seq));
  for (const [i, op] of ordered.entries()) {
    const before = ordered
      .slice(0, i)
      .find((o) => o.device_id === op.device_id && o.received_at > op.received_at);
    if (before) v.push(`op ${op.device_seq} was applied at HQ after op ${before.device_seq} of its device`);
  }
  // A gap in a sequence, a number reclaimed, a mail failed for good: none of them may happen here.
  for (const i of hq.incidents) v.push(`HQ recorded an incident: ${i.kind} ${i.detail}`);
  for (const op of hq.ops.filter((o) => o.outcome !== 'applied'))
    v.push(`HQ refused op ${op.device_seq} ${op.type}: ${op.reason}`);

  // What the branch confirmed is at HQ, once.
  const hqByNumber = new Map(hq.complaints.map((c) => [c.number, c]));
  for (const c of world.model.complaints) {
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
  const entryOf = new Map(branch.pages.map((p) => [p.sha256, p.entryId]));
  for (const e of world.model.entries) {
    const entryId = entryOf.get(e.pages[0] ?? '');
    const at = hq.entries.find((x) => x.id === entryId);
    if (!at || at.state !== 'submitted') v.push(`confirmed entry of ${e.number} is not submitted at HQ`);
    const shas = entryId ? hqPages(entryId).map((p) => p.sha256) : [];
    if (JSON.stringify(shas) !== JSON.stringify(e.pages))
      v.push(
        `entry of ${e.number}: pages at HQ ${shas.map((s) => s.slice(0, 8))} ≠ confirmed ${e.pages.map((s) => s.slice(0, 8))}`,
      );
  }

  // The branch's view equals HQ's.
  const same = (what: string, a: string[], b: string[]) => {
    const sa = new Set(a);
    const sb = new Set(b);
    const onlyBranch = [...sa].filter((x) => !sb.has(x));
    const onlyHq = [...sb].filter((x) => !sa.has(x));
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

  // Every submitted entry mailed once: one Message-ID per entry, with its pages in order; none unknown.
  const received = new Map<string, number>();
  for (const m of world.smtp.received)
    received.set(bare(m.messageId), (received.get(bare(m.messageId)) ?? 0) + 1);
  for (const e of hq.entries.filter((x) => x.state === 'submitted')) {
    const jobs = hq.mail.filter((m) => m.entry_id === e.id && m.kind === 'book_entry');
    if (jobs.length !== 1 || jobs[0]!.status !== 'sent') {
      v.push(`entry ${e.id.slice(0, 8)}: mail jobs ${jobs.map((j) => j.status).join(',') || 'none'}`);
      continue;
    }
    const id = bare(jobs[0]!.message_id);
    const mails = world.smtp.received.filter((m) => bare(m.messageId) === id);
    if (!mails.length) v.push(`entry ${e.id.slice(0, 8)}: marked sent, never reached the SMTP server`);
    const want = hqPages(e.id).map((p) => p.sha256);
    for (const m of mails) {
      const got = m.attachments.map((a) => sha256(a.content));
      if (JSON.stringify(got) !== JSON.stringify(want))
        v.push(`entry ${e.id.slice(0, 8)}: mail attachments ≠ pages`);
    }
  }
  const known = new Set(hq.mail.map((m) => bare(m.message_id)));
  for (const id of received.keys()) if (!known.has(id)) v.push(`a mail with unknown Message-ID ${id}`);
  const redelivered = [...received.values()].reduce((sum, n) => sum + n - 1, 0);

  for (const e of world.pageErrors) v.push(`uncaught error in the page: ${e}`);
  return { violations: v, figures: { redelivered, mails: received.size } };
}
