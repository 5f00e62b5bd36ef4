import { describe, expect, it } from 'vitest';
import { branchEmployees } from '../../../../renderer/db/employees';
import { SettingsInvalid } from '../../../../renderer/db/settings';
import { completeFirstRun, staffProblems, type StaffRow } from '../../../../renderer/settings/firstRun';
import { operationPayloads } from '../../../../shared/sync/operations';
import { now, openDb, settings } from '../fixtures';

// Issue 14: the first run creates the branch's employees before any enrollment — the person setting up as
// its branch manager, and the others — with the settings, in one transaction, each queued for HQ.
const row = (name: string, role: StaffRow['role'] = 'counter'): StaffRow => ({
  key: name || 'x',
  name,
  role,
});

describe('staffProblems', () => {
  it.each([
    [[row('Ольга', 'branch_manager')], []],
    [[row('  ', 'branch_manager')], [{ index: 0, code: 'required' }]],
    [[row('Ольга'), row('')], []],
    [[row('Ольга'), row('Я'.repeat(121))], [{ index: 1, code: 'too_long' }]],
  ])('%j → %j', (rows, problems) => {
    expect(staffProblems(rows)).toEqual(problems);
  });
});

describe('completeFirstRun', () => {
  it('saves the settings and the employees, the first as branch manager, each with its employee.upsert', async () => {
    const db = openDb();
    // Even if the form said otherwise, the person setting up is the branch manager.
    await completeFirstRun(
      db,
      settings(),
      [row(' Ольга Иванова ', 'counter'), row('Иван Петров'), row('')],
      now,
    );
    const employees = await branchEmployees(db, 'MSK-01');
    expect(employees.map((e) => [e.name, e.role, e.active, e.pin])).toEqual([
      ['Иван Петров', 'counter', true, undefined],
      ['Ольга Иванова', 'branch_manager', true, undefined],
    ]);
    const ops = await db.outbox.orderBy('deviceSeq').toArray();
    expect(ops.map((o) => o.type)).toEqual(['employee.upsert', 'employee.upsert']);
    expect(ops.map((o) => operationPayloads['employee.upsert'].parse(o.payload).employee.name)).toEqual([
      'Ольга Иванова',
      'Иван Петров',
    ]);
    expect((await db.settings.get('workstation'))?.value.branchCode).toBe('MSK-01');
  });

  it('settings that are not valid save nothing at all', async () => {
    const db = openDb();
    await expect(
      completeFirstRun(db, settings(1, { branchCode: 'мск' }), [row('Ольга')], now),
    ).rejects.toBeInstanceOf(SettingsInvalid);
    expect([await db.settings.count(), await db.employees.count(), await db.outbox.count()]).toEqual([
      0, 0, 0,
    ]);
  });
});
