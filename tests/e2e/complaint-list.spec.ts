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
