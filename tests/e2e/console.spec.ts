import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { MOSCOW, expect, setUpWorkstation, test, text, waitForOfflineShell } from './fixtures';
import { HqProcess } from './hq';

// Issue 14, the HQ console end to end: the production build of the branch app and of the console (served by
// a real HQ process on PGlite at /console/) in Chromium. One HQ for the file; the tests build on each other.
// Its HQ listens on its worker's own port (tests/e2e/hq.ts): it runs beside the fault specs.
test.describe.configure({ mode: 'serial' });
test.setTimeout(150_000);

const ru = (ns: string, key: string) => text('ru', ns, key);
const ko = (ns: string, key: string) => text('ko', ns, key);

let hq: HqProcess;
let enrollmentCode: string;
type ConsoleAccount = Awaited<ReturnType<HqProcess['addConsoleUser']>>;
let head: ConsoleAccount;
let auditor: ConsoleAccount;
let managerSpb: ConsoleAccount;
let admin: ConsoleAccount;
/** The complaint the first test registers at the branch and decides at HQ. */
const made = { number: '', id: '', word: `зубр${randomBytes(3).toString('hex')}` };

test.beforeAll(async () => {
  // PGlite's start and five admin commands: far longer than a test's default on a busy two-core machine.
  test.setTimeout(120_000);
  hq = new HqProcess();
  await hq.start();
  enrollmentCode = hq.enroll(
    'MSK-01',
    '--manager-name',
    'Ирина Смирнова',
    '--manager-email',
    'manager@example.ru',
  );
  hq.cli('enroll', '--branch', 'SPB-02', '--name', 'Санкт-Петербург, Невский 1');
  head = await hq.addConsoleUser('head_of_sales', 'Анна Руководова');
  auditor = await hq.addConsoleUser('auditor', '김감사');
  managerSpb = await hq.addConsoleUser('manager', 'Пётр Питерский', ['SPB-02']);
  admin = await hq.addConsoleUser('admin', 'Ольга Админова');
});
test.afterAll(async () => {
  await hq?.dispose();
});

/**
 * Everything done at the branch, in one place (the workstation's sign-in screen will add a step here): set
 * up, connect to HQ, then with the network off photograph a feedback-book entry of two pages and register
 * it as a new complaint; with the network back, everything reaches HQ. Returns the complaint's number.
 */
async function registerOfflineAtBranch(page: Page, context: BrowserContext, words: string): Promise<string> {
  await setUpWorkstation(page);
  await page.goto('/#/settings');
  const form = page.getByRole('form', { name: ru('sync', 'connect.title') });
  await form.getByLabel(ru('sync', 'connect.hqUrl')).fill(hq.url);
  await form.getByLabel(ru('sync', 'connect.code')).fill(enrollmentCode);
  await form.getByRole('button', { name: ru('sync', 'connect.submit'), exact: true }).click();
  await expect(page.getByTestId('hq-connected')).toContainText(MOSCOW.branchCode);
  await waitForOfflineShell(page);

  await context.setOffline(true);
  await page.goto('/#/book/new');
  for (let i = 1; i <= 2; i++) {
    await expect(page.getByTestId('take-photo')).toBeEnabled();
    await page.getByTestId('take-photo').click();
    await expect(page.getByTestId('page-thumb')).toHaveCount(i);
  }
  await page.getByLabel(ru('complaints', 'fields.noContactReason')).fill('Клиент не оставил контакты');
  await page.getByLabel(ru('book', 'summary')).fill(words);
  await page.getByTestId('submit-entry-button').click();
  const number = await page
    .getByTestId('book-entry-view')
    .getByRole('link', { name: /^MSK-01-\d{4}-\d{6}$/ })
    .textContent();
  await context.setOffline(false);
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0', { timeout: 60_000 });
  await expect(page.getByTestId('pending-photos')).toHaveCount(0, { timeout: 60_000 });
  return number!;
}

