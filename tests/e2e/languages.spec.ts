import { LANGUAGES } from '../../shared/settings/workstation';
import { SETUP_RECORDS, catalogue, expect, moscowYear, setUpWorkstation, test, text } from './fixtures';

// R25: every screen in every language, with no raw keys; the choice persists across a reload.

/** Any "namespace:key", "section.key" or "{{variable}}" left untranslated on screen. */
const RAW_KEY =
  /\{\{|\b(?:common|complaints|lifecycle|settings|validation|book|mail):[\w.]+|\b(?:nav|form|list|detail|fields|channel|status|severity|category|connectivity|pending|storage|hints|book|event|due|refusal|transition|outcome|decision|urgency|policy|term|calendar|followUp|criterion|finding|rejected|cameraProblem|atRisk|notify|fallback|state|deadline)\.[a-z]\w*/;

for (const lng of LANGUAGES) {
  test(`the interface is translated into ${lng}`, async ({ page }) => {
    await setUpWorkstation(page);
    // One complaint, so the list, its deadlines and the detail's lifecycle panel are on screen too.
    await page.goto('/#/complaints/new');
    await page.getByRole('radio', { name: text('ru', 'complaints', 'channel.email') }).check();
    await page
      .getByLabel(text('ru', 'complaints', 'fields.email'), { exact: true })
      .fill('client@example.com');
    await page
      .getByLabel(text('ru', 'complaints', 'fields.description'))
      .fill('Письмо без ответа две недели');
    await page.getByLabel(text('ru', 'complaints', 'fields.consent')).check();
    await page.getByRole('button', { name: new RegExp(text('ru', 'complaints', 'form.submit')) }).click();
    await expect(page.getByTestId('complaint-number')).toBeVisible();
    const detail = page.url();
    await page.getByTestId('language-switcher').selectOption(lng);
    await expect(page.locator('html')).toHaveAttribute('lang', lng);
    const nav = page.getByRole('navigation');
    for (const key of ['complaints', 'newComplaint', 'feedbackBook', 'settings']) {
      await expect(nav).toContainText(text(lng, 'common', `nav.${key}`));
    }
    await expect(page.getByTestId('connectivity')).toHaveText(text(lng, 'common', 'connectivity.online'));

    const screens: Array<[string, string]> = [
      ['/#/complaints', text(lng, 'complaints', 'list.title')],
      ['/#/complaints/new', text(lng, 'complaints', 'form.title')],
      ['/#/book', text(lng, 'book', 'title')],
      ['/#/book/new', text(lng, 'book', 'captureTitle')],
      ['/#/settings', text(lng, 'settings', 'title')],
    ];
    for (const [path, heading] of screens) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      const body = await page.locator('body').innerText();
      expect(body).not.toMatch(RAW_KEY);
    }

    await page.goto(detail);
    await expect(page.getByTestId('complaint-status')).toHaveText(text(lng, 'complaints', 'status.received'));
    await page.getByTestId('step-register').click();
    await page.getByTestId('step-start_review').click();
    await page.getByTestId('step-decide').click();
    await page.getByRole('radio', { name: text(lng, 'lifecycle', 'outcome.rejected') }).check();
    await page.getByRole('button', { name: text(lng, 'lifecycle', 'decision.save') }).click();
    await expect(page.getByTestId('decision-error-justification')).toHaveText(
      text(lng, 'lifecycle', 'refusal.justification_required'),
    );
    await expect(page.getByTestId('due-final_answer')).toContainText(
      text(lng, 'lifecycle', 'due.kind.final_answer'),
    );
    expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);

    // Every channel label of the form comes from the catalogue.
    await page.goto('/#/complaints/new');
    const channels = catalogue(lng, 'complaints').channel as Record<string, string>;
    for (const label of Object.values(channels))
      await expect(page.getByRole('radio', { name: label })).toBeVisible();

    // The choice survives a reload.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', lng);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text(lng, 'complaints', 'form.title'));
  });
}

test('registers a complaint offline in Korean', async ({ page, context }) => {
  const ko = (ns: string, key: string) => text('ko', ns, key);
  await setUpWorkstation(page);
  await page.getByTestId('language-switcher').selectOption('ko');
  // Korean's catalogue loads on first use; this spec runs without the offline shell (playwright.config.ts),
  // so the switch must be done before the link goes down.
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await context.setOffline(true);
  await expect(page.getByTestId('connectivity')).toHaveText(ko('common', 'connectivity.offline'));
  await page
    .getByRole('navigation')
    .getByRole('link', { name: new RegExp(ko('common', 'nav.newComplaint')) })
    .click();
  await page.getByRole('radio', { name: ko('complaints', 'channel.email') }).check();
  await page.getByLabel(ko('complaints', 'fields.customerName')).fill('김민준');
  await page.getByLabel(ko('complaints', 'fields.email'), { exact: true }).fill('minjun.kim@example.kr');
  await page.getByLabel(ko('complaints', 'fields.description')).fill('배송된 제품이 파손되어 있었습니다.');
  await page.getByLabel(ko('complaints', 'fields.consent')).check();
  await page.getByRole('button', { name: new RegExp(ko('complaints', 'form.submit')) }).click();
  await expect(page.getByTestId('complaint-number')).toHaveText(
    new RegExp(`^MSK-01-${moscowYear()}-1\\d{5}$`),
  );
  const number = await page.getByTestId('complaint-number').textContent();
  const answerBy = await page.getByTestId('due-final_answer').locator('time').textContent();
  await expect(page.getByTestId('registered-banner')).toHaveText(
    ko('complaints', 'detail.registered').replace('{{number}}', number!).replace('{{date}}', answerBy!),
  );
  await expect(page.getByTestId('complaint-status')).toHaveText(ko('complaints', 'status.received'));
  // The complaint, after the first run's records (the employee and their PIN).
  await expect(page.getByTestId('pending')).toHaveText(
    ko('common', 'pending.count_other').replace('{{count}}', String(SETUP_RECORDS + 1)),
  );
});

test('Russian plural forms in the pending counter', async ({ page }) => {
  // Up to 21 records: the first run's two, then 19 complaints (about a second each on a busy machine).
  test.setTimeout(90_000);
  await setUpWorkstation(page);
  const ru = (key: string) => text('ru', 'complaints', key);
  const form = (key: string) => text('ru', 'common', `pending.count_${key}`);
  // Every count on the way, counted with the first run's records: 3–4 «записи», 5–20 «записей», 21 «запись».
  const expected: Record<number, string> = { 3: form('few'), 4: form('few'), 21: form('one') };
  for (let n = 5; n <= 20; n++) expected[n] = form('many');
  for (let n = SETUP_RECORDS + 1; n <= 21; n++) {
    await page.goto('/#/complaints/new');
    await page.getByRole('radio', { name: ru('channel.questionnaire') }).check();
    await page.getByLabel(ru('fields.noContactReason')).fill('Анонимная анкета');
    await page.getByLabel(ru('fields.description')).fill(`Анкета номер ${n}: долго ждали консультанта`);
    await page.getByRole('button', { name: new RegExp(ru('form.submit')) }).click();
    await expect(page.getByTestId('complaint-number')).toBeVisible();
    await expect(page.getByTestId('pending')).toHaveText(expected[n]!.replace('{{count}}', String(n)));
  }
});
