import { describe, expect, it } from 'vitest';
import { registerComplaint } from '../../../../renderer/complaints/actions';
import { OtklikDatabase, SCHEMA_VERSIONS } from '../../../../renderer/db/database';
import { branchEmployees } from '../../../../renderer/db/employees';
import { setFirstPin, signInWithPin } from '../../../../renderer/people/signIn';
import { employeeSchema } from '../../../../shared/people/model';
import { operationPayloads } from '../../../../shared/sync/operations';
import { OLGA, input, now, settings, track } from '../fixtures';

// Issue 14: schema 4 turns the settings' typed employee name into the branch's first employee, a branch
// manager, so nobody is locked out of a PC that was in use. (This base has versions 1, 2 and 4: issue 17's
// version 3 comes from its own branch; a database at 2 or 3 takes the same step.)
const before4 = SCHEMA_VERSIONS.filter((v) => v.version < 4);

async function oldProfile(patch: Record<string, unknown> | null) {
  const name = `otklik-test-${crypto.randomUUID()}`;
  const old = new OtklikDatabase(name, before4);
  if (patch)
    await old.settings.put({
      key: 'workstation',
      value: { ...settings(1), employeeName: 'Мария Петрова', ...patch } as never,
    });
  // Work already done on it: its outbox row must keep its place before the new employee's.
  const c = await registerComplaint(old, input(), settings(1), OLGA, now);
  old.close();
  return { name, complaint: c };
}

describe('schema 4: the typed employee name becomes the first employee', () => {
  it('a branch manager with no PIN yet, queued for HQ after the work already queued; the field is gone', async () => {
    const { name, complaint } = await oldProfile({});
    const db = track(new OtklikDatabase(name));
    const [maria, ...others] = await branchEmployees(db, 'MSK-01');
    expect(others).toEqual([]);
    expect(employeeSchema.parse(maria)).toEqual(maria);
    expect(maria).toMatchObject({ name: 'Мария Петрова', role: 'branch_manager', active: true });
    expect(maria!.pin).toBeUndefined();

    const ops = await db.outbox.orderBy('deviceSeq').toArray();
    expect(ops.map((o) => [o.deviceSeq, o.type])).toEqual([
      [1, 'complaint.register'],
      [2, 'employee.upsert'],
    ]);
    expect(ops[1]!.deviceId).toBe(ops[0]!.deviceId);
    expect(operationPayloads['employee.upsert'].parse(ops[1]!.payload)).toEqual({ employee: maria });
    expect((await db.settings.get('workstation'))!.value).not.toHaveProperty('employeeName');
    expect(await db.complaints.get(complaint.id)).toMatchObject({ receivedBy: OLGA.name });

    // Nobody is locked out: the first sign-in sets the PIN, the next ones check it.
    expect(await setFirstPin(db, maria!.id, '5031', '5031')).toMatchObject({ ok: true });
    expect(await signInWithPin(db, maria!.id, '5031')).toMatchObject({ ok: true });
  });

  it('trims the name and keeps it within the limit', async () => {
    const { name } = await oldProfile({ employeeName: `  ${'Я'.repeat(130)}  ` });
    const db = track(new OtklikDatabase(name));
    const [e] = await branchEmployees(db, 'MSK-01');
    expect(e!.name).toBe('Я'.repeat(120));
  });

  it.each([
    ['a workstation never set up', null],
    ['a profile whose name is empty', { employeeName: '   ' }],
  ])('%s gets no employee and queues nothing more', async (_what, patch) => {
    const { name } = await oldProfile(patch);
    const db = track(new OtklikDatabase(name));
    expect(await db.employees.count()).toBe(0);
    expect((await db.outbox.toArray()).map((o) => o.type)).toEqual(['complaint.register']);
  });
});
