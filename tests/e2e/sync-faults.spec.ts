import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { simpleParser } from 'mailparser';
import { MOSCOW, SETUP_RECORDS, expect, setUpWorkstation, test, text, waitForOfflineShell } from './fixtures';
import { HqProcess } from './hq';

// R22, R23 end to end: the production build in Chromium against a real HQ process on PGlite, killed with
// SIGKILL at chosen moments. Each test has an HQ of its own on its worker's port (tests/e2e/hq.ts), so the
// tests run side by side; they wait mostly on HQ restarts and fault delays.
test.setTimeout(240_000);

const ru = (ns: string, key: string) => text('ru', ns, key);

let hq: HqProcess;
test.beforeEach(() => {
  hq = new HqProcess();
});
test.afterEach(async () => {
  await hq.dispose();
});

/** Settings → Connection to HQ, with the code the admin command printed. */
async function connect(page: Page, code: string) {
  await page.goto('/#/settings');
  const form = page.getByRole('form', { name: ru('sync', 'connect.title') });
  await form.getByLabel(ru('sync', 'connect.hqUrl')).fill(hq.url);
  await form.getByLabel(ru('sync', 'connect.code')).fill(code.toLowerCase());
  await form.getByRole('button', { name: ru('sync', 'connect.submit'), exact: true }).click();
  await expect(page.getByTestId('hq-connected')).toContainText(MOSCOW.branchCode);
}

/** An in-person complaint with no contacts: the quickest valid registration. */
async function register(page: Page, description: string): Promise<string> {
  await page.goto('/#/complaints/new');
  await page.getByRole('radio', { name: ru('complaints', 'channel.in_person') }).check();
  await page.getByLabel(ru('complaints', 'fields.noContactReason')).fill('Клиент не оставил контакты');
  await page.getByLabel(ru('complaints', 'fields.description')).fill(description);
  await page.getByRole('button', { name: ru('complaints', 'form.submit') }).click();
  const number = page.getByTestId('complaint-number');
  await expect(number).toHaveText(/^MSK-01-\d{4}-1\d{5}$/);
  return (await number.textContent())!;
}

/**
 * A feedback-book page photographed offline, stored as the capture screen stores it: the image, its page
 * and entry, and the `book.page.add` operation, in one IndexedDB transaction. For the tests that need a
 * photo of an exact size (a 2 MB upload to kill HQ in the middle of); the first test uses the real screen.
 */
