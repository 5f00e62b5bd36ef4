import type { Page } from '@playwright/test';
import { expect, setUpWorkstation, test, text } from './fixtures';

const ru = (ns: string, key: string) => text('ru', ns, key);

async function register(
  page: Page,
  channel: string,
  name: string,
  phone: string,
  description: string,
): Promise<string> {
  await page.goto('/#/complaints/new');
  await page.getByRole('radio', { name: ru('complaints', `channel.${channel}`) }).check();
  await page.getByLabel(ru('complaints', 'fields.customerName')).fill(name);
  await page.getByLabel(ru('complaints', 'fields.phone'), { exact: true }).fill(phone);
  await page.getByLabel(ru('complaints', 'fields.description')).fill(description);
  await page.getByLabel(ru('complaints', 'fields.consent')).check();
  await page.getByLabel(ru('complaints', 'fields.description')).press('Control+Enter');
  const number = page.getByTestId('complaint-number');
  await expect(number).toBeVisible();
  return (await number.textContent())!;
}

test('the list shows newest first, filters, searches and opens the detail with its history', async ({
  page,
}) => {
  await setUpWorkstation(page);
  await page.goto('/#/complaints');
  await expect(page.getByTestId('list-empty')).toContainText(ru('complaints', 'list.emptyTitle'));

  const first = await register(
    page,
    'in_person',
    'Анна Петрова',
    '+7 903 111-22-33',
    'Кассир нагрубил при возврате',
  );
  const second = await register(
    page,
    'phone',
    'Борис Смирнов',
    '+7 903 444-55-66',
    'Не перезвонили, как обещали',
  );
  const third = await register(
    page,
    'in_person',
    'Вера Кузнецова',
    '+7 903 777-88-99',
    'Грязно в примерочной',
  );

  await page.keyboard.press('Alt+1');
  const rows = page.getByTestId('complaint-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText(third);
  await expect(rows.nth(2)).toContainText(first);

  await page.getByLabel(ru('complaints', 'fields.channel')).selectOption('phone');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(second);
  await page.getByRole('button', { name: ru('complaints', 'list.clearFilters') }).click();
  await expect(rows).toHaveCount(3);

  const search = page.getByRole('searchbox');
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  await search.fill('петрова');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(first);
  await search.fill(second);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(second);
  await search.fill('903 777-88-99');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(third);
  await search.fill('кофеварка');
  await expect(page.getByTestId('list-empty')).toHaveText(ru('complaints', 'list.nothingFound'));
  await search.press('Escape');
  await expect(rows).toHaveCount(3);

  await page.getByLabel(ru('complaints', 'fields.status')).selectOption('closed');
  await expect(page.getByTestId('list-empty')).toBeVisible();
  // Taken at the counter and on the phone: acknowledged at registration.
  await page.getByLabel(ru('complaints', 'fields.status')).selectOption('registered');
  await expect(rows).toHaveCount(3);

  await rows.nth(1).getByRole('link').click();
  await expect(page.getByTestId('complaint-number')).toHaveText(second);
  await expect(page.getByText('Борис Смирнов')).toBeVisible();
  await expect(page.getByTestId('history-event')).toHaveCount(2);
  await expect(page.getByTestId('history-event').first()).toContainText(second);
});

test('internal complaints stay in their own confidential register', async ({ page }) => {
  await setUpWorkstation(page);
  await page.goto('/#/complaints/new');
  await page.getByRole('radio', { name: ru('complaints', 'channel.internal') }).check();
  await page.getByLabel(ru('complaints', 'fields.employeeComplainant')).fill('Сергей Орлов');
  await page.getByLabel(ru('complaints', 'fields.noContactReason')).fill('Работает в этом отделении');
  await page
    .getByLabel(ru('complaints', 'fields.description'))
    .fill('Склад не выдаёт товар по заявкам вовремя');
  await page.getByLabel(ru('complaints', 'fields.consent')).check();
  await page.getByRole('button', { name: new RegExp(ru('complaints', 'form.submit')) }).click();
  const number = await page.getByTestId('complaint-number').textContent();

  await page.goto('/#/complaints');
  await expect(page.getByTestId('list-empty')).toBeVisible();
  await page.getByRole('searchbox').fill('склад');
  await expect(page.getByTestId('complaint-row')).toHaveCount(0);
  await page.getByLabel(ru('complaints', 'list.register')).selectOption('internal');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru('complaints', 'list.titleInternal'));
  await expect(page.getByTestId('complaint-row')).toHaveCount(1);
  await expect(page.getByTestId('complaint-row')).toContainText(number!);
});