/** The branch pulls (Sync now) until the complaint's history shows what HQ did. */
async function branchHistoryAfterSync(page: Page, number: string, expected: string): Promise<void> {
  await expect(async () => {
    await page.goto('/#/sync');
    await page.getByTestId('sync-now').click();
    await page.goto('/#/complaints');
    await page.getByRole('link', { name: number, exact: true }).click();
    await expect(page.getByTestId('history')).toContainText(expected, { timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
}

/**
 * A console page in its own browser context (its own cookies: one signed-in user each). Fails on any
 * console error except the HTTP answers the console expects and handles (401 before sign-in and for a
 * wrong password, 400 for a used set-password link, 404 for a complaint out of scope).
 */
async function consolePage(
  browser: Browser,
): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
  const context = await browser.newContext({ baseURL: hq.url, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/Failed to load resource: the server responded with a status of (400|401|404)/.test(m.text())) return;
    problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { page, context, problems };
}

async function fillSignIn(page: Page, lng: 'ru' | 'ko', email: string, password: string) {
  await expect(page.getByRole('heading', { name: text(lng, 'console', 'signIn.title') })).toBeVisible();
  await page.getByLabel(text(lng, 'console', 'signIn.email')).fill(email);
  await page.getByLabel(text(lng, 'console', 'signIn.password')).fill(password);
  await page.getByRole('button', { name: text(lng, 'console', 'signIn.submit') }).click();
}

async function signIn(page: Page, lng: 'ru' | 'ko', account: ConsoleAccount) {
  await page.goto('/console/');
  if (lng !== 'ru') await page.getByTestId('language-switcher').selectOption(lng);
  await fillSignIn(page, lng, account.email, account.password);
  await expect(page.getByTestId('console-user')).toContainText(account.name);
}

async function search(page: Page, lng: 'ru' | 'ko', words: string) {
  await page.getByRole('link', { name: text(lng, 'console', 'nav.register') }).click();
  await page.getByLabel(text(lng, 'console', 'register.search')).fill(words);
}

/**
 * Opens the one complaint a search found. The list may still be re-rendered by the search's own answer (it
 * waits for a pause in typing), so a click that landed on a row being replaced is clicked again (the
 * auditor's test clicked without this and, in a loaded CI run, stayed on the register).
 */
async function openFound(page: Page, number: string) {
  const row = page.getByTestId('complaint-row').filter({ hasText: number });
  await expect(row).toHaveCount(1);
  await expect(page.getByTestId('complaint-row')).toHaveCount(1);
  await expect(async () => {
    await row.getByRole('link', { name: number }).click({ timeout: 2_000 });
    await expect(page.getByTestId('complaint-number')).toHaveText(number, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

test('a complaint registered offline at the branch is found at HQ, taken over and decided; the branch sees the decision', async ({
  page,
  context,
  browser,
}) => {
  made.number = await registerOfflineAtBranch(page, context, `Книга: протекает чайник ${made.word}`);

  const hqSide = await consolePage(browser);
  const c = hqSide.page;
  await signIn(c, 'ru', head);
  // The first screen: the queues (R11, R14).
  await expect(c.getByRole('heading', { name: ru('console', 'queues.title') })).toBeVisible();
  await expect(c.getByTestId('queue-branch')).toHaveCount(2);

  await search(c, 'ru', made.word.toUpperCase());
  await openFound(c, made.number);
  made.id = c.url().split('/complaints/')[1]!;
  await expect(c.getByTestId('complaint-description')).toContainText(made.word);

  // The feedback-book pages, from HQ's authenticated photo route, paged through and rotated.
  const image = c.getByTestId('viewer-image');
  await expect(c.getByTestId('viewer-position')).toHaveText('Страница 1 из 2');
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await c.getByRole('button', { name: ru('console', 'viewer.next') }).click();
  await expect(c.getByTestId('viewer-position')).toHaveText('Страница 2 из 2');
  await c.getByRole('button', { name: ru('console', 'viewer.rotateRight') }).click();
  await expect(image).toHaveAttribute('data-rotation', '90');

  // R14: the head of sales takes it over.
  await c.getByTestId('take-over').click();
  await expect(c.getByTestId('owned-by-me')).toBeVisible();
  await expect(c.getByTestId('complaint-branch')).toContainText(head.name);

  // Through the lifecycle to the decision, step by step as the shared rules offer them.
  for (const step of ['register', 'start_review'] as const) {
    const button = c.getByTestId(`step-${step}`);
    if (await button.isVisible()) {
      await button.click();
      await expect(button).toBeHidden();
    }
  }
  await c.getByTestId('step-decide').click();
  const decision = c.getByTestId('decision-form');
  await decision.getByRole('radio', { name: ru('lifecycle', 'outcome.rejected') }).check();
  await decision.getByRole('button', { name: ru('lifecycle', 'decision.save') }).click();
  // R15: refused without a justification and an alternative, said in words.
  await expect(c.getByTestId('decision-error-justification')).toHaveText(
    ru('lifecycle', 'refusal.justification_required'),
  );
  await expect(c.getByTestId('decision-error-alternative')).toHaveText(
    ru('lifecycle', 'refusal.alternative_required'),
  );
  await expect(c.getByTestId('complaint-status')).not.toHaveText(ru('complaints', 'status.decided'));
  await decision.getByLabel(ru('lifecycle', 'decision.justification')).fill('Чайник повреждён при падении');
  await decision.getByLabel(ru('lifecycle', 'decision.alternative')).fill('Скидка 20 % на новый чайник');
  await decision.getByRole('button', { name: ru('lifecycle', 'decision.save') }).click();
  await expect(c.getByTestId('complaint-status')).toHaveText(ru('complaints', 'status.decided'));
  await expect(c.getByTestId('history')).toContainText(ru('lifecycle', 'outcome.rejected'));
  expect(hqSide.problems).toEqual([]);
  await hqSide.context.close();

  // The same branch app, after its sync: the decision in the complaint's history.
  await branchHistoryAfterSync(page, made.number, ru('lifecycle', 'outcome.rejected'));
  await expect(page.getByTestId('complaint-status')).toHaveText(ru('complaints', 'status.decided'));
  await expect(page.getByTestId('history')).toContainText(head.name);
});

test('an auditor signs in in Korean and reads everything, with no action anywhere', async ({ browser }) => {
  const { page, context, problems } = await consolePage(browser);
  await signIn(page, 'ko', auditor);
  await expect(page.getByRole('heading', { name: ko('console', 'queues.title') })).toBeVisible();
  await expect(page.getByTestId('sign-out')).toHaveText(ko('console', 'signOut'));
  await expect(page.getByRole('button', { name: ko('console', 'queues.sendAgain') })).toHaveCount(0);

  await search(page, 'ko', made.word);
  await openFound(page, made.number);
  await expect(page.getByTestId('complaint-status')).toHaveText(ko('complaints', 'status.decided'));
  await expect(page.getByTestId('history')).toContainText(ko('lifecycle', 'outcome.rejected'));
  await expect(page.getByTestId('complaint-actions')).toHaveCount(0);
  await expect(page.locator('[data-testid^="step-"]')).toHaveCount(0);
  await expect(page.getByTestId('take-over')).toHaveCount(0);
  await expect(page.locator('#console-note')).toHaveCount(0);
  // Issue 16: the auditor prints the complaint record for an inspection — the branch's template in the
  // customer's language (Russian), through the browser's print dialog, with the console's own stylesheet and
  // fonts under its CSP; the print is in the history. (The dialog cannot be driven: window.print is probed.)
  await page.evaluate(() => {
    window.print = () => {
      const doc = document.querySelector<HTMLElement>('.otklik-print-root [data-testid="document"]');
      const fonts = [...document.fonts].filter((f) => f.family.includes('Otklik Document'));
      document.body.dataset.printed = JSON.stringify({
        kind: doc?.dataset.kind,
        lang: doc?.lang,
        text: doc?.textContent ?? '',
        fonts: fonts.filter((f) => f.status === 'loaded').length,
        printing: document.documentElement.classList.contains('otklik-printing'),
      });
    };
  });
  await expect(page.getByTestId('print-decision_letter')).toHaveText(
    ko('documents', 'print.button.decision_letter'),
  );
  await page.getByTestId('print-record').click();
  await expect(page.locator('[data-testid="history-event"][data-type="document_printed"]')).toHaveCount(1);
  const printed = JSON.parse((await page.locator('body').getAttribute('data-printed'))!) as {
    kind: string;
    lang: string;
    text: string;
    fonts: number;
    printing: boolean;
  };
  expect(printed).toMatchObject({ kind: 'record', lang: 'ru', printing: true });
  expect(printed.text).toContain(made.number);
  expect(printed.text).toContain(made.word);
  expect(printed.fonts).toBeGreaterThan(0);
  await expect(page.locator('[data-testid="history-event"][data-type="document_printed"]')).toContainText(
    auditor.name,
  );
  // Filters narrow the register the way HQ reads them.
  await page.getByRole('link', { name: ko('console', 'complaint.backToRegister') }).click();
  await page.getByLabel(ko('complaints', 'fields.status')).selectOption('decided');
  await expect(page.getByTestId('complaint-row')).toHaveCount(1);
  await page.getByLabel(ko('complaints', 'fields.status')).selectOption('closed');
  await expect(page.getByTestId('register-count')).toHaveText(ko('console', 'register.nothing'));
  // The language is remembered for the next visit.
  await page.reload();
  await expect(page.getByTestId('sign-out')).toHaveText(ko('console', 'signOut'));
  expect(problems).toEqual([]);
  await context.close();
});

test('a manager sees only their branches; a wrong password and an ended session are said in words', async ({
  browser,
}) => {
  const { page, context, problems } = await consolePage(browser);
  await page.goto('/console');
  await fillSignIn(page, 'ru', managerSpb.email, 'not-the-password');
  await expect(page.getByTestId('console-error')).toContainText(ru('console', 'error.wrong_password'));
  await expect(page.getByLabel(ru('console', 'signIn.password'))).toHaveValue('');
  await signIn(page, 'ru', managerSpb);

  await expect(page.getByTestId('queue-branch')).toHaveCount(1);
  await expect(page.getByTestId('queue-branch')).toHaveAttribute('data-branch', 'SPB-02');
  await search(page, 'ru', made.word);
  await expect(page.getByTestId('register-count')).toHaveText(ru('console', 'register.nothing'));
  await expect(page.getByTestId('complaint-row')).toHaveCount(0);
  // Not even by its address: HQ filters by the manager's branches in SQL.
  await page.goto(`/console/#/complaints/${made.id}`);
  await expect(page.getByTestId('console-error')).toBeVisible();
  await expect(page.getByTestId('complaint-number')).toHaveCount(0);

  // The session ends (cookie gone, as after expiry): the next request leads back to sign-in, with why.
  await context.clearCookies();
  await page.getByRole('link', { name: ru('console', 'nav.queues') }).click();
  await expect(page.getByTestId('sign-in-notice')).toHaveText(ru('console', 'signIn.notice.expired'));
  expect(problems).toEqual([]);
  await context.close();
});

test('an admin issues an enrolment code, sets the company name and policies, and adds a branch manager, who sets a password through the link and sees their branch', async ({
  browser,
}) => {
  const { page, context, problems } = await consolePage(browser);
  await signIn(page, 'ru', admin);
  // Administration is an admin's first screen; complaint contents are not there at all.
  await expect(page.getByRole('heading', { name: ru('console', 'admin.title') })).toBeVisible();
  await expect(page.getByRole('link', { name: ru('console', 'nav.register') })).toHaveCount(0);
  const msk = page.getByTestId('branch-row').filter({ hasText: 'MSK-01' });
  await msk.getByRole('button', { name: ru('console', 'admin.branches.issueCode') }).click();
  await expect(page.getByTestId('secret-value')).toHaveText(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);

  // R10 (issue 15 items 3, 7): the company name and the policies, for the company and for one branch.
  await page.getByRole('link', { name: ru('console', 'admin.tabs.policies') }).click();
  const policies = page.getByTestId('policies-admin');
  await policies.getByLabel(ru('console', 'admin.policies.companyName')).fill('ООО «Отклик»');
  await policies
    .getByRole('button', { name: ru('console', 'admin.save') })
    .first()
    .click();
  await expect(page.getByTestId('policy-saved')).toBeVisible();
  const companyForm = page.getByTestId('policy-form');
  await expect(companyForm).toHaveAttribute('data-scope', 'company');
  // Out of range: named at the field, nothing sent.
  await companyForm.getByLabel(ru('settings', 'fields.bookWarnHours')).fill('99');
  await companyForm.getByRole('button', { name: ru('console', 'admin.save') }).click();
  await expect(companyForm).toContainText(ru('console', 'admin.policies.invalid'));
  await companyForm.getByLabel(ru('settings', 'fields.bookWarnHours')).fill('4');
  await companyForm.getByLabel('RUB').fill('3000');
  await companyForm.getByRole('button', { name: ru('console', 'admin.save') }).click();
  await expect(page.getByTestId('policy-saved')).toBeVisible();
  await expect(companyForm.getByLabel('RUB')).toHaveValue('3000');
  await policies.getByLabel(ru('console', 'admin.policies.scope')).selectOption('MSK-01');
  const branchForm = page.getByTestId('policy-form');
  await expect(branchForm).toHaveAttribute('data-scope', 'MSK-01');
  await branchForm.getByLabel(ru('console', 'admin.policies.managerAfterMinutes')).fill('30');
  await branchForm
    .getByRole('checkbox', { name: ru('settings', 'hqPolicy.overridable.officeHours') })
    .check();
  await branchForm.getByRole('button', { name: ru('console', 'admin.save') }).click();
  await expect(page.getByTestId('policy-saved')).toBeVisible();
  await expect(branchForm.getByLabel(ru('console', 'admin.policies.managerAfterMinutes'))).toHaveValue('30');

  await page.getByRole('link', { name: ru('console', 'admin.tabs.users') }).click();
  const form = page.getByTestId('user-form');
  await form.getByLabel(ru('console', 'signIn.email')).fill('maria@example.ru');
  await form.getByLabel(ru('console', 'admin.users.name')).fill('Мария Московская');
  await form.getByRole('button', { name: ru('console', 'admin.users.create') }).click();
  // A manager without branches is refused before anything is sent.
  await expect(form.getByRole('alert')).toHaveText(text('ru', 'validation', 'required'));
  await form.getByRole('checkbox', { name: 'MSK-01' }).check();
  await form.getByRole('button', { name: ru('console', 'admin.users.create') }).click();
  const link = (await page.getByTestId('secret-value').textContent())!;
  expect(link).toMatch(new RegExp(`^${hq.url}/console/#/set-password/\\S+$`));
  await expect(page.getByTestId('user-row').filter({ hasText: 'maria@example.ru' })).toContainText(
    ru('console', 'admin.users.waitingPassword'),
  );
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('sign-in-notice')).toHaveText(ru('console', 'signIn.notice.signed_out'));

  // The new manager opens the link, sets a password, signs in and finds the complaint of their branch.
  await page.goto(link);
  await page.getByLabel(ru('console', 'setPassword.password')).fill('short');
  await page.getByLabel(ru('console', 'setPassword.again')).fill('short');
  await page.getByRole('button', { name: ru('console', 'setPassword.submit') }).click();
  await expect(page.getByTestId('error-new-password')).toHaveText(
    ru('console', 'setPassword.tooShort').replace('{{min}}', '10'),
  );
  await page.getByLabel(ru('console', 'setPassword.password')).fill('Самовар и чайник 2026');
  await page.getByLabel(ru('console', 'setPassword.again')).fill('Самовар и чайник 2026');
  await page.getByRole('button', { name: ru('console', 'setPassword.submit') }).click();
  await expect(page.getByTestId('password-set')).toBeVisible();
  await page.getByRole('link', { name: ru('console', 'setPassword.toSignIn') }).click();
  await fillSignIn(page, 'ru', 'maria@example.ru', 'Самовар и чайник 2026');
  await expect(page.getByTestId('queue-branch')).toHaveCount(1);
  await expect(page.getByTestId('queue-branch')).toHaveAttribute('data-branch', 'MSK-01');
  await search(page, 'ru', made.word);
  await expect(page.getByTestId('complaint-row').filter({ hasText: made.number })).toHaveCount(1);
  // The link worked once.
  await page.goto(link);
  await page.getByLabel(ru('console', 'setPassword.password')).fill('Другой пароль 2026');
  await page.getByLabel(ru('console', 'setPassword.again')).fill('Другой пароль 2026');
  await page.getByRole('button', { name: ru('console', 'setPassword.submit') }).click();
  await expect(page.getByTestId('console-error')).toContainText(ru('console', 'error.link_invalid'));
  expect(problems).toEqual([]);
  await context.close();
});
