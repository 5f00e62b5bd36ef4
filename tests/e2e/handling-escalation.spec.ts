import type { ParsedMail } from 'mailparser';
import { E2E_PORT } from '../../playwright.config';
import { dueKeyOf } from '../../shared/handling/escalation';
import { complaintEscalationMessageId } from '../../shared/mail/complaint-escalation';
import { MSK01 } from '../fixtures';
import { ChaosSmtp } from './chaos/smtp';
import {
  PC1,
  registerAtCounter,
  reloadSignedIn,
  ru,
  setUpConnectedPc,
  syncNow,
  syncUntil,
} from './branch-pc';
import { expect, test } from './fixtures';
import { HqProcess } from './hq';

// Issue 15 item 4 end to end (R11, R14, R10): a complaint registered offline at the branch and synced is
// not dealt with; time passes (HQ's clock and the branch's both moved past its due moment) and HQ's mail
// worker escalates it by e-mail, to a real SMTP server whose mail is parsed: the branch manager first, then,
// after the head-of-sales delay HQ's policy sets (one hour, `policy set`), the head of sales — one mail
// each, with the Message-ID derived from the complaint, step and due moment, in the branch's language. The
// branch's next pull shows "escalated to … at …" for both steps on the complaint's page.

// HQ started three times on a machine shared with other runs: generous.
test.setTimeout(360_000);

const DIRECTORY = {
  manager: { name: 'Ирина Смирнова', email: 'manager@example.ru' },
  headOfSales: { name: 'Олег Воронов', email: 'sales@example.ru' },
};
const CUSTOMER = { name: 'Пётр Сидоров', phone: '+7 916 555-12-34' };
const MIN = 60_000;
/** One hour: the shortest head-of-sales delay HQ allows (ESCALATION_RANGES). */
const HEAD_OF_SALES_AFTER_MS = 60 * MIN;

/** The SMTP port of this worker: the one the chaos runs use (tests/e2e/chaos/world.ts), one test at a time. */
const smtpPort = () => E2E_PORT + 5 + 2 * test.info().parallelIndex;

let hq: HqProcess;
let smtp: ChaosSmtp;
test.beforeEach(() => {
  hq = new HqProcess();
  smtp = new ChaosSmtp(smtpPort());
});
test.afterEach(async () => {
  await hq.dispose();
  await smtp.close();
});

const toOf = (m: ParsedMail) => (Array.isArray(m.to) ? m.to : [m.to!]).flatMap((a) => a.value);

