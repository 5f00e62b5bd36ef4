import type { Page } from '@playwright/test';
import { MOSCOW, expect, setUpWorkstation, signIn, test, text } from './fixtures';

// R9–R11: due moments with countdowns and colours, in the branch's zone and the user's language. The page
// clock is Playwright's fake clock; the browser itself runs in UTC, the branch in Moscow.

const ru = (ns: string, key: string) => text('ru', ns, key);

/** How the page itself formats a branch date (the browser's ICU, not Node's). */
function branchDate(page: Page, iso: string, lng: string): Promise<string> {
  return page.evaluate(
    ([d, l]) =>
      new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeZone: 'Europe/Moscow' }).format(new Date(d!)),
    [iso, lng],
  );
}

async function registerLetter(page: Page) {
  await page.goto('/#/complaints/new');
  await page.getByRole('radio', { name: ru('complaints', 'channel.post') }).check();
  await page.getByLabel(ru('complaints', 'fields.customerName')).fill('Зинаида Павлова');
  await page.getByLabel(ru('complaints', 'fields.address'), { exact: true }).fill('Москва, ул. Садовая, 3');
  await page
    .getByLabel(ru('complaints', 'fields.description'))
    .fill('Письмо: холодильник сломался через неделю после покупки');
  await page.getByLabel(ru('complaints', 'fields.consent')).check();
  // A letter is not acknowledged at the counter: the box starts unticked for written channels.
  await expect(page.getByTestId('acknowledged')).not.toBeChecked();
  await page.getByRole('button', { name: new RegExp(ru('complaints', 'form.submit')) }).click();
  await expect(page.getByTestId('complaint-number')).toBeVisible();
}

test('a letter received on Friday: due dates skip the weekend, then turn overdue in detail and list', async ({
  page,
}) => {
  // Friday 20 November 2026, 12:00 in Moscow.
  await page.clock.install({ time: new Date('2026-11-20T09:00:00Z') });
  await setUpWorkstation(page);
  await registerLetter(page);

  const ack = page.getByTestId('due-acknowledge');
  const answer = page.getByTestId('due-final_answer');
  // Acknowledgement within 2 working days: Monday 23 and Tuesday 24 November.
  await expect(ack).toContainText(await branchDate(page, '2026-11-24T12:00:00Z', 'ru'));
  await expect(ack).toHaveAttribute('data-state', 'ok');
  // The answer within 10 working days: Friday 4 December.
  await expect(answer).toContainText(await branchDate(page, '2026-12-04T12:00:00Z', 'ru'));
  await expect(page.getByTestId('registered-banner')).toContainText(
    await branchDate(page, '2026-12-04T12:00:00Z', 'ru'),
  );
  await expect(page.getByTestId('due-follow_up')).toHaveAttribute('data-state', 'pending');

  // Monday noon: the acknowledgement is due soon (the working day before its due date).
  await page.clock.setFixedTime(new Date('2026-11-23T09:00:00Z'));
  await page.reload();
  // Days without input: the workstation locked meanwhile (issue 14).
  await signIn(page, MOSCOW.employeeName, MOSCOW.pin);
  await expect(ack).toHaveAttribute('data-state', 'due_soon');
  await expect(ack).toContainText(ru('lifecycle', 'due.state.due_soon'));

  // Wednesday: nobody acknowledged it. Overdue, in the detail and in the list, and counted at the top.
  await page.clock.setFixedTime(new Date('2026-11-25T09:00:00Z'));
  await page.reload();
  await signIn(page, MOSCOW.employeeName, MOSCOW.pin);
  await expect(ack).toHaveAttribute('data-state', 'overdue');
  await expect(ack).toContainText(ru('lifecycle', 'due.state.overdue'));
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('due-chip')).toHaveAttribute('data-state', 'overdue');
  await expect(page.getByTestId('count-overdue')).toHaveText(
    ru('lifecycle', 'urgency.overdueCount_one').replace('{{count}}', '1'),
  );

  // Acknowledging it (late) leaves the answer as the next moment, still on time.
  await page.getByTestId('complaint-row').getByRole('link').click();
  await page.getByTestId('step-register').click();
  await expect(ack).toHaveAttribute('data-state', 'done');
  await expect(ack).toContainText(
    ru('lifecycle', 'due.doneLate').split(' {{date}}')[0]!.replace('{{date}}', '').trim(),
  );
  await expect(answer).toHaveAttribute('data-state', 'ok');
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('count-overdue')).toHaveCount(0);
  await expect(page.getByTestId('due-chip')).toHaveAttribute('data-state', 'ok');

  // The urgency filter shows only what is overdue.
  await page.clock.setFixedTime(new Date('2026-12-05T09:00:00Z'));
  await page.reload();
  await signIn(page, MOSCOW.employeeName, MOSCOW.pin);
  await expect(page.getByTestId('due-chip')).toHaveAttribute('data-state', 'overdue');
  await page.getByLabel(ru('lifecycle', 'urgency.label')).selectOption('due_soon');
  await expect(page.getByTestId('complaint-row')).toHaveCount(0);
  await page.getByLabel(ru('lifecycle', 'urgency.label')).selectOption('overdue');
  await expect(page.getByTestId('complaint-row')).toHaveCount(1);
});

test('deadlines read in Korean, with Korean relative times', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-20T09:00:00Z') });
  await setUpWorkstation(page);
  await registerLetter(page);
  await page.getByTestId('language-switcher').selectOption('ko');
  const answer = page.getByTestId('due-final_answer');
  await expect(answer).toContainText(text('ko', 'lifecycle', 'due.kind.final_answer'));
  await expect(answer).toContainText(await branchDate(page, '2026-12-04T12:00:00Z', 'ko'));
  const inDays = await page.evaluate(() =>
    new Intl.RelativeTimeFormat('ko', { numeric: 'always' }).format(14, 'day'),
  );
  await expect(answer).toContainText(inDays);
});
