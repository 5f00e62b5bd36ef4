import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { e2eChromiumArgs, testChromiumPath } from '../chromium.mjs';
import {
  MOSCOW,
  offlineAgain,
  SETUP_RECORDS,
  expect,
  moscowYear,
  setUpWorkstation,
  test,
  text,
  waitForOfflineShell,
} from './fixtures';

const ru = (ns: string, key: string) => text('ru', ns, key);

// Every test here needs the browser build's offline shell (a service worker): two reload or restart the
// browser with no link, and the draft test checks what the worker fetches and caches. The browser project
// blocks service workers otherwise (playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

// R1, R22: a complaint registered with no link is numbered, kept, and survives a reload and a restart.
test('registers a complaint offline; it survives a reload with its history', async ({ page, context }) => {
  await setUpWorkstation(page);
  await waitForOfflineShell(page);
  await context.setOffline(true);
  await expect(page.getByTestId('connectivity')).toHaveAttribute('data-state', 'offline');
  await expect(page.getByTestId('connectivity')).toHaveText(ru('common', 'connectivity.offline'));

  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { name: ru('complaints', 'form.title') })).toBeVisible();
  await page.getByRole('radio', { name: ru('complaints', 'channel.phone') }).check();
  await page.getByLabel(ru('complaints', 'fields.customerName')).fill('Пётр Сидоров');
  await page.getByLabel(ru('complaints', 'fields.phone'), { exact: true }).fill('+7 916 555-12-34');
  await page
    .getByLabel(ru('complaints', 'fields.description'))
    .fill('Заказ не привезли в обещанный день, никто не предупредил.');
  await page.getByLabel(ru('complaints', 'fields.remedy')).fill('Доставить завтра до обеда');
  await page.getByLabel(ru('complaints', 'fields.consent')).check();
  await page.getByLabel(ru('complaints', 'fields.remedy')).press('Control+Enter');

  const number = page.getByTestId('complaint-number');
  await expect(number).toHaveText(new RegExp(`^MSK-01-${moscowYear()}-1\\d{5}$`));
  const registered = await number.textContent();
  await expect(page.getByTestId('registered-banner')).toContainText(registered!);
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', String(SETUP_RECORDS + 1));

  await page.getByLabel(ru('complaints', 'detail.addNote')).fill('Клиент перезвонил: удобно после 14:00');
  await page.getByRole('button', { name: ru('complaints', 'detail.saveNote') }).click();
  // Created, acknowledged at once (the customer is on the phone), and the note.
  await expect(page.getByTestId('history-event')).toHaveCount(3);
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', String(SETUP_RECORDS + 2));

  await page.reload();
  await offlineAgain(context);
  await expect(page.getByTestId('connectivity')).toHaveAttribute('data-state', 'offline');
  await expect(page.getByTestId('complaint-number')).toHaveText(registered!);
  await expect(page.getByTestId('complaint-description')).toHaveText(
    'Заказ не привезли в обещанный день, никто не предупредил.',
  );
  const history = page.getByTestId('history-event');
  await expect(history).toHaveCount(3);
  await expect(history.nth(0)).toHaveAttribute('data-type', 'created');
  await expect(history.nth(0)).toContainText(MOSCOW.employeeName);
  await expect(history.nth(1)).toHaveAttribute('data-type', 'status_changed');
  await expect(history.nth(2)).toContainText('удобно после 14:00');

  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('complaint-row')).toHaveCount(1);
  await expect(page.getByTestId('complaint-row')).toContainText(registered!);
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', String(SETUP_RECORDS + 2));
});