async function capturePhoto(page: Page, bytes: number, seed: number): Promise<string> {
  return page.evaluate(
    async ([size, seed]) => {
      const data = new Uint8Array(size);
      for (let i = 0; i < size; i++) data[i] = (i * 7 + seed * 13 + (i >> 8)) & 0xff;
      const hex = (buf: ArrayBuffer) =>
        [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
      const sha256 = hex(await crypto.subtle.digest('SHA-256', data));
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('otklik');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction(
        ['photos', 'photoBytes', 'bookPages', 'bookEntries', 'outbox', 'meta'],
        'readwrite',
      );
      const get = <T>(store: string, key: string) =>
        new Promise<T>((resolve) => {
          const r = tx.objectStore(store).get(key);
          r.onsuccess = () => resolve(r.result as T);
        });
      const now = new Date().toISOString();
      const seq = ((await get<{ value: number } | undefined>('meta', 'deviceSeq'))?.value ?? 0) + 1;
      const deviceId = (await get<{ value: string }>('meta', 'deviceId')).value;
      const entry = {
        id: crypto.randomUUID(),
        branchCode: 'MSK-01',
        capturedAt: now,
        capturedBy: 'Ольга Иванова',
        deadline: new Date(Date.now() + 86_400_000).toISOString(),
      };
      const page = {
        id: crypto.randomUUID(),
        entryId: entry.id,
        pageNo: 1,
        sha256,
        sourceSha256: sha256,
        mime: 'image/jpeg',
        size,
        width: 2000,
        height: 1500,
        source: 'camera',
        capturedAt: now,
        capturedBy: 'Ольга Иванова',
      };
      tx.objectStore('meta').put({ key: 'deviceSeq', value: seq });
      // As the app stores a photo: its bytes apart from its row (renderer/db/photoBytes.ts).
      tx.objectStore('photoBytes').put(new Blob([data], { type: 'image/jpeg' }), sha256);
      tx.objectStore('photos').put({
        sha256,
        mime: 'image/jpeg',
        size,
        createdAt: now,
        uploadState: 'pending',
      });
      tx.objectStore('bookEntries').put({
        ...entry,
        state: 'capturing',
        pageHashes: [],
        fallbacks: [],
        updatedAt: now,
      });
      tx.objectStore('bookPages').put(page);
      tx.objectStore('outbox').put({
        deviceSeq: seq,
        opId: crypto.randomUUID(),
        deviceId,
        schemaVersion: 1,
        type: 'book.page.add',
        payload: { entry, page },
        createdAt: now,
      });
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      // The sync worker notices writes made through Dexie; this raw write tells it the same way a window does.
      const channel = new BroadcastChannel('otklik-sync');
      channel.postMessage({ trigger: 'write' });
      channel.close();
      return sha256;
    },
    [bytes, seed] as const,
  );
}

/** Pages photographed on the capture screen with Chromium's fake camera; returns their hashes in order. */
async function photographPages(page: Page, count: number): Promise<string[]> {
  await page.goto('/#/book/new');
  for (let i = 1; i <= count; i++) {
    await expect(page.getByTestId('take-photo')).toBeEnabled();
    await page.getByTestId('take-photo').click();
    await expect(page.getByTestId('page-thumb')).toHaveCount(i);
  }
  return page.getByTestId('page-thumb').evaluateAll((els) => els.map((e) => e.dataset.sha256 ?? ''));
}

async function expectAllAtHq(page: Page) {
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0', { timeout: 60_000 });
  await expect(page.getByTestId('pending-photos')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'ok', { timeout: 30_000 });
}

interface Counts {
  complaints: number;
  events: number;
  ops: number;
  rejected: number;
  photos: number;
  pages: number;
}

async function countsAtHq(): Promise<Counts> {
  const [row] = await hq.query<Counts>(`SELECT
      (SELECT count(*)::int FROM complaints) AS complaints,
      (SELECT count(*)::int FROM complaint_events) AS events,
      (SELECT count(*)::int FROM ops) AS ops,
      (SELECT count(*)::int FROM ops WHERE outcome = 'rejected') AS rejected,
      (SELECT count(*)::int FROM branch_photos) AS photos,
      (SELECT count(*)::int FROM book_pages) AS pages`);
  return row!;
}

test('offline work arrives exactly once when the link returns; a status set at HQ comes down', async ({
  page,
  context,
}) => {
  await hq.start();
  const code = hq.enroll(
    'MSK-01',
    '--manager-name',
    'Ирина Смирнова',
    '--manager-email',
    'manager@example.ru',
    '--head-of-sales-email',
    'sales@example.ru',
  );
  await setUpWorkstation(page);
  await connect(page, code);
  // The first run's records (the employee and their PIN) reach HQ before the link goes down.
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0', { timeout: 60_000 });
  await waitForOfflineShell(page);

  await context.setOffline(true);
  const numbers = [];
  for (let i = 1; i <= 3; i++) numbers.push(await register(page, `Жалоба без связи №${i}`));
  const photos = await photographPages(page, 2);
  // The entry is saved with a new complaint: register + history event + submission, 3 more records.
  await page.getByLabel(ru('complaints', 'fields.noContactReason')).fill('Клиент не оставил контакты');
  await page.getByLabel(ru('book', 'summary')).fill('Запись в книге без связи');
  await page.getByTestId('submit-entry-button').click();
  await expect(page.getByTestId('book-entry-view')).toBeVisible();
  await expect(page.getByTestId('book-deadline-state')).toContainText(
    ru('book', 'state.waiting').split(' · ')[0]!,
  );
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '8');
  await expect(page.getByTestId('pending-photos')).toHaveAttribute('data-count', '2');
  await page.goto('/#/sync');
  await expect(page.getByTestId('pending-record')).toHaveCount(8);
  await expect(page.getByTestId('pending-photo')).toHaveCount(2);

  await context.setOffline(false);
  await expectAllAtHq(page);
  await expect(page.getByTestId('sync-all-sent')).toBeVisible();
  // R7, R8 on embedded defaults: HQ mails the entry as soon as its photos are there (an .eml file in its
  // mail folder), and the delivery record reaches the branch with a following pull.
  await expect.poll(() => hq.mailFiles().length, { timeout: 30_000 }).toBe(1);
  const mail = await simpleParser(readFileSync(hq.mailFiles()[0]!));
  expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual([
    'manager@example.ru',
  ]);
  expect(mail.cc && !Array.isArray(mail.cc) ? mail.cc.value.map((a) => a.address) : []).toEqual([
    'sales@example.ru',
  ]);
  expect(mail.attachments.map((a) => createHash('sha256').update(a.content).digest('hex'))).toEqual(photos);
  await expect(async () => {
    await page.goto('/#/sync');
    await page.getByTestId('sync-now').click();
    await page.goto('/#/book');
    await expect(page.getByTestId('book-deadline')).toHaveAttribute('data-urgency', 'delivered', {
      timeout: 3_000,
    });
  }).toPass({ timeout: 45_000 });
  // R8: "delivered to <manager> at <time> (on time)", the manager named from HQ's directory.
  await expect(page.getByTestId('book-deadline-state')).toContainText('Ирина Смирнова');
  await expect(page.getByTestId('book-deadline-state')).toContainText(
    ru('book', 'state.deliveredOnTime').split(' — ')[0]!,
  );
  await page.goto('/#/sync');

  // R23: a status set at HQ reaches the branch on its next sync.
  hq.cli('transition', '--complaint', numbers[0]!, '--to', 'in_review', '--actor', 'Руководитель продаж');
  await page.getByTestId('sync-now').click();
  await page.goto(`/#/complaints`);
  await expect(page.getByTestId('complaint-row').filter({ hasText: numbers[0]! })).toContainText(
    ru('complaints', 'status.in_review'),
    { timeout: 30_000 },
  );
  await page.getByRole('link', { name: numbers[0]!, exact: true }).click();
  await expect(page.getByTestId('history-event').last()).toContainText('Руководитель продаж', {
    timeout: 30_000,
  });

  expect(await countsAtHq()).toEqual({
    complaints: 4,
    events: 9,
    ops: SETUP_RECORDS + 8,
    rejected: 0,
    photos: 2,
    pages: 2,
  });
  expect(hq.photoFiles().sort()).toEqual(photos.map((s) => `${s.slice(0, 2)}/${s.slice(2, 4)}/${s}`).sort());
});

