import { describe, expect, it } from 'vitest';
import { loadWorkstationSettings, saveWorkstationSettings } from '../../../renderer/db/settings';
import { META } from '../../../renderer/sync/state';
import { hqLink, openDb, settings } from './fixtures';

// Issue 4 review (R7, issue 6): the directory fields HQ has set are HQ's. A Settings form opened before HQ's
// directory arrived still holds the old values; saving it must keep HQ's and take only the rest.

describe('saving settings never overwrites the directory HQ has set', () => {
  const stale = settings(1, {
    managerName: 'Старый руководитель',
    managerEmail: 'old@example.ru',
    headOfSalesName: 'Павел Орлов',
    headOfSalesEmail: 'sales@example.ru',
    employeeName: 'Мария Петрова',
  });

  it.each([
    [
      'not enrolled: every field is the form’s',
      undefined,
      { managerEmail: 'old@example.ru', headOfSalesEmail: 'sales@example.ru' },
    ],
    [
      'HQ set the manager: the form’s stale manager is not saved, the head of sales it never set is',
      { managerName: 'Ирина Смирнова', managerEmail: 'irina@example.ru' },
      {
        managerName: 'Ирина Смирнова',
        managerEmail: 'irina@example.ru',
        headOfSalesName: 'Павел Орлов',
        headOfSalesEmail: 'sales@example.ru',
      },
    ],
    [
      'HQ set everything',
      {
        managerName: 'Ирина Смирнова',
        managerEmail: 'irina@example.ru',
        headOfSalesName: 'Олег Ким',
        headOfSalesEmail: 'kim@example.ru',
      },
      { managerEmail: 'irina@example.ru', headOfSalesName: 'Олег Ким', headOfSalesEmail: 'kim@example.ru' },
    ],
  ])('%s', async (_why, branch, expected) => {
    const db = openDb();
    if (branch) await db.meta.put({ key: META.link, value: hqLink(branch) });
    const returned = await saveWorkstationSettings(db, stale);
    const stored = await loadWorkstationSettings(db);
    expect(stored).toMatchObject({ ...expected, employeeName: 'Мария Петрова' });
    expect(returned).toEqual(stored);
  });
});

describe('saving settings never overwrites the calendar HQ has set (issue 14)', () => {
  it('a stale form’s calendar extras and policy give way to HQ’s; what HQ never set is the form’s', async () => {
    const db = openDb();
    await db.meta.put({
      key: META.link,
      value: hqLink({ extraDaysOff: ['2026-12-31'], policyId: 'written_2d_2w' }),
    });
    const stale = settings(1, {
      extraDaysOff: ['2026-03-09'],
      extraWorkingDays: ['2026-03-07'],
      policyId: 'working_days_10',
    });
    const stored = await saveWorkstationSettings(db, stale);
    expect(stored).toMatchObject({
      extraDaysOff: ['2026-12-31'],
      policyId: 'written_2d_2w',
      extraWorkingDays: ['2026-03-07'],
    });
    expect(await loadWorkstationSettings(db)).toEqual(stored);
  });
});