test('an overdue complaint is escalated by e-mail to the manager, then the head of sales; the branch shows both', async ({
  page,
  context,
}) => {
  await smtp.start();
  // The worker looks every 300 ms and retries a failed attempt after 2 s (production: 5 s and 30 s).
  const env = { SMTP_URL: smtp.url, MAIL_POLL_MS: '300', MAIL_RETRY_FIRST_MS: '2000' };
  await hq.start('', env);
  // R10: the head of sales hears one hour after the branch manager, by HQ's company policy.
  hq.cli(
    'policy',
    'set',
    '--company',
    '--json',
    JSON.stringify({ handling: { escalation: { headOfSalesAfterHours: 1 } } }),
  );
  const code = hq.enroll(
    'MSK-01',
    '--manager-name',
    DIRECTORY.manager.name,
    '--manager-email',
    DIRECTORY.manager.email,
    '--head-of-sales-name',
    DIRECTORY.headOfSales.name,
    '--head-of-sales-email',
    DIRECTORY.headOfSales.email,
  );
  await setUpConnectedPc(page, hq.url, code, PC1);
  await context.setOffline(true);
  const complaint = await registerAtCounter(page, CUSTOMER, 'Кухонный гарнитур привезли не того цвета.');
  await context.setOffline(false);
  await syncNow(page);

  // The complaint's first open deadline, as HQ computed it with the branch's calendar and policy.
  const [due] = await hq.query<{ next_due_at: Date; next_due_kind: string }>(
    `SELECT next_due_at, next_due_kind FROM complaints WHERE number = '${complaint.number}'`,
  );
  expect(due!.next_due_kind).toBeTruthy();
  const dueAt = new Date(due!.next_due_at).getTime();

  // Time passes: two minutes past that deadline at HQ and at the branch alike.
  const toOverdue = dueAt + 2 * MIN - Date.now();
  expect(toOverdue).toBeGreaterThan(0);
  await context.clock.setSystemTime(Date.now() + toOverdue);
  await page.goto(`/${complaint.address}`);
  await reloadSignedIn(page);
  await expect(page.getByTestId(`due-${due!.next_due_kind}`)).toHaveAttribute('data-state', 'overdue');
  hq.clockOffsetMs = toOverdue;
  await hq.start('', env);

  // R11: the branch manager is told first — once, by e-mail in the branch's language (Russian).
  const dueKey = dueKeyOf({ kind: due!.next_due_kind as 'final_answer' }, 0);
  const mine = () => smtp.received.filter((m) => m.subject?.includes(complaint.number));
  await expect.poll(() => mine().length, { timeout: 60_000 }).toBe(1);
  const dueWords = ru('lifecycle', `due.kind.${due!.next_due_kind}`);
  const subject = ru('escalation', 'subject', {
    number: complaint.number,
    branch: `${MSK01.name} (MSK-01)`,
    due: dueWords,
  });
  const manager = mine()[0]!;
  expect(toOf(manager)).toEqual([{ name: DIRECTORY.manager.name, address: DIRECTORY.manager.email }]);
  expect(manager.subject).toBe(subject);
  expect(manager.text?.split('\n')[0]).toBe(ru('mail', 'greetingNamed', { name: DIRECTORY.manager.name }));
  expect(manager.messageId).toBe(complaintEscalationMessageId(complaint.id, 'branch_manager', dueKey));
  // Within the hour the head of sales hears nothing: several rounds of the worker later, still one mail.
  await page.waitForTimeout(2_000);
  expect(mine()).toHaveLength(1);

  // An hour and a minute later (HQ restarted then, as a machine may be): the head of sales is told.
  await hq.stop();
  hq.clockOffsetMs = toOverdue + HEAD_OF_SALES_AFTER_MS + MIN;
  await hq.start('', env);
  await expect.poll(() => mine().length, { timeout: 60_000 }).toBe(2);
  const head = mine()[1]!;
  expect(toOf(head)).toEqual([{ name: DIRECTORY.headOfSales.name, address: DIRECTORY.headOfSales.email }]);
  expect(head.subject).toBe(subject);
  expect(head.text?.split('\n')[0]).toBe(ru('mail', 'greetingNamed', { name: DIRECTORY.headOfSales.name }));
  expect(head.text).toContain(ru('escalation', 'managerTold').split('{{')[0]);
  expect(head.messageId).toBe(complaintEscalationMessageId(complaint.id, 'head_of_sales', dueKey));
  // Once each: another few rounds send nothing more.
  await page.waitForTimeout(2_000);
  expect(mine().map((m) => m.messageId)).toEqual([manager.messageId, head.messageId]);

  // The branch, an hour later too, pulls: the complaint's page says whom it went to and when.
  await context.clock.setSystemTime(Date.now() + toOverdue + HEAD_OF_SALES_AFTER_MS + MIN);
  await reloadSignedIn(page);
  const lines = page.getByTestId('escalation');
  await syncUntil(page, async () => {
    await page.goto(`/${complaint.address}`);
    await expect(lines).toHaveCount(2, { timeout: 5_000 });
  });

  const events = await hq.query<{ at: Date; data: { step: string; toEmail: string; messageId: string } }>(
    `SELECT e.at, e.data FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
      WHERE c.number = '${complaint.number}' AND e.type = 'escalated' ORDER BY e.hq_seq`,
  );
  expect(events.map((e) => [e.data.step, e.data.toEmail, e.data.messageId])).toEqual([
    ['branch_manager', DIRECTORY.manager.email, manager.messageId],
    ['head_of_sales', DIRECTORY.headOfSales.email, head.messageId],
  ]);
  // The times as the branch shows them: Moscow's, in Russian (formatted by the page's own Intl).
  const shown = (at: Date) =>
    page.evaluate(
      (iso) =>
        new Intl.DateTimeFormat('ru', {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: 'Europe/Moscow',
        }).format(new Date(iso)),
      new Date(at).toISOString(),
    );
  await expect(lines.nth(0)).toHaveText(
    ru('handling', 'ui.handoff.escalated', {
      who: DIRECTORY.manager.name,
      step: ru('handling', 'escalationStep.branch_manager'),
      time: await shown(events[0]!.at),
    }),
  );
  await expect(lines.nth(1)).toHaveText(
    ru('handling', 'ui.handoff.escalated', {
      who: DIRECTORY.headOfSales.name,
      step: ru('handling', 'escalationStep.head_of_sales'),
      time: await shown(events[1]!.at),
    }),
  );
});
