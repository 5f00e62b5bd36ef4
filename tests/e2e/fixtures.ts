import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { EMPLOYEE, MSK01 } from '../fixtures';
import { LANGUAGE_KEY } from '../../renderer/i18n/language';
import { SESSION_KEY, type SessionState } from '../../renderer/people/session';

/** The catalogues themselves: tests compare what is on screen with what translators wrote. */
export function catalogue(lng: string, ns: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(import.meta.dirname, '../../locales', lng, `${ns}.json`), 'utf8'));
}

export function text(lng: string, ns: string, key: string): string {
  let node: unknown = catalogue(lng, ns);
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`No string ${lng}/${ns}:${key}`);
  return node;
}

/**
 * Whether the running test's contexts block service workers (`serviceWorkers: 'block'`): Playwright gives
 * every context of a test, the page fixture's and any it makes, the test's options. Read by
 * waitForOfflineShell.
 */
let serviceWorkersBlocked = false;

/** Every page fails its test on any console error or uncaught exception (missing translations log one). */
export const test = base.extend<{ page: Page; serviceWorkerOption: void }>({
  // Every test, with or without the page fixture (a spec may launch a browser of its own).
  serviceWorkerOption: [
    async ({ serviceWorkers }, use) => {
      serviceWorkersBlocked = serviceWorkers === 'block';
      await use();
    },
    { auto: true },
  ],
  page: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await use(page);
    expect(problems).toEqual([]);
  },
});

export { expect };

export interface Workstation {
  branchCode: string;
  branchName: string;
  /** Who sets the workstation up: the branch's first employee, its branch manager. */
  employeeName: string;
  /** The PIN they choose at their first sign-in. */
  pin: string;
}

export const MOSCOW: Workstation = {
  branchCode: MSK01.code,
  branchName: MSK01.name,
  employeeName: EMPLOYEE,
  pin: '4829',
};

/**
 * Records the first run and the first sign-in queue for HQ (issue 14): the employee created, and the PIN
 * they set. Counts of records not yet at HQ start from here.
 */
export const SETUP_RECORDS = 2;

/**
 * The context's offline emulation, set again after a page the service worker served while offline (a
 * reload, a restarted browser). Debian's Chromium 150 (150.0.7871.100) keeps refusing such a page's
 * requests but has it read `navigator.onLine` as true, which an operating system that is offline never
 * does; set again, the page hears `offline` as it would from the system. These tests passed with the
 * Chromium of the last session and fail with this build at the same commit: the browser changed, not the app.
 */
