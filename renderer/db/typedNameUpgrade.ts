import type { Transaction } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import { LIMITS } from '../../shared/complaints/validation';
import { employeeSchema, type Employee } from '../../shared/people/model';
import { queueOperation } from './queue';

/**
 * Schema 4 (issue 14): who is at the counter was a name typed in the settings; now it is a signed-in employee.
 * The typed name becomes the branch's first employee, a branch manager (with no PIN yet: set at the first
 * sign-in), so nobody is locked out of a PC that was in use; it is queued for HQ like any new employee. The
 * settings row loses the field. A profile without a usable name (none set up yet) gets no employee: the
 * first-run wizard creates them.
 */
export async function adoptTypedEmployeeName(tx: Transaction): Promise<void> {
  const settings = tx.table('settings');
  const row = (await settings.get('workstation')) as
    { key: string; value: Record<string, unknown> & { employeeName?: unknown } } | undefined;
  if (!row) return;
  const { employeeName, ...value } = row.value;
  await settings.put({ key: 'workstation', value });
  const now = new Date();
  const candidate: Employee = {
    id: uuidv7(),
    branchCode: typeof value.branchCode === 'string' ? value.branchCode : '',
    name: typeof employeeName === 'string' ? employeeName.trim().slice(0, LIMITS.person) : '',
    role: 'branch_manager',
    active: true,
    updatedAt: now.toISOString(),
  };
  const employee = employeeSchema.safeParse(candidate);
  if (!employee.success) return;
  await tx.table('employees').add(employee.data);
  await queueOperation(
    tx.table('meta'),
    tx.table('outbox'),
    'employee.upsert',
    { employee: employee.data },
    now,
  );
}