test('HQ killed in the middle of a push (before and after commit): everything arrives once', async ({
  page,
  context,
}) => {
  await hq.start();
  const code = hq.enroll('MSK-01');
  await setUpWorkstation(page);
  await connect(page, code);
  await expectAllAtHq(page);
  await hq.stop();

  // Killed while the batch is applied but not committed: HQ must keep nothing of it.
  await hq.start('push.beforeCommit=5000');
  await context.setOffline(true);
  for (let i = 1; i <= 4; i++) await register(page, `Жалоба перед сбоем №${i}`);
  let mark = hq.mark;
  await context.setOffline(false);
  await hq.waitFor(/fault point push\.beforeCommit/, mark);
  await hq.kill();

  // Killed after the commit, before the answer: the retry must not apply anything twice.
  await hq.start('push.afterCommit=5000');
  mark = hq.mark;
  await hq.waitFor(/fault point push\.afterCommit/, mark, 60_000);
  await hq.kill();
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '4');

  await hq.start();
  await page.getByTestId('sync-state').click();
  await expectAllAtHq(page);
  expect(await countsAtHq()).toEqual({
    complaints: 4,
    events: 8,
    ops: SETUP_RECORDS + 4,
    rejected: 0,
    photos: 0,
    pages: 0,
  });
});

