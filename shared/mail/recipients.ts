import type { MailAddress } from './eml';
import type { MailJobKind } from './policy';

/**
 * Who receives which feedback-book e-mail (R7, R11), wherever it is made: HQ's worker (from HQ's directory)
 * and the branch's `.eml` fallback (from the workstation's settings, which HQ's directory fills in).
 */

/** The directory fields the rule reads; the workstation's settings have exactly these names. */
export interface MailDirectory {
  branchCode: string;
  managerName: string;
  managerEmail: string;
  headOfSalesName: string;
  headOfSalesEmail: string;
}

/** The address a message cannot go without is missing: someone has to complete the directory (HQ retries). */
export class DirectoryIncomplete extends Error {
  constructor(
    readonly missing: 'managerEmail' | 'headOfSalesEmail',
    branchCode: string,
  ) {
    super(`branch ${branchCode} has no ${missing === 'managerEmail' ? 'manager' : 'head-of-sales'} e-mail`);
  }
}

const person = (name: string, address: string): MailAddress => ({
  ...(name ? { name } : {}),
  address,
});

/**
 * The entry's e-mail goes to the branch manager, copy to the head of sales; the escalation goes the other
 * way round. The addressee is required, the copy only when its address is known.
 */
export function mailRecipients(
  kind: MailJobKind,
  d: MailDirectory,
): { to: MailAddress[]; cc: MailAddress[] } {
  const manager = d.managerEmail ? [person(d.managerName, d.managerEmail)] : [];
  const headOfSales = d.headOfSalesEmail ? [person(d.headOfSalesName, d.headOfSalesEmail)] : [];
  if (kind === 'escalation') {
    if (headOfSales.length === 0) throw new DirectoryIncomplete('headOfSalesEmail', d.branchCode);
    return { to: headOfSales, cc: manager };
  }
  if (manager.length === 0) throw new DirectoryIncomplete('managerEmail', d.branchCode);
  return { to: manager, cc: headOfSales };
}

/** Whom the branch is told an escalation went to: the head of sales' name, else the address, else nobody. */
export function escalatedTo(d: Pick<MailDirectory, 'headOfSalesName' | 'headOfSalesEmail'>): string | null {
  return d.headOfSalesName || d.headOfSalesEmail || null;
}
