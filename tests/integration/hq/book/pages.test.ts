import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { OperationPayload } from '../../../../shared/sync/operations';
import { HQ_PATHS, pullResponseSchema, type PushOperation } from '../../../../shared/sync/protocol';
import {
  call,
  DATABASE_KINDS,
  enroll,
  op,
  registration,
  startHq,
  type RunningHq,
  type TestDevice,
} from '../../harness';
import { DIRECTORY, pageBytes, sha, smtpTo, startSmtp, uploadPages, workerFor } from '../../mail-fixtures';

/**
 * R6, R7 (issue 12): an entry's pages are kept once, at HQ's book_pages; the submit gives their final order.
 * What the manager receives follows that order, leaves out removed pages, and waits for a photo the submit
 * names even when its page never arrived.
 */
describe.each(DATABASE_KINDS)('book pages on %s', (kind) => {
  let hq: RunningHq;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let branchSeq = 0;
  let seed = 7_000;
  const branch = () => `P${kind === 'pglite' ? 'L' : 'P'}-${String(++branchSeq).padStart(2, '0')}`;

  beforeAll(async () => {
    smtp = await startSmtp();
    hq = await startHq(kind);
  });
  afterAll(async () => {
    await hq?.close();
    await smtp?.close();
  });

  /** What the branch app pushes for one entry: page.add for `added`, `removed` page ids, then the submit. */
  async function pushEntry(
    d: TestDevice,
    pages: Buffer[],
    plan: { added: number[]; removed?: number[]; order: number[] },
  ) {
    const at = new Date().toISOString();
    const reg = registration(d.branchCode);
    const entryId = uuidv7();
    const header = {
      id: entryId,
      branchCode: d.branchCode,
      capturedAt: at,
      capturedBy: 'Olga',
      deadline: at,
    };
    const pageIds = pages.map(() => uuidv7());
    const add = (i: number): OperationPayload<'book.page.add'> => ({
      entry: header,
      page: {
        id: pageIds[i]!,
        entryId,
        pageNo: i + 1,
        sha256: sha(pages[i]!),
        sourceSha256: sha(pages[i]!),
        mime: 'image/jpeg',
        size: pages[i]!.length,
        width: 2000,
        height: 1500,
        source: 'camera',
        capturedAt: at,
        capturedBy: 'Olga',
      },
    });
    const ops: PushOperation[] = [
      op(d, 'complaint.register', reg),
      ...plan.added.map((i) => op(d, 'book.page.add', add(i))),
      ...(plan.removed ?? []).map((i) =>
        op(d, 'book.page.remove', { entryId, pageId: pageIds[i]!, at, by: 'Olga' }),
      ),
      op(d, 'book.entry.submit', {
        entry: {
          ...header,
          complaintId: reg.complaint.id,
          complaintNumber: reg.complaint.number,
          submittedAt: at,
          pageHashes: plan.order.map((i) => sha(pages[i]!)),
        },
      }),
    ];
    const res = await call(hq, d, HQ_PATHS.push, { method: 'POST', body: JSON.stringify({ ops }) });
    const body = (await res.json()) as { results: Array<{ outcome: string }> };
    expect(body.results.every((r) => r.outcome === 'applied')).toBe(true);
    return entryId;
  }

  async function mailState(d: TestDevice, entryId: string) {
    const res = await call(hq, d, `${HQ_PATHS.pull}?cursor=0`);
    const change = pullResponseSchema
      .parse(await res.json())
      .changes.findLast((c) => c.kind === 'book_entry' && c.entry.id === entryId);
    return change?.kind === 'book_entry' ? change.entry.mail : undefined;
  }

  async function attachmentsOfNextMail() {
    const worker = workerFor(hq, smtpTo(smtp.url));
    const before = smtp.received.length;
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    await smtp.waitFor(before + 1);
    return smtp.received[before]!.attachments.map((a) => [a.filename, sha(a.content)]);
  }

  it('a photo named by the submit whose page never arrived: HQ waits for it, then mails every page in order', async () => {
    const d = await enroll(hq, branch(), DIRECTORY);
    const pages = [pageBytes(9_000, ++seed), pageBytes(9_500, ++seed)];
    const entryId = await pushEntry(d, pages, { added: [0], order: [0, 1] });
    await uploadPages(hq, d, [pages[0]!]);
    expect(await mailState(d, entryId)).toEqual({ state: 'waiting_photos', attempts: 0, missingPhotos: 1 });
    expect(await workerFor(hq, smtpTo(smtp.url)).runOnce()).toMatchObject({ sent: 0 });
    await uploadPages(hq, d, [pages[1]!]);
    expect(await attachmentsOfNextMail()).toEqual([
      ['page-01.jpg', sha(pages[0]!)],
      ['page-02.jpg', sha(pages[1]!)],
    ]);
  });

  it('reordered and removed pages: the final order, without the removed page', async () => {
    const d = await enroll(hq, branch(), DIRECTORY);
    const pages = [pageBytes(8_000, ++seed), pageBytes(8_100, ++seed), pageBytes(8_200, ++seed)];
    const entryId = await pushEntry(d, pages, { added: [0, 1, 2], removed: [1], order: [2, 0] });
    await uploadPages(hq, d, [pages[0]!, pages[2]!]);
    expect(await mailState(d, entryId)).toEqual({ state: 'sending', attempts: 0 });
    expect(await attachmentsOfNextMail()).toEqual([
      ['page-01.jpg', sha(pages[2]!)],
      ['page-02.jpg', sha(pages[0]!)],
    ]);
  });
});