test('HQ killed in the middle of a photo upload: the photo arrives once, whole', async ({ page }) => {
  await hq.start();
  const code = hq.enroll('MSK-01');
  await setUpWorkstation(page);
  await connect(page, code);
  await expectAllAtHq(page);
  await hq.stop();

  await hq.start('photo.chunkDelay=250');
  const mark = hq.mark;
  const size = 2 * 1024 * 1024;
  const sha = await capturePhoto(page, size, 3);
  await hq.waitFor(/fault point photo\.chunkDelay/, mark, 60_000);
  // Mid-upload, seen at HQ: part of the photo, not all of it, is on its disk when it is killed.
  await expect
    .poll(() => hq.partialUploads().some((bytes) => bytes > 0 && bytes < size), { timeout: 30_000 })
    .toBe(true);
  await hq.kill();
  const partial = hq.partialUploads();
  expect(partial.some((bytes) => bytes > 0 && bytes < size)).toBe(true);
  // That part is only a temporary file, never under the photo's name.
  expect(hq.photoFiles().filter((f) => f.endsWith(sha))).toEqual([]);

  await hq.start();
  await page.getByTestId('sync-state').click();
  await page.getByTestId('sync-now').click();
  await expectAllAtHq(page);
  expect(await countsAtHq()).toMatchObject({ ops: SETUP_RECORDS + 1, photos: 1, pages: 1 });
  expect(hq.photoFiles()).toEqual([`${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`]);
});

test('HQ answers 500 for a while: the queue recovers by itself, with no new local write', async ({
  page,
}) => {
  await hq.start();
  const code = hq.enroll('MSK-01');
  await setUpWorkstation(page);
  await connect(page, code);
  await expectAllAtHq(page);
  await hq.stop();

  await hq.start('fail500.ms=8000');
  await register(page, 'Жалоба во время сбоя ЦО');
  await capturePhoto(page, 100_000, 4);
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'error', { timeout: 20_000 });
  await expect(page.getByTestId('sync-state')).toHaveAttribute('title', ru('sync', 'errors.server'));
  await page.getByTestId('sync-state').click();
  await expect(page.getByTestId('sync-error')).toHaveText(ru('sync', 'errors.server'));
  await expect(page.getByTestId('pending-record').first()).not.toHaveAttribute('data-attempts', '0');
  // The item's last error is in plain Russian; "HTTP 500" is only the detail kept for support.
  const lastError = page.getByTestId('pending-record').first().locator('[data-problem]');
  await expect(lastError).toHaveText(ru('sync', 'problem.http').replace('{{status}}', '500'));
  await expect(lastError).toHaveAttribute('title', /^HTTP 500 · internal_error/);
  // Nothing is touched from here on: backoff alone brings it through.
  await expectAllAtHq(page);
  await expect(page.getByTestId('sync-error')).toHaveCount(0);
  expect(await countsAtHq()).toMatchObject({ complaints: 1, ops: SETUP_RECORDS + 2, rejected: 0, photos: 1 });
});