test('the feedback book page starts with an empty state that leads to photographing an entry', async ({
  page,
}) => {
  await setUpWorkstation(page);
  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('book-empty')).toContainText(ru('book', 'emptyTitle'));
  await page.getByRole('button', { name: ru('book', 'newEntry') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru('book', 'captureTitle'));
  await expect(page.getByTestId('no-pages')).toBeVisible();
});

test('years of complaints: only the rows in view are rendered; scrolling reads the next pages in order (issue 17)', async ({
  page,
}) => {
  // Seeding and scrolling through five pages takes long beside other tests on two shared cores.
  test.setTimeout(60_000);
  await setUpWorkstation(page);
  const total = 250;
  // Seeded straight into the app's database, as closed complaints of earlier years would be stored.
  await page.evaluate(async (n) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('otklik');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction('complaints', 'readwrite');
    const start = Date.parse('2024-01-10T09:00:00Z');
    for (let i = 0; i < n; i++) {
      const at = new Date(start + i * 3_600_000).toISOString();
      tx.objectStore('complaints').put({
        id: `0190c3a0-0000-7000-8000-${String(i).padStart(12, '0')}`,
        number: `MSK-01-2024-1${String(i).padStart(5, '0')}`,
        branchCode: 'MSK-01',
        status: 'closed',
        channel: 'in_person',
        receivedAt: at,
        registeredAt: at,
        updatedAt: at,
        receivedBy: 'Ольга Иванова',
        confidential: false,
        customer: { name: `Клиент ${i}`, phone: '', email: '', address: '', preferredContact: '' },
        noContactReason: 'Не оставил',
        description: `Жалоба номер ${i}`,
        remedy: '',
        concerns: { product: '', service: '', employee: '' },
        category: 'other',
        severity: 'medium',
        healthAndSafety: false,
        consent: true,
        searchWords: [],
        progress: { status: 'closed', reopenCount: 0, acknowledgedAt: at, closedAt: at },
      });
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, total);
  // Written past Dexie, so the open page cannot know: start the app again.
  await page.goto('/#/complaints');
  await page.reload();
  const rows = page.getByTestId('complaint-row');
  const number = (i: number) => `MSK-01-2024-1${String(i).padStart(5, '0')}`;
  await expect(rows.first()).toContainText(number(total - 1));
  const footer = page.locator('.list-footer');
  // The number the footer shows ("Показано 50 жалоб"), compared exactly: a substring would also match
  // "250", the old list that stays on screen while a new filter's first page is read.
  const shownCount = async () => Number(/\d+/.exec((await footer.textContent()) ?? '')?.[0] ?? NaN);
  await expect.poll(shownCount).toBe(50);
  // Virtualized: a window's worth of rows is in the document, not the whole page of 50.
  expect(await rows.count()).toBeLessThan(50);

  // Scrolling to the end reads exactly one more page each time, newest first, until the oldest is shown.
  for (let shown = 100; shown <= total; shown += 50) {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect.poll(shownCount).toBe(shown);
  }
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(rows.last()).toContainText(number(0));
  await expect(page.getByRole('button', { name: ru('complaints', 'list.showMore') })).toHaveCount(0);
  expect(await rows.count()).toBeLessThan(60);
  const shown = await rows.locator('a.number').allTextContents();
  expect(shown).toEqual([...shown].sort().reverse());

  // Back at the top, the newest is there again; a search reads its own index and pages from it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(rows.first()).toContainText(number(total - 1));
  await page.getByLabel(ru('complaints', 'fields.status')).selectOption('closed');
  await expect.poll(shownCount).toBe(50);
  await expect(rows.first()).toContainText(number(total - 1));
  // "Show more" reads exactly one page. Clicked where the list is: a pointer click would first scroll the
  // button into view, i.e. to the end of the list, which reads the next page by itself (above) — one page
  // or two would then depend on whether that page is drawn before the click lands.
  await page.getByRole('button', { name: ru('complaints', 'list.showMore') }).dispatchEvent('click');
  await expect.poll(shownCount).toBe(100);
  await expect(rows.first()).toContainText(number(total - 1));
  // Nothing more is read on its own: the next page comes with the next scroll to the end, and only it.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect.poll(shownCount).toBe(150);
});
