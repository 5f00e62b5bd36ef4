import type { Page } from '@playwright/test';
import { MOSCOW, expect, signIn, test, text, waitForOfflineShell } from './fixtures';
import { HqProcess } from './hq';

// Issue 15 end to end (R4, R16, R12): a phone complaint carried from the first call to "closed" without
// leaving Otklik, all of it offline at the branch, then synced to a real HQ process: the conversation guide
// ticked at registration, a promised callback reminded (banner and system notification) and made, a
// compensation above the threshold that waits for the branch manager signed in at this PC, a department
// task that keeps the complaint from closing until it is done. The system notification is the one thing
// faked (headless Chromium shows none): the page's own Notification class is replaced to record them.

test.setTimeout(180_000);

const ru = (ns: string, key: string, values: Record<string, string> = {}) =>
  Object.entries(values).reduce((s, [k, v]) => s.replace(`{{${k}}}`, v), text('ru', ns, key));
const IVAN = { name: 'Иван Петров', pin: '5031' };

let hq: HqProcess;
test.beforeEach(() => {
  hq = new HqProcess();
});
test.afterEach(async () => {
  await hq.dispose();
});

/** The branch manager sets the PC up with a counter employee, signs in and connects it to HQ. */
async function setUpConnected(page: Page, code: string) {
  await page.goto('/');
  await page.getByLabel(ru('settings', 'fields.branchCode')).fill(MOSCOW.branchCode);
  await page.getByLabel(ru('settings', 'fields.branchName')).fill(MOSCOW.branchName);
  await page.getByLabel(ru('people', 'firstRun.you')).fill(MOSCOW.employeeName);
  await page.getByRole('button', { name: ru('people', 'firstRun.add') }).click();
  await page.getByLabel(ru('people', 'firstRun.other', { n: '1' })).fill(IVAN.name);
  await page.getByRole('button', { name: ru('settings', 'start') }).click();
  await signIn(page, MOSCOW.employeeName, MOSCOW.pin, { first: true });
  await page.goto('/#/settings');
  const form = page.getByRole('form', { name: ru('sync', 'connect.title') });
  await form.getByLabel(ru('sync', 'connect.hqUrl')).fill(hq.url);
  await form.getByLabel(ru('sync', 'connect.code')).fill(code.toLowerCase());
  await form.getByRole('button', { name: ru('sync', 'connect.submit'), exact: true }).click();
  await expect(page.getByTestId('hq-connected')).toContainText(MOSCOW.branchCode);
}

async function switchTo(page: Page, who: { name: string; pin: string }, first = false) {
  await page.keyboard.press('Control+L');
  await signIn(page, who.name, who.pin, { first });
}

/** `minutes` from now in Moscow, as a datetime-local input takes it. */
function moscowInput(minutes: number): string {
  const d = new Date(Date.now() + minutes * 60_000 + 3 * 3_600_000);
  return d.toISOString().slice(0, 16);
}