test('a photo larger than HQ accepts is refused for good and explained; the rest still arrives', async ({
  page,
}) => {
  await hq.start('', { HQ_MAX_PHOTO_BYTES: String(150_000) });
  const code = hq.enroll('MSK-01');
  await setUpWorkstation(page);
  await connect(page, code);
  await expectAllAtHq(page);

  await capturePhoto(page, 400_000, 5);
  await register(page, 'Жалоба рядом с большим фото');
  await capturePhoto(page, 100_000, 6);
  // Refused once, never again; the badge is not stuck in error, another one says what needs a person.
  await expectAllAtHq(page);
  await expect(page.getByTestId('refused-photos-badge')).toHaveAttribute('data-count', '1');
  await page.getByTestId('refused-photos-badge').click();
  const row = page.getByTestId('refused-photo');
  await expect(row).toHaveAttribute('data-reason', 'too_large');
  await expect(row).toContainText(ru('sync', 'refusedPhotos.reasons.too_large'));
  await expect(row).toContainText(ru('sync', 'refusedPhotos.fix.too_large'));
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'ok');
  expect(await countsAtHq()).toMatchObject({ complaints: 1, photos: 1 });
  // R7: the entry of the refused page does not pretend to be waiting for HQ; the banner names the way out.
  // (The entries were written behind Dexie's back by `capturePhoto`; a reload drops its query cache.)
  await page.reload();
  const refusedState = ru('book', 'state.photoRefused').split(' · ')[0]!;
  await expect(
    page.getByTestId('book-at-risk-entry').filter({ hasText: ru('book', 'atRisk.photoRefused') }),
  ).toHaveCount(1);
  await page.goto('/#/book');
  const states = page.getByTestId('book-deadline-state');
  await expect(states).toHaveCount(2);
  await expect(states.filter({ hasText: refusedState })).toHaveCount(1);
});

test('the page reloads in the middle of a sync: nothing lost, nothing twice', async ({ page, context }) => {
  await hq.start();
  const code = hq.enroll('MSK-01');
  await setUpWorkstation(page);
  await connect(page, code);
  await waitForOfflineShell(page);
  await expectAllAtHq(page);
  await hq.stop();

  await hq.start('push.afterCommit=4000');
  await context.setOffline(true);
  for (let i = 1; i <= 3; i++) await register(page, `Жалоба до перезагрузки №${i}`);
  const mark = hq.mark;
  await context.setOffline(false);
  await hq.waitFor(/fault point push\.afterCommit/, mark);
  await page.reload();
  // A second window as well: still one syncer (Web Locks), still every op once.
  const second = await context.newPage();
  await second.goto('/#/sync');
  await expectAllAtHq(page);
  await expectAllAtHq(second);
  expect(await countsAtHq()).toEqual({
    complaints: 3,
    events: 6,
    ops: SETUP_RECORDS + 3,
    rejected: 0,
    photos: 0,
    pages: 0,
  });
});

// Issue 4 review (R7, issue 6): the directory fields HQ has set are read-only on the branch, and saving the
// form keeps them; a field HQ never set stays editable.
test('directory fields set by HQ are read-only in Settings and survive a save', async ({ page }) => {
  await hq.start();
  const code = hq.enroll('MSK-01', '--manager-name', 'Ирина Смирнова', '--manager-email', 'irina@example.ru');
  await setUpWorkstation(page);
  await connect(page, code);
  await page.reload();
  const managerEmail = page.getByLabel(ru('settings', 'fields.managerEmail'), { exact: true });
  await expect(managerEmail).toHaveValue('irina@example.ru');
  await expect(managerEmail).not.toBeEditable();
  await expect(page.getByTestId('s-managerEmail-from-hq')).toBeVisible();
  await expect(page.getByText(ru('settings', 'hints.setByHq')).first()).toBeVisible();
  const headOfSales = page.getByLabel(ru('settings', 'fields.headOfSalesEmail'), { exact: true });
  await expect(headOfSales).toBeEditable();
  await headOfSales.fill('sales@example.ru');
  await page.getByRole('button', { name: ru('settings', 'save') }).click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await page.reload();
  await expect(managerEmail).toHaveValue('irina@example.ru');
  await expect(headOfSales).toHaveValue('sales@example.ru');
});