export async function offlineAgain(context: BrowserContext): Promise<void> {
  await context.setOffline(false);
  await context.setOffline(true);
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * What a workstation holds once set up (IndexedDB and localStorage), by workstation, in this worker: the
 * first test of a worker to set one up goes through the screens, and the worker's later tests start from
 * what that left (issue 17 item 5: CI time). Going through the screens took 1.16 CPU-s of the machine a
 * test, starting from the state 0.63 (five each, three rounds, alternating). The first run and the first
 * sign-in have specs of their own (sign-in.spec.ts), and each worker still goes through them once.
 */
const setUpStates = new Map<string, StorageState>();
/**
 * The workstations set up in the running test: the same one again is another PC of that branch, which
 * needs ids of its own (a state's are the same each time it is given).
 */
const setUpInTest = { testId: '', keys: new Set<string>() };

/**
 * `OTKLIK_E2E_FRESH_SETUP=1`: every set-up goes through the screens, as when a spec runs alone (a failure
 * that depends on which test a worker ran first shows that way).
 */
const freshSetUps = process.env.OTKLIK_E2E_FRESH_SETUP === '1';

/**
 * What a later test starts from: the stored session as just signed in (the state is minutes old, past a
 * short auto-lock time), and of localStorage only the session and the interface language (not a note a
 * screen of the first test left, e.g. since when the PC is offline).
 */
function signedInNow(state: StorageState): StorageState {
  const session = (value: string): string =>
    JSON.stringify({
      ...(JSON.parse(value) as SessionState),
      lastActivityAt: Date.now(),
    } satisfies SessionState);
  return {
    ...state,
    origins: state.origins.map((origin) => ({
      ...origin,
      localStorage: origin.localStorage
        .filter((item) => item.name === SESSION_KEY || item.name === LANGUAGE_KEY)
        .map((item) => (item.name === SESSION_KEY ? { ...item, value: session(item.value) } : item)),
    })),
  };
}

/** IndexedDB's part of a storage state (`indexedDB: true`), which Playwright's type leaves out. */
interface StoredDatabases {
  indexedDB?: Array<{ stores: Array<{ name: string; records: unknown[] }> }>;
}

/** The records the state has queued for HQ: the set-up's own, or it is not kept (still being written). */
const queuedRecords = (state: StorageState): number =>
  state.origins
    .flatMap((o) => (o as StoredDatabases).indexedDB ?? [])
    .flatMap((db) => db.stores)
    .filter((store) => store.name === 'outbox')
    .reduce((n, store) => n + store.records.length, 0);

/**
 * First run, in Russian (the default language): the setup screen with the branch and the person setting
 * up (its branch manager), then their first sign-in, which sets their PIN. Every test that works in the
 * app starts here: through the screens, or from the state they left earlier in this worker (setUpStates),
 * in a context of the worker's browser. The same workstation set up again in one test (another PC of the
 * branch) and a browser the test launched itself always go through the screens.
 */
export async function setUpWorkstation(
  page: Page,
  w: Workstation = MOSCOW,
  { timeout }: { timeout?: number } = {},
): Promise<void> {
  const key = JSON.stringify(w);
  const context = page.context();
  const { testId } = test.info();
  if (setUpInTest.testId !== testId) setUpInTest.keys.clear();
  setUpInTest.testId = testId;
  const first = !setUpInTest.keys.has(key);
  setUpInTest.keys.add(key);
  const state = setUpStates.get(key);
  // A persistent context (a browser the test launched) has no browser() and is not the worker's. A test
  // that set the page's clock (page.clock) gets its first run on that clock, as the state's times are real.
  const shared =
    !freshSetUps &&
    context.browser() !== null &&
    Math.abs((await page.evaluate(() => Date.now())) - Date.now()) < 60_000;
  if (state && first && shared) {
    test.info().annotations.push({
      type: 'set-up',
      description: `from the state this worker's first set-up of ${w.branchCode} left (OTKLIK_E2E_FRESH_SETUP=1: through the screens)`,
    });
    await context.setStorageState(signedInNow(state));
    await page.goto('/');
    await expect(page.getByTestId('signed-in-name')).toHaveText(w.employeeName, { timeout });
    await expect(page.getByTestId('branch-label')).toContainText(w.branchCode, { timeout });
    return;
  }
  await page.goto('/');
  await expect(page.getByTestId('setup-intro')).toBeVisible({ timeout });
  await page.getByLabel(text('ru', 'settings', 'fields.branchCode')).fill(w.branchCode);
  await page.getByLabel(text('ru', 'settings', 'fields.branchName')).fill(w.branchName);
  await page.getByLabel(text('ru', 'people', 'firstRun.you')).fill(w.employeeName);
  await page.getByRole('button', { name: text('ru', 'settings', 'start') }).click();
  await signIn(page, w.employeeName, w.pin, { first: true, timeout });
  await expect(page.getByTestId('branch-label')).toContainText(w.branchCode, { timeout });
  if (!state && first && shared) {
    const made = await context.storageState({ indexedDB: true });
    if (queuedRecords(made) === SETUP_RECORDS) setUpStates.set(key, made);
  }
}

/**
 * The sign-in screen ("who is at the counter", in Russian): pick the name, enter the PIN — or, at the
 * first sign-in, choose it twice.
 */
export async function signIn(
  page: Page,
  name: string,
  pin: string,
  { first = false, timeout }: { first?: boolean; timeout?: number } = {},
): Promise<void> {
  const screen = page.getByTestId('sign-in');
  await expect(screen).toBeVisible({ timeout });
  await screen.getByRole('radio', { name }).check();
  if (first) {
    await screen.getByLabel(text('ru', 'people', 'signIn.newPin'), { exact: true }).fill(pin);
    await screen.getByLabel(text('ru', 'people', 'signIn.repeatPin'), { exact: true }).fill(pin);
    await screen.getByRole('button', { name: text('ru', 'people', 'signIn.setAndSignIn') }).click();
  } else {
    await screen.getByLabel(text('ru', 'people', 'signIn.pin'), { exact: true }).fill(pin);
    await screen.getByRole('button', { name: text('ru', 'people', 'signIn.submit'), exact: true }).click();
  }
  // The PIN's PBKDF2 hash (600 000 rounds) is slower on a loaded machine: a caller may wait longer (for
  // the screen too, after a first page load).
  await expect(page.getByTestId('signed-in-name')).toHaveText(name, { timeout });
}

/** The year a complaint registered now gets: Moscow's, not the browser's (UTC). */
export function moscowYear(now = new Date()): string {
  return new Intl.DateTimeFormat('en', { timeZone: MSK01.timeZone, year: 'numeric' }).format(now);
}

/**
 * The service worker must control the page before the link goes down, or a reload cannot work. Where the
 * context blocks service workers (the browser project's default: playwright.config.ts) none ever does, and
 * this says so instead of waiting out the test's time.
 */
export async function waitForOfflineShell(page: Page): Promise<void> {
  if (serviceWorkersBlocked)
    throw new Error("no offline shell: this spec needs test.use({ serviceWorkers: 'allow' })");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
      );
    }
  });
}
