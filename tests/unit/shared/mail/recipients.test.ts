import { describe, expect, it } from 'vitest';
import { DirectoryIncomplete, escalatedTo, mailRecipients } from '../../../../shared/mail/recipients';

// R7, R11: who receives the entry's e-mail and its escalation — one rule for HQ's worker and the branch's
// .eml fallback.

const full = {
  branchCode: 'MSK-01',
  managerName: 'Ирина Смирнова',
  managerEmail: 'manager@example.ru',
  headOfSalesName: 'Пётр Соколов',
  headOfSalesEmail: 'sales@example.ru',
};
const manager = { name: 'Ирина Смирнова', address: 'manager@example.ru' };
const headOfSales = { name: 'Пётр Соколов', address: 'sales@example.ru' };

describe('mailRecipients', () => {
  it.each([
    ['book_entry', full, { to: [manager], cc: [headOfSales] }],
    ['escalation', full, { to: [headOfSales], cc: [manager] }],
    // The copy is left out when its address is unknown.
    ['book_entry', { ...full, headOfSalesEmail: '' }, { to: [manager], cc: [] }],
    ['escalation', { ...full, managerEmail: '' }, { to: [headOfSales], cc: [] }],
    // A person without a name is addressed by the address alone.
    [
      'book_entry',
      { ...full, managerName: '' },
      { to: [{ address: 'manager@example.ru' }], cc: [headOfSales] },
    ],
  ] as const)('%s to %o → %o', (kind, directory, recipients) => {
    expect(mailRecipients(kind, directory)).toEqual(recipients);
  });

  it.each([
    ['book_entry', { ...full, managerEmail: '' }, 'managerEmail', 'branch MSK-01 has no manager e-mail'],
    ['book_entry', { ...full, managerEmail: '', headOfSalesEmail: '' }, 'managerEmail', /no manager e-mail/],
    [
      'escalation',
      { ...full, headOfSalesEmail: '' },
      'headOfSalesEmail',
      'branch MSK-01 has no head-of-sales e-mail',
    ],
  ] as const)('%s without the addressee: DirectoryIncomplete (%o)', (kind, directory, missing, message) => {
    let thrown: unknown;
    try {
      mailRecipients(kind, directory);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DirectoryIncomplete);
    expect((thrown as DirectoryIncomplete).missing).toBe(missing);
    expect((thrown as Error).message).toMatch(message);
  });
});

describe('escalatedTo: whom the branch is told the escalation went to', () => {
  it.each([
    [{ headOfSalesName: 'Пётр Соколов', headOfSalesEmail: 'sales@example.ru' }, 'Пётр Соколов'],
    [{ headOfSalesName: '', headOfSalesEmail: 'sales@example.ru' }, 'sales@example.ru'],
    [{ headOfSalesName: '', headOfSalesEmail: '' }, null],
  ])('%o → %s', (directory, to) => {
    expect(escalatedTo(directory)).toBe(to);
  });
});