test('a phone complaint with compensation goes from the first call to closed offline, and HQ sees every step', async ({
  page,
  context,
}) => {
  await page.addInitScript(() => {
    const shown: { title: string; body?: string }[] = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    class FakeNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body });
      }
    }
    (window as unknown as { Notification: unknown }).Notification = FakeNotification;
  });
  await hq.start();
  await setUpConnected(page, hq.enroll('MSK-01'));
  await waitForOfflineShell(page);
  await context.setOffline(true);
  await switchTo(page, IVAN, true);

  // R4: the phone call — the guide beside the form greets with the branch and Ivan's name.
  await page.goto('/#/complaints/new');
  await page.getByRole('radio', { name: ru('complaints', 'channel.phone') }).check();
  const aid = page.getByTestId('conversation-aid');
  await expect(aid.getByTestId('aid-script')).toHaveText(
    ru('handling', 'aid.script.phone', { company: MOSCOW.branchName, employee: IVAN.name }),
  );
  for (const step of ['greeting', 'listen', 'apologise']) await aid.getByTestId(`aid-${step}`).check();
  await page.getByLabel(ru('complaints', 'fields.customerName')).fill('Пётр Сидоров');
  await page.getByLabel(ru('complaints', 'fields.phone'), { exact: true }).fill('+7 916 555-12-34');
  await page.getByLabel(ru('complaints', 'fields.description')).fill('Диван привезли с порванной обивкой.');
  await page.getByLabel(ru('complaints', 'fields.consent')).check();
  await page.getByRole('button', { name: new RegExp(ru('complaints', 'form.submit')) }).click();
  const number = (await page.getByTestId('complaint-number').textContent())!;
  const status = page.getByTestId('complaint-status');

  // A callback in ten minutes: due soon at once, so reminded on every screen and by a notification.
  const promise = page.getByTestId('callback-promise');
  await promise
    .getByLabel(ru('handling', 'ui.callback.when', { zone: 'Europe/Moscow' }))
    .fill(moscowInput(10));
  await promise.getByRole('button', { name: ru('handling', 'ui.callback.save') }).click();
  await expect(page.getByTestId('callback-line')).toHaveCount(1);
  await expect(page.getByTestId('callback-state')).toHaveAttribute('data-state', 'due_soon');
  await page.goto('/#/complaints');
  await expect(page.getByTestId('callback-reminder')).toContainText(number);
  await expect
    .poll(() =>
      page.evaluate(
        () => (window as unknown as { shownNotifications: { title: string }[] }).shownNotifications,
      ),
    )
    .toEqual([expect.objectContaining({ title: ru('handling', 'ui.reminder.dueSoonTitle') })]);
  await page.getByTestId('callback-reminder').getByRole('link', { name: number }).click();
  await page
    .getByTestId('callback-done')
    .getByRole('button', { name: ru('handling', 'ui.callback.markDone') })
    .click();
  await expect(page.getByTestId('callback-line')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('callback-reminders')).toHaveCount(0);

  await page.getByTestId('step-start_review').click();
  await page.getByTestId('step-decide').click();
  await page.getByRole('radio', { name: ru('lifecycle', 'outcome.upheld'), exact: true }).check();
  await page.getByRole('button', { name: ru('lifecycle', 'decision.save') }).click();
  await expect(status).toHaveText(ru('complaints', 'status.decided'));

  // R16: 7 500 roubles is above the 5 000 threshold: it waits for approval.
  const decide = page.getByTestId('compensation-decide');
  for (const q of ['longTermCustomer', 'willBuyAgain', 'reputationEffect', 'demandsReasonable'])
    await decide.getByTestId(`question-${q}`).getByLabel(ru('handling', 'answer.yes')).check();
  await decide.getByTestId('question-companyFaultPercent').getByLabel('100 %').check();
  await decide.getByLabel(ru('handling', 'ui.compensation.amount', { currency: 'RUB' })).fill('7 500');
  // Issue 15 item 2: the department task is typed in the decide form and created with the decision.
  await decide.getByTestId('decision-task-add').click();
  const task = decide.getByTestId('decision-task');
  await task.getByLabel(ru('handling', 'ui.task.owner')).fill('Склад, Кузнецов');
  await task.getByLabel(ru('handling', 'ui.task.text')).fill('Забрать диван у клиента');
  await decide.getByRole('button', { name: ru('handling', 'ui.compensation.save') }).click();
  await expect(page.getByTestId('compensation-state')).toHaveAttribute('data-approval', 'pending');
  await expect(page.getByTestId('task')).toHaveAttribute('data-state', 'open');
  await page.getByTestId('step-inform_customer').click();
  await expect(page.getByTestId('refusal')).toHaveText(
    ru('lifecycle', 'refusal.compensation_approval_pending'),
  );

  // The branch manager signs in at this PC and approves.
  await switchTo(page, { name: MOSCOW.employeeName, pin: MOSCOW.pin });
  await page
    .getByTestId('compensation-approval')
    .getByRole('button', { name: ru('handling', 'ui.compensation.approve') })
    .click();
  await expect(page.getByTestId('compensation-state')).toHaveAttribute('data-approval', 'approved');
  await switchTo(page, IVAN);

  await page.getByTestId('step-inform_customer').click();
  await expect(status).toHaveText(ru('complaints', 'status.customer_informed'));
  await page.getByTestId('step-record_follow_up').click();
  await page.getByRole('radio', { name: ru('lifecycle', 'followUpOutcome.accepted') }).check();
  await page.getByRole('radio', { name: '5', exact: true }).check();
  await page.getByRole('button', { name: ru('lifecycle', 'followUp.save') }).click();
  await expect(status).toHaveText(ru('complaints', 'status.follow_up'));
  await page.getByTestId('step-close').click();
  await expect(page.getByTestId('refusal')).toHaveText(ru('lifecycle', 'refusal.open_tasks'));
  await page.getByTestId('task-done').click();
  await expect(page.getByTestId('task')).toHaveAttribute('data-state', 'done');
  await page.getByTestId('step-close').click();
  await expect(status).toHaveText(ru('complaints', 'status.closed'));

  // Online again: every step reaches HQ once.
  await context.setOffline(false);
  await page.goto('/#/sync');
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0', { timeout: 30_000 });
  const events = await hq.query<{ type: string }>(
    `SELECT e.type FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
     WHERE c.number = '${number}' ORDER BY e.hq_seq`,
  );
  expect(events.map((e) => e.type).filter((t) => t !== 'status_changed')).toEqual([
    'created',
    'conversation_aid_recorded',
    'callback_promised',
    'callback_done',
    'compensation_decided',
    'task_created',
    'compensation_approved',
    'task_status_changed',
  ]);
  const [row] = await hq.query<{ status: string }>(
    `SELECT status FROM complaints WHERE number = '${number}'`,
  );
  expect(row!.status).toBe('closed');
});