test('a restarted browser, still offline, opens the app with the complaint in it', async ({ baseURL }) => {
  const profile = mkdtempSync(join(tmpdir(), 'otklik-profile-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: testChromiumPath(),
      args: e2eChromiumArgs,
      baseURL,
      timezoneId: 'UTC',
    });
  try {
    let context = await launch();
    let page = context.pages()[0] ?? (await context.newPage());
    await setUpWorkstation(page);
    await waitForOfflineShell(page);
    await context.setOffline(true);
    await page.goto('/#/complaints/new');
    await page.getByRole('radio', { name: ru('complaints', 'channel.in_person') }).check();
    await page
      .getByLabel(ru('complaints', 'fields.noContactReason'))
      .fill('Клиент не захотел оставить контакты');
    await page
      .getByLabel(ru('complaints', 'fields.description'))
      .fill('Очередь к кассе 40 минут, работала одна касса.');
    await page.getByRole('button', { name: ru('complaints', 'form.submit') }).click();
    const registered = await page.getByTestId('complaint-number').textContent();
    expect(registered).toMatch(/^MSK-01-\d{4}-100001$/);
    await context.close();

    context = await launch();
    await context.setOffline(true);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/#/complaints');
    await offlineAgain(context);
    await expect(page.getByTestId('connectivity')).toHaveAttribute('data-state', 'offline');
    await expect(page.getByTestId('complaint-row')).toHaveCount(1);
    await expect(page.getByTestId('complaint-row')).toContainText(registered!);
    await expect(page.getByTestId('pending')).toHaveAttribute('data-count', String(SETUP_RECORDS + 1));
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test('what is typed survives a reload before saving (draft)', async ({ page, context }) => {
  await setUpWorkstation(page);
  await waitForOfflineShell(page);
  // What the service worker fetches from now on: the shell is cached, so a reload online refreshes only the
  // page and the files without a hash in their name (issue 17: it fetched all 18 files, 3.6 MB, before).
  const fetchedByWorker: string[] = [];
  context.on('request', (r) => {
    if (r.serviceWorker()) fetchedByWorker.push(new URL(r.url()).pathname);
  });
  await page.goto('/#/complaints/new');
  await page.getByLabel(ru('complaints', 'fields.description')).fill('Черновик: клиент ещё рассказывает');
  await page.getByLabel(ru('complaints', 'fields.customerName')).fill('Анна');
  // The draft is written a moment after typing stops: wait until it holds both fields.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise((resolve) => {
            const open = indexedDB.open('otklik');
            open.onsuccess = () => {
              // One draft per window (issue 13): this window's is `new-complaint:<window>`.
              const all = open.result.transaction('drafts').objectStore('drafts').getAll();
              all.onsuccess = () => {
                const mine = (
                  all.result as { id: string; input?: { description: string; customer: { name: string } } }[]
                ).filter((d) => d.id.startsWith('new-complaint'));
                const input = mine.length === 1 ? mine[0]!.input : undefined;
                resolve(input ? [input.description, input.customer.name] : null);
              };
            };
          }),
      ),
    )
    .toEqual(['Черновик: клиент ещё рассказывает', 'Анна']);
  // The icon is the refresh's last fetch (its only file without a hash besides the page and the list).
  const refreshed = context.waitForEvent(
    'requestfinished',
    (r) => r.serviceWorker() !== null && r.url().endsWith('/favicon.svg'),
  );
  await page.reload();
  await refreshed;
  expect(fetchedByWorker.filter((path) => path.startsWith('/assets/'))).toEqual([]);
  // And the cache still holds every file the build lists, for the next reload with no link.
  expect(
    await page.evaluate(async () => {
      // The service worker's cache, whatever its name: the worker keeps no other.
      const names = await caches.keys();
      if (names.length !== 1) return { caches: names };
      const held = (await (await caches.open(names[0]!)).keys()).map((r) => new URL(r.url).pathname);
      const listed = (await (await fetch('./shell-files.json')).json()) as string[];
      return listed.filter((file) => !held.includes(new URL(file, location.href).pathname));
    }),
  ).toEqual([]);
  await expect(page.getByTestId('draft-restored')).toBeVisible();
  await expect(page.getByLabel(ru('complaints', 'fields.description'))).toHaveValue(
    'Черновик: клиент ещё рассказывает',
  );
  await expect(page.getByLabel(ru('complaints', 'fields.customerName'))).toHaveValue('Анна');
  await page
    .getByTestId('draft-restored')
    .getByRole('button', { name: ru('complaints', 'form.clear') })
    .click();
  await expect(page.getByLabel(ru('complaints', 'fields.description'))).toHaveValue('');
});
