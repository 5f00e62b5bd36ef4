import { v7 as uuidv7 } from 'uuid';
import { LIMITS } from '../../shared/complaints/validation';
import type { EmployeeRole } from '../../shared/people/model';
import { validateWorkstationSettings, type WorkstationSettings } from '../../shared/settings/workstation';
import type { OtklikDatabase } from '../db/database';
import { saveEmployee } from '../db/employees';
import { SettingsInvalid, saveWorkstationSettings } from '../db/settings';

/** One employee as the first-run form has them; the first is the person setting up, a branch manager. */
export interface StaffRow {
  key: string;
  name: string;
  role: EmployeeRole;
}

export type StaffProblem = { index: number; code: 'required' | 'too_long' };

/**
 * What the staff part of the first run says is wrong: the first row (the person setting up) needs a name;
 * a further row left empty is simply not saved.
 */
export function staffProblems(rows: readonly StaffRow[]): StaffProblem[] {
  const problems: StaffProblem[] = [];
  rows.forEach((row, index) => {
    const name = row.name.trim();
    if (!name && index === 0) problems.push({ index, code: 'required' });
    else if (name.length > LIMITS.person) problems.push({ index, code: 'too_long' });
  });
  return problems;
}

/**
 * Issue 14: the first run saves the workstation's settings and creates the branch's employees — at least
 * the person setting up, as its branch manager — before any enrollment. One transaction: each employee
 * with its `employee.upsert` for HQ, and the settings; all of it or nothing.
 */
export async function completeFirstRun(
  db: OtklikDatabase,
  raw: WorkstationSettings,
  staff: readonly StaffRow[],
  now = new Date(),
): Promise<WorkstationSettings> {
  const errors = validateWorkstationSettings(raw);
  if (errors.length > 0) throw new SettingsInvalid(errors);
  if (staffProblems(staff).length > 0)
    throw new Error('The first run needs the name of the person setting up');
  return db.transaction('rw', [db.settings, db.meta, db.employees, db.outbox], async () => {
    const stored = await saveWorkstationSettings(db, raw);
    for (const [i, row] of staff.entries()) {
      if (!row.name.trim()) continue;
      await saveEmployee(
        db,
        {
          id: uuidv7(),
          branchCode: stored.branchCode,
          name: row.name.trim(),
          role: i === 0 ? 'branch_manager' : row.role,
          active: true,
        },
        now,
      );
    }
    return stored;
  });
}
