import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { HqProcess } from './hq';
import { PC1, registerAtCounter, ru, setUpConnectedPc, syncNow, syncUntil, type BranchPc } from './branch-pc';

// Issue 15 item 2 end to end (R1, R5, R2): two workstations of one branch, each with its own IndexedDB
// (a browser context each) and its own workstation number, both offline, each register a complaint of the
// same customer (same phone). Neither can offer the other's as a likely duplicate: it is not there yet.
// Online again, both sync; on the first PC the two now show side by side for that phone, its complaint's
// page offers the other as a likely duplicate, and the employee merges them there. HQ holds one survivor with the other as a reference to it and both histories, and the
// second PC, after its pull, shows its complaint as a reference to the survivor, still found by its number.

// Two workstations and an HQ on a machine shared with other runs: generous.
test.setTimeout(360_000);

const PC2: BranchPc = { station: 2, employee: { name: 'Анна Кузнецова', pin: '5173' } };
const CUSTOMER = { name: 'Пётр Сидоров', phone: '+7 916 555-12-34' };

let hq: HqProcess;
test.beforeEach(() => {
  hq = new HqProcess();
});
test.afterEach(async () => {
  await hq.dispose();
});

/** The complaint list searched for `query`: the numbers of the rows found. */
async function search(page: Page, query: string): Promise<string[]> {
  await page.goto('/#/complaints');
  await page.getByRole('searchbox').fill(query);
  const rows = page.getByTestId('complaint-row');
  await expect(rows.first()).toBeVisible();
  return (await rows.getByRole('link').allTextContents()).map((n) => n.trim()).sort();
}

test('two duplicates registered on two PCs offline are merged on one; HQ and the other PC follow', async ({
  page,
  context,
  browser,
}) => {
  await hq.start();
  const [code1, code2] = [hq.enroll('MSK-01'), hq.enroll('MSK-01')];
  // The second PC of the branch: a browser context of its own, so an IndexedDB and a network of its own.
  const context2 = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    locale: 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 900 },
  });
  const page2 = await context2.newPage();
  const problems2: string[] = [];
  page2.on('console', (m) => void (m.type() === 'error' && problems2.push(`console: ${m.text()}`)));
  page2.on('pageerror', (e) => problems2.push(`page error: ${e.message}`));
  await setUpConnectedPc(page, hq.url, code1, PC1);
  await setUpConnectedPc(page2, hq.url, code2, PC2);

  // Both offline; each registers the customer's complaint (R1: each PC's own number, no collision).
  await context.setOffline(true);
  await context2.setOffline(true);
  const first = await registerAtCounter(page, CUSTOMER, 'Шкаф привезли с трещиной на дверце.');
  const second = await registerAtCounter(page2, CUSTOMER, 'Дверца шкафа треснула при доставке.');
  expect(first.number).toMatch(/^MSK-01-\d{4}-1\d{5}$/);
  expect(second.number).toMatch(/^MSK-01-\d{4}-2\d{5}$/);

  // Online again: the first PC pushes, the second pushes and pulls, the first pulls the second's.
  await context.setOffline(false);
  await context2.setOffline(false);
  await syncNow(page);
  await syncNow(page2);
  // R5: on the first PC, once it pulled, the customer's phone finds both complaints: the duplicate is seen.
  await syncUntil(page, async () =>
    expect(await search(page, '916 555-12-34')).toEqual([first.number, second.number]),
  );
  // Its page offers the other PC's complaint as a likely duplicate (same phone); the employee takes its
  // number and merges. The one received first survives.
  await page.goto(`/${first.address}`);
  const merge = page.getByTestId('merge');
  const offered = merge.getByTestId('merge-candidate');
  await expect(offered).toHaveCount(1);
  await expect(offered).toContainText(second.number);
  await expect(offered).toContainText(ru('handling', 'duplicateReason.same_phone'));
  await offered.getByRole('button', { name: ru('handling', 'ui.merge.useNumber') }).click();
  await expect(merge.getByLabel(ru('handling', 'ui.merge.other'))).toHaveValue(second.number);
  await merge.getByRole('button', { name: ru('handling', 'ui.merge.save'), exact: true }).click();
  await expect(page.getByTestId('merged-from')).toContainText(second.number);
  await expect(merge.getByTestId('merge-candidate')).toHaveCount(0);
  await syncNow(page);

  // The second PC pulls: its complaint is a reference to the survivor, nothing left to do on it.
  await syncUntil(page2, async () => {
    await page2.goto(`/${second.address}`);
    await expect(page2.getByTestId('merged-into')).toContainText(first.number, { timeout: 5_000 });
  });
  await expect(page2.getByTestId('merged-into').getByRole('link', { name: first.number })).toHaveAttribute(
    'href',
    `#/complaints/${first.id}`,
  );
  // Its number stays searchable: it finds the merged complaint and the survivor.
  await expect.poll(() => search(page2, second.number)).toEqual([first.number, second.number]);
  // The survivor's page on the second PC shows both histories joined, the merged one's lines marked.
  await page2.goto(`/${first.address}`);
  await expect(page2.getByTestId('merged-from')).toContainText(second.number);
  const joined = () =>
    page2
      .getByTestId('history-event')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-type')}@${e.getAttribute('data-from')}`))
      .then((lines) => lines.filter((l) => /^(created|merged_from|merged_into)@/.test(l)));
  await expect
    .poll(joined)
    .toEqual([
      `created@${first.number}`,
      `created@${second.number}`,
      `merged_from@${first.number}`,
      `merged_into@${second.number}`,
    ]);
  await context2.close();
  expect(problems2).toEqual([]);

  // HQ: one survivor, the other a reference to it; the merge applied once; both histories kept.
  const rows = await hq.query<{ number: string; merged_into: string | null; merged_from: string[] | null }>(
    `SELECT number, record->'progress'->'mergedInto'->>'number' AS merged_into,
            (SELECT array_agg(m->>'number') FROM jsonb_array_elements(record->'progress'->'mergedFrom') m)
              AS merged_from
       FROM complaints WHERE number IN ('${first.number}', '${second.number}') ORDER BY number`,
  );
  expect(rows).toEqual([
    { number: first.number, merged_into: null, merged_from: [second.number] },
    { number: second.number, merged_into: first.number, merged_from: null },
  ]);
  const history = await hq.query<{ number: string; type: string }>(
    `SELECT c.number, e.type FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
      WHERE c.number IN ('${first.number}', '${second.number}') AND e.type <> 'status_changed'
      ORDER BY e.at, e.hq_seq`,
  );
  expect(history).toEqual([
    { number: first.number, type: 'created' },
    { number: second.number, type: 'created' },
    { number: second.number, type: 'merged_into' },
    { number: first.number, type: 'merged_from' },
  ]);
  const merges = await hq.query<{ outcome: string }>(
    `SELECT outcome FROM ops WHERE type = 'complaint.merge' AND payload->>'survivorId' = '${first.id}'`,
  );
  expect(merges).toEqual([{ outcome: 'applied' }]);
});
