import type { Page } from '@playwright/test';
import { MOSCOW, expect, signIn, text, waitForOfflineShell } from './fixtures';

/**
 * A workstation of the Moscow branch connected to a real HQ, for the specs of issue 15 that carry a
 * complaint across PCs and HQ (handling-merge, handling-escalation): set up, connected, registering at the
 * counter, synced — what the person at the counter does, in Russian.
 */

export const ru = (ns: string, key: string, values: Record<string, string> = {}) =>
  Object.entries(values).reduce((s, [k, v]) => s.replace(`{{${k}}}`, v), text('ru', ns, key));

export interface BranchPc {
  /** The workstation number (R1: 1–9, unique within the branch). */
  station: number;
  /** Who sets this PC up (its branch manager) and signs in. */
  employee: { name: string; pin: string };
}

export const PC1: BranchPc = { station: 1, employee: { name: MOSCOW.employeeName, pin: MOSCOW.pin } };

/** First run (branch, workstation number, the person setting up), first sign-in, then connected to HQ. */
export async function setUpConnectedPc(page: Page, hqUrl: string, code: string, pc: BranchPc = PC1) {
  await page.goto('/');
  await page.getByLabel(ru('settings', 'fields.branchCode')).fill(MOSCOW.branchCode);
  await page.getByLabel(ru('settings', 'fields.branchName')).fill(MOSCOW.branchName);
  await page.getByLabel(ru('settings', 'fields.station')).selectOption(String(pc.station));
  await page.getByLabel(ru('people', 'firstRun.you')).fill(pc.employee.name);
  await page.getByRole('button', { name: ru('settings', 'start') }).click();
  await signIn(page, pc.employee.name, pc.employee.pin, { first: true });
  await page.goto('/#/settings');
  const form = page.getByRole('form', { name: ru('sync', 'connect.title') });
  await form.getByLabel(ru('sync', 'connect.hqUrl')).fill(hqUrl);
  await form.getByLabel(ru('sync', 'connect.code')).fill(code.toLowerCase());
  await form.getByRole('button', { name: ru('sync', 'connect.submit'), exact: true }).click();
  await expect(page.getByTestId('hq-connected')).toContainText(MOSCOW.branchCode);
  await waitForOfflineShell(page);
}

export interface Registered {
  id: string;
  number: string;
  /** The complaint page's address (`#/complaints/<id>`). */
  address: string;
}

/** A counter complaint with the customer's name and phone; no likely duplicate is offered on this PC. */
export async function registerAtCounter(
  page: Page,
  customer: { name: string; phone: string },
  description: string,
): Promise<Registered> {
  await page.goto('/#/complaints/new');
  await page.getByRole('radio', { name: ru('complaints', 'channel.in_person') }).check();
  await page.getByLabel(ru('complaints', 'fields.customerName')).fill(customer.name);
  await page.getByLabel(ru('complaints', 'fields.phone'), { exact: true }).fill(customer.phone);
  await page.getByLabel(ru('complaints', 'fields.description')).fill(description);
  await page.getByLabel(ru('complaints', 'fields.consent')).check();
  await page.getByRole('button', { name: new RegExp(ru('complaints', 'form.submit')) }).click();
  const number = page.getByTestId('complaint-number');
  await expect(number).toBeVisible();
  await expect(page.getByTestId('duplicate-offer')).toHaveCount(0);
  const address = new URL(page.url()).hash;
  return { id: address.split('/').pop()!, number: (await number.textContent())!, address };
}

/**
 * Sync now on the sync screen, until nothing is left for HQ. On a loaded machine a round may fail (HQ too
 * slow to answer): the person at the counter presses Sync now again, as the sync screen invites.
 */
export async function syncNow(page: Page) {
  await page.goto('/#/sync');
  await expect(async () => {
    await page.getByTestId('sync-now').click();
    await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0', { timeout: 15_000 });
  }).toPass({ timeout: 90_000 });
}

/**
 * Syncs until `check` passes: what HQ sends down with pull arrives with a round that succeeded, and a
 * round may fail on a loaded machine (see syncNow).
 */
export async function syncUntil(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await syncNow(page);
    await check();
  }).toPass({ timeout: 120_000, intervals: [1_000, 2_000, 5_000] });
}

/**
 * After the clock jumped (days without input), the page is loaded again; the workstation may have locked
 * meanwhile (issue 14), and the same person signs in again.
 */
export async function reloadSignedIn(page: Page, pc: BranchPc = PC1) {
  await page.reload();
  const signedIn = page.getByTestId('signed-in-name');
  const screen = page.getByTestId('sign-in');
  await expect(signedIn.or(screen)).toBeVisible();
  if (await screen.isVisible()) await signIn(page, pc.employee.name, pc.employee.pin);
}
