import { expect, setUpWorkstation, test, text } from './fixtures';

// Issue 3 §4: the branch calendar and the policy in Settings, and what they change.

const ru = (ns: string, key: string) => text('ru', ns, key);

test('an extra day off moves the answer date; a date in both lists is refused', async ({ page }) => {
  // Monday 23 November 2026: 10 working days → Monday 7 December.
  await page.clock.install({ time: new Date('2026-11-23T09:00:00Z') });
  await setUpWorkstation(page);
  await page.keyboard.press('Alt+4');
  const example = page.getByTestId('calendar-example');
  const format = (iso: string) =>
    page.evaluate(
      (d) =>
        new Intl.DateTimeFormat('ru', { dateStyle: 'medium', timeZone: 'Europe/Moscow' }).format(new Date(d)),
      iso,
    );
  await expect(example).toContainText(await format('2026-12-07T12:00:00Z'));

  await page.getByLabel(ru('settings', 'fields.extraDaysOff')).fill('2026-11-27');
  await page.getByLabel(ru('settings', 'fields.extraDaysOff')).press('Enter');
  await expect(page.getByTestId('s-extraDaysOff-list')).toContainText(await format('2026-11-27T12:00:00Z'));
  await expect(example).toContainText(await format('2026-12-08T12:00:00Z'));

  await page.getByLabel(ru('settings', 'fields.extraWorkingDays')).fill('2026-11-27');
  await page.getByLabel(ru('settings', 'fields.extraWorkingDays')).press('Enter');
  await page.getByRole('button', { name: ru('settings', 'save') }).click();
  await expect(page.locator('#s-extraWorkingDays-error')).toHaveText(
    text('ru', 'validation', 'date_in_both_lists').replace('{{date}}', await format('2026-11-27T12:00:00Z')),
  );

  await page
    .getByRole('button', { name: ru('settings', 'calendar.remove').replace('{{date}}', '2026-11-27') })
    .last()
    .click();
  await page.getByRole('button', { name: ru('settings', 'save') }).click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('s-extraDaysOff-list')).toContainText(await format('2026-11-27T12:00:00Z'));
  await expect(example).toContainText(await format('2026-12-08T12:00:00Z'));
});

test('choosing the Czech 30-day policy changes the summary; Ukraine shows the martial-law switch', async ({
  page,
}) => {
  await setUpWorkstation(page);
  await page.goto('/#/settings');
  await expect(page.getByLabel(ru('settings', 'fields.ukraineMartialLaw'))).toHaveCount(0);
  await page.getByLabel(ru('settings', 'fields.policyId')).selectOption('cz_consumer_claim_30d');
  await expect(page.getByTestId('policy-summary')).toContainText(
    text('ru', 'lifecycle', 'term.calendarDays_many').replace('{{count}}', '30'),
  );

  await page.getByLabel(ru('settings', 'fields.country')).selectOption('UA');
  // The zone follows the country when it was the old country's default.
  await expect(page.getByLabel(ru('settings', 'fields.timeZone'))).toHaveValue('Europe/Kyiv');
  const martialLaw = page.getByLabel(ru('settings', 'fields.ukraineMartialLaw'));
  await expect(martialLaw).toBeChecked();
  await page.getByRole('button', { name: ru('settings', 'save') }).click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
});
