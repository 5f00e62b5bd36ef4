import { SETUP_RECORDS, expect, setUpWorkstation, test, text } from './fixtures';

// R2/R3: invalid input gets a clear message in the user's language, and nothing typed is lost.

test('a phone complaint without a number or reason is refused in Russian, keeping what was typed', async ({
  page,
}) => {
  const ru = (ns: string, key: string) => text('ru', ns, key);
  await setUpWorkstation(page);
  await page.goto('/#/complaints/new');
  await page.getByRole('radio', { name: ru('complaints', 'channel.phone') }).check();
  await page.getByLabel(ru('complaints', 'fields.customerName')).fill('Игорь Волков');
  await page.getByLabel(ru('complaints', 'fields.email'), { exact: true }).fill('volkov@');
  await page.getByLabel(ru('complaints', 'fields.description')).fill('Плох');
  await page.getByLabel(ru('complaints', 'fields.remedy')).fill('Вернуть деньги');
  await page.getByRole('button', { name: new RegExp(ru('complaints', 'form.submit')) }).click();

  await expect(page.getByTestId('error-summary')).toHaveText(
    ru('complaints', 'form.errorSummary_few').replace('{{count}}', '4'),
  );
  await expect(page.getByTestId('error-contact')).toHaveText(
    ru('validation', 'contact_or_reason_required').replace(
      '{{fields}}',
      ru('complaints', 'contactAccusative.phone'),
    ),
  );
  await expect(page.getByTestId('error-f-customer-email')).toHaveText(ru('validation', 'invalid_email'));
  await expect(page.getByTestId('error-f-description')).toHaveText(
    ru('validation', 'too_short_many').replace('{{count}}', '5'),
  );
  await expect(page.getByTestId('error-f-consent')).toHaveText(ru('validation', 'consent_required'));
  // The cursor goes to the first problem: the phone field the channel asks for.
  await expect(page.getByLabel(ru('complaints', 'fields.phone'), { exact: true })).toBeFocused();

  // Everything typed is still there.
  await expect(page.getByLabel(ru('complaints', 'fields.customerName'))).toHaveValue('Игорь Волков');
  await expect(page.getByLabel(ru('complaints', 'fields.email'), { exact: true })).toHaveValue('volkov@');
  await expect(page.getByLabel(ru('complaints', 'fields.remedy'))).toHaveValue('Вернуть деньги');
  await expect(page.getByRole('radio', { name: ru('complaints', 'channel.phone') })).toBeChecked();
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', String(SETUP_RECORDS));

  // Mending the input clears the messages as it goes, and then it saves.
  await page.getByLabel(ru('complaints', 'fields.noContactReason')).fill('Номер не определился');
  await expect(page.getByTestId('error-contact')).toHaveCount(0);
  await page.getByLabel(ru('complaints', 'fields.email'), { exact: true }).fill('volkov@example.ru');
  await page
    .getByLabel(ru('complaints', 'fields.description'))
    .fill('Плохо упаковали заказ, коробка порвана');
  await page.getByLabel(ru('complaints', 'fields.consent')).check();
  await expect(page.getByTestId('error-summary')).toHaveCount(0);
  await page.getByRole('button', { name: new RegExp(ru('complaints', 'form.submit')) }).click();
  await expect(page.getByTestId('complaint-number')).toBeVisible();
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', String(SETUP_RECORDS + 1));
});

test('errors are shown in Czech when the interface is Czech', async ({ page }) => {
  const cs = (ns: string, key: string) => text('cs', ns, key);
  await setUpWorkstation(page);
  await page.getByTestId('language-switcher').selectOption('cs');
  await page.goto('/#/complaints/new');
  await page.getByRole('radio', { name: cs('complaints', 'channel.post') }).check();
  await page
    .getByLabel(cs('complaints', 'fields.description'))
    .fill('Dopis: reklamace nebyla vyřízena do 30 dnů.');
  await page.getByRole('button', { name: new RegExp(cs('complaints', 'form.submit')) }).click();
  await expect(page.getByTestId('error-summary')).toHaveText(
    cs('complaints', 'form.errorSummary_one').replace('{{count}}', '1'),
  );
  const fields = [cs('complaints', 'contactAccusative.address'), cs('complaints', 'contactAccusative.email')];
  const list = new Intl.ListFormat('cs', { type: 'disjunction' }).format(fields);
  await expect(page.getByTestId('error-contact')).toHaveText(
    cs('validation', 'contact_or_reason_required').replace('{{fields}}', list),
  );
  await expect(page.getByLabel(cs('complaints', 'fields.description'))).toHaveValue(
    'Dopis: reklamace nebyla vyřízena do 30 dnů.',
  );
});

test('setup refuses a malformed branch code with a localized message', async ({ page }) => {
  const ru = (key: string) => text('ru', 'settings', key);
  await page.goto('/');
  await page.getByLabel(ru('fields.branchCode')).fill('МСК 01');
  await page.getByLabel(ru('fields.branchName')).fill('Москва');
  await page.getByRole('button', { name: ru('start') }).click();
  await expect(page.getByText(text('ru', 'validation', 'invalid_branch_code'))).toBeVisible();
  await expect(page.getByText(text('ru', 'validation', 'required'))).toBeVisible(); // employee name
  await expect(page.getByLabel(ru('fields.branchCode'))).toBeFocused();
  await expect(page.getByLabel(ru('fields.branchCode'))).toHaveValue('МСК 01');
  await expect(page.getByTestId('setup-intro')).toBeVisible();
});
