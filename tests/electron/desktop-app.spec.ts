import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { NO_ELECTRON_REASON, electronBinary } from '../electron-binary.mjs';
import { MOSCOW, signIn, text } from '../e2e/fixtures';

// The real desktop app (Playwright's Electron driver) on the production build. Where no Electron binary can
// exist these are reported as skipped with the reason, never as passed; the same guards are unit-tested
// with a mocked electron module in tests/unit/electron.

const binary = electronBinary();
test.skip(binary === null, NO_ELECTRON_REASON);

const root = join(import.meta.dirname, '../..');
const ru = (ns: string, key: string) => text('ru', ns, key);
let profile: string;

test.beforeEach(() => {
  profile = mkdtempSync(join(tmpdir(), 'otklik-electron-'));
});
test.afterEach(() => rmSync(profile, { recursive: true, force: true }));

function launch(): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: binary!,
    args: [root],
    env: { ...process.env, OTKLIK_USER_DATA_DIR: profile },
  });
}

test('loads from app://, exposes only the bridge, keeps storage persistent and data across a restart', async () => {
  let app = await launch();
  let page = await app.firstWindow();
  expect(page.url()).toMatch(/^app:\/\/otklik\//);
  expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
    'undefined',
  );
  const info = await page.evaluate(() => window.otklik!.getAppInfo());
  expect(info.electron).toMatch(/^\d+\./);
  expect(await page.evaluate(() => navigator.storage.persist())).toBe(true);
  await expect(page.getByTestId('storage-warning')).toHaveCount(0);

  // Navigation away from the app and new windows are refused.
  expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true);
  await page.evaluate(() => {
    location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/^app:\/\/otklik\//);

  await page.getByLabel(ru('settings', 'fields.branchCode')).fill(MOSCOW.branchCode);
  await page.getByLabel(ru('settings', 'fields.branchName')).fill(MOSCOW.branchName);
  await page.getByLabel(ru('people', 'firstRun.you')).fill(MOSCOW.employeeName);
  await page.getByRole('button', { name: ru('settings', 'start') }).click();
  await signIn(page, MOSCOW.employeeName, MOSCOW.pin, { first: true });
  await page.goto('app://otklik/index.html#/complaints/new');
  await page.getByLabel(ru('complaints', 'fields.noContactReason')).fill('Не оставил контактов');
  await page.getByLabel(ru('complaints', 'fields.description')).fill('Проверка настольного приложения');
  await page.getByRole('button', { name: new RegExp(ru('complaints', 'form.submit')) }).click();
  const number = await page.getByTestId('complaint-number').textContent();
  await app.close();

  app = await launch();
  page = await app.firstWindow();
  await page.goto('app://otklik/index.html#/complaints');
  await expect(page.getByTestId('complaint-row')).toContainText(number!);
  await app.close();
});
