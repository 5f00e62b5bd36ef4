import { SETUP_RECORDS, expect, setUpWorkstation, test, text } from './fixtures';

// R12, R15, R17: the lifecycle in the detail view. Refusals come back as localized reasons next to the
// fields, and nothing is saved until the rules are met.

const ru = (ns: string, key: string) => text('ru', ns, key);
const refusal = (code: string) => ru('lifecycle', `refusal.${code}`);

test('an oral complaint goes from registration to a rejected decision, a disputed follow-up and back to review', async ({
  page,
}) => {
  await setUpWorkstation(page);
  await page.goto('/#/complaints/new');
  await page.getByRole('radio', { name: ru('complaints', 'channel.in_person') }).check();
  await page.getByLabel(ru('complaints', 'fields.customerName')).fill('Олег Морозов');
  await page.getByLabel(ru('complaints', 'fields.phone'), { exact: true }).fill('+7 905 000-11-22');
  await page
    .getByLabel(ru('complaints', 'fields.description'))
    .fill('Телевизор не включается, требую замену');
  await page.getByLabel(ru('complaints', 'fields.consent')).check();
  // At the counter the customer hears the number and the date at once: acknowledged at registration.
  await expect(page.getByTestId('acknowledged')).toBeChecked();
  await page.getByRole('button', { name: new RegExp(ru('complaints', 'form.submit')) }).click();

  const status = page.getByTestId('complaint-status');
  await expect(status).toHaveText(ru('complaints', 'status.registered'));
  await expect(page.getByTestId('due-acknowledge')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', String(SETUP_RECORDS + 1));

  await page.getByTestId('step-start_review').click();
  await expect(status).toHaveText(ru('complaints', 'status.in_review'));

  // R15: a rejection needs a justification and an alternative.
  await page.getByTestId('step-decide').click();
  await page.getByRole('radio', { name: ru('lifecycle', 'outcome.rejected') }).check();
  await page.getByRole('button', { name: ru('lifecycle', 'decision.save') }).click();
  await expect(page.getByTestId('decision-error-justification')).toHaveText(
    refusal('justification_required'),
  );
  await expect(page.getByTestId('decision-error-alternative')).toHaveText(refusal('alternative_required'));
  await expect(status).toHaveText(ru('complaints', 'status.in_review'));
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', String(SETUP_RECORDS + 2));

  await page
    .getByLabel(ru('lifecycle', 'decision.justification'))
    .fill('Механическое повреждение корпуса, акт № 45');
  await page.getByLabel(ru('lifecycle', 'decision.alternative')).fill('Платный ремонт со скидкой 30 %');
  await page.getByRole('button', { name: ru('lifecycle', 'decision.save') }).click();
  await expect(status).toHaveText(ru('complaints', 'status.decided'));
  await expect(page.getByText('Платный ремонт со скидкой 30 %')).toBeVisible();

  await page.getByTestId('step-inform_customer').click();
  await expect(status).toHaveText(ru('complaints', 'status.customer_informed'));
  await expect(page.getByTestId('due-final_answer')).toHaveAttribute('data-state', 'done');

  // R17: the customer disagrees; recourse must be explained before it is recorded.
  await page.getByTestId('step-record_follow_up').click();
  await page.getByRole('radio', { name: ru('lifecycle', 'followUpOutcome.rejected') }).check();
  await page.getByRole('radio', { name: '2', exact: true }).check();
  await page.getByRole('button', { name: ru('lifecycle', 'followUp.save') }).click();
  await expect(page.getByTestId('refusal')).toHaveText(refusal('recourse_notice_required'));
  await page.getByLabel(ru('lifecycle', 'followUp.recourseInformed')).check();
  await page.getByRole('button', { name: ru('lifecycle', 'followUp.save') }).click();
  await expect(status).toHaveText(ru('complaints', 'status.follow_up'));

  // A customer who rejected the decision keeps the complaint open.
  await page.getByTestId('step-close').click();
  await expect(page.getByTestId('refusal')).toHaveText(refusal('customer_rejected_decision'));
  await expect(status).toHaveText(ru('complaints', 'status.follow_up'));

  await page.getByTestId('step-reopen').click();
  await page.getByRole('button', { name: ru('lifecycle', 'transition.reopen') }).click();
  await expect(page.getByText(text('ru', 'validation', 'required'))).toBeVisible();
  await page
    .getByLabel(ru('lifecycle', 'reopen.reason'))
    .fill('Клиент предоставил заключение сервисного центра');
  await page.getByRole('button', { name: ru('lifecycle', 'transition.reopen') }).click();
  await expect(status).toHaveText(ru('complaints', 'status.in_review'));

  const history = page.getByTestId('history-event');
  await expect(history).toHaveCount(7);
  await expect(history.last()).toContainText('Клиент предоставил заключение сервисного центра');
  // Every action is one outbox operation: registration + 5 steps (refused ones wrote nothing), after the
  // first run's.
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', String(SETUP_RECORDS + 6));

  // It all survives a reload.
  await page.reload();
  await expect(status).toHaveText(ru('complaints', 'status.in_review'));
  await expect(history).toHaveCount(7);
});

test('an unfounded decision needs a criterion from the list; missing facts default to employee at fault', async ({
  page,
}) => {
  await setUpWorkstation(page);
  await page.goto('/#/complaints/new');
  await page.getByRole('radio', { name: ru('complaints', 'channel.in_person') }).check();
  await page.getByLabel(ru('complaints', 'fields.noContactReason')).fill('Отказался оставить контакты');
  await page.getByLabel(ru('complaints', 'fields.description')).fill('Кассир обсчитал на 200 рублей');
  await page.getByRole('button', { name: new RegExp(ru('complaints', 'form.submit')) }).click();
  await page.getByTestId('step-start_review').click();
  await page.getByTestId('step-decide').click();

  await page.getByRole('radio', { name: ru('lifecycle', 'outcome.unfounded') }).check();
  await page.getByRole('button', { name: ru('lifecycle', 'decision.save') }).click();
  await expect(page.getByTestId('decision-error-criterion')).toHaveText(
    refusal('unfounded_criterion_required'),
  );

  // Facts missing: the finding defaults to employee at fault, which contradicts "unfounded".
  await page.getByLabel(ru('lifecycle', 'decision.criterion')).selectOption('claim_contradicts_evidence');
  await page
    .getByLabel(ru('lifecycle', 'decision.justification'))
    .fill('Касса сошлась, чек совпадает с заказом');
  await page.getByLabel(ru('lifecycle', 'decision.alternative')).fill('Повторная проверка чека при клиенте');
  await page.getByLabel(ru('lifecycle', 'decision.factsMissing')).check();
  await page.getByRole('button', { name: ru('lifecycle', 'decision.save') }).click();
  await expect(page.getByTestId('decision-error-finding')).toHaveText(refusal('finding_contradicts_outcome'));

  // Choosing another finding needs the reason for overriding the rule.
  await page.getByLabel(ru('lifecycle', 'decision.finding')).selectOption('no_fault_found');
  await page.getByRole('button', { name: ru('lifecycle', 'decision.save') }).click();
  await expect(page.getByTestId('decision-error-override')).toHaveText(
    refusal('finding_override_reason_required'),
  );
  await page
    .getByLabel(ru('lifecycle', 'decision.overrideReason'))
    .fill('Видеозапись кассы подтверждает верный расчёт');
  await page.getByRole('button', { name: ru('lifecycle', 'decision.save') }).click();
  await expect(page.getByTestId('complaint-status')).toHaveText(ru('complaints', 'status.decided'));
  await expect(page.getByText(ru('lifecycle', 'finding.no_fault_found'))).toBeVisible();
});
