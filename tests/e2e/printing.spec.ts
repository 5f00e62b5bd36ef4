import { MSK01 } from '../fixtures';
import { expect, setUpWorkstation, test, text } from './fixtures';

// Issue 16 (R9, R25) at the counter, in the browser build: Ctrl+Enter registers, the next keystroke (P)
// prints the acknowledgement through window.print() of the rendered document, and the print is in the
// history. The browser's print dialog cannot be driven by a test, so window.print is replaced in the page
// by a probe that counts the calls and keeps the document on the page at that moment.

const ru = (ns: string, key: string) => text('ru', ns, key);

declare global {
  interface Window {
    printed: { html: string; kind?: string; format?: string }[];
  }
}

test('Ctrl+Enter then P prints the acknowledgement with the number, the answer date and the QR code', async ({
  page,
}) => {
  await page.addInitScript(() => {
    window.printed = [];
    window.print = () => {
      const doc = document.querySelector<HTMLElement>('.otklik-print-root [data-testid="document"]');
      window.printed.push({
        html: doc?.outerHTML ?? '',
        kind: doc?.dataset.kind,
        format: doc?.dataset.format,
      });
    };
  });
  await setUpWorkstation(page);
  await page.goto('/#/complaints/new');
  await page.getByRole('radio', { name: ru('complaints', 'channel.in_person') }).check();
  await page.getByLabel(ru('complaints', 'fields.customerName')).fill('Олег Морозов');
  await page.getByLabel(ru('complaints', 'fields.phone'), { exact: true }).fill('+7 905 000-11-22');
  await page.getByLabel(ru('complaints', 'fields.description')).fill('Чайник течёт, прошу замену');
  await page.getByLabel(ru('complaints', 'fields.consent')).check();
  await page.keyboard.press('Control+Enter');

  await expect(page.getByTestId('registered-banner')).toBeVisible();
  const number = (await page.getByTestId('complaint-number').textContent())!;
  // The button shows its key.
  await expect(page.getByTestId('print-acknowledgement')).toContainText(ru('documents', 'print.key'));
  await page.keyboard.press('p');

  const line = page.locator('[data-testid="history-event"][data-type="document_printed"]');
  await expect(line).toHaveCount(1);
  const printed = await page.evaluate(() => window.printed);
  expect(printed).toHaveLength(1);
  expect(printed[0]).toMatchObject({ kind: 'acknowledgement', format: 'a4' });
  const html = printed[0]!.html;
  expect(html).toContain(number);
  // The answer date the complaint page shows, as the document words it (its language, the branch's zone).
  const due = await page.getByTestId('due-final_answer').locator('time').getAttribute('datetime');
  const answerDate = new Intl.DateTimeFormat('ru', { dateStyle: 'long', timeZone: MSK01.timeZone }).format(
    new Date(due!),
  );
  expect(html).toContain(answerDate);
  expect(html).toMatch(new RegExp(`<svg[^>]*data-testid="doc-qr"[^>]*data-payload="[^"]*${number}`));

  // The history line: who printed which document, on which paper, in which language.
  await expect(line).toContainText(ru('complaints', 'event.document_printed'));
  await expect(line).toContainText(ru('documents', 'print.kind.acknowledgement'));
  await expect(line).toContainText(ru('documents', 'print.format.a4'));
});

test('a print that fails is said in the user’s language and stays out of the history', async ({ page }) => {
  await page.addInitScript(() => {
    window.print = () => {
      throw new Error('printing is disabled by policy');
    };
  });
  await setUpWorkstation(page);
  await page.goto('/#/complaints/new');
  await page.getByRole('radio', { name: ru('complaints', 'channel.in_person') }).check();
  await page.getByLabel(ru('complaints', 'fields.customerName')).fill('Олег Морозов');
  await page.getByLabel(ru('complaints', 'fields.phone'), { exact: true }).fill('+7 905 000-11-22');
  await page.getByLabel(ru('complaints', 'fields.description')).fill('Чайник течёт, прошу замену');
  await page.getByLabel(ru('complaints', 'fields.consent')).check();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('registered-banner')).toBeVisible();

  await page.getByTestId('print-record').click();
  await expect(page.getByTestId('print-error')).toHaveText(ru('documents', 'print.problem.failed'));
  await expect(page.getByTestId('print-record')).toBeEnabled();
  await expect(page.locator('[data-testid="history-event"][data-type="document_printed"]')).toHaveCount(0);
});
