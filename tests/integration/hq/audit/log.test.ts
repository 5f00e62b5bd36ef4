import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor, listAudit } from '../../../../hq/audit/log';
import { updateDirectory } from '../../../../hq/branches/directory';
import { createEnrollment } from '../../../../hq/branches/enrollment';
import { transitionAtHq } from '../../../../hq/complaints/transitions';
import { revokeDevice } from '../../../../hq/devices/registry';
import { createUser, setPasswordWithLink, updateUser } from '../../../../hq/people/users';
import { CONSOLE_PATHS } from '../../../../shared/console/protocol';
import { HQ_PATHS } from '../../../../shared/sync/protocol';
import { call, DATABASE_KINDS, enroll, op, registration, startHq, type RunningHq } from '../../harness';
import { consoleUser, type ConsoleClient } from '../../console-client';

/**
 * Issue 13 item 6, R24: an audit trail nobody can edit. Complaint events and the audit itself refuse
 * UPDATE, DELETE and TRUNCATE in the database, whoever asks (HQ's own connection included); every admin
 * action — from the command line (the OS user or --actor) and from the console (the signed-in user and
 * address) — leaves a row with who, when, what, before and after, and never a secret.
 */
describe.each(DATABASE_KINDS)('the audit on %s', (kind) => {
  let hq: RunningHq;
  let admin: ConsoleClient;

  beforeAll(async () => {
    hq = await startHq(kind);
    admin = await consoleUser(hq, 'admin');
  });
  afterAll(async () => {
    await hq?.close();
  });
  const lastId = async () => (await listAudit(hq.db.pool, { limit: 1 }))[0]?.id ?? 0;

  it('complaint events and the audit refuse UPDATE, DELETE and TRUNCATE', async () => {
    const device = await enroll(hq, 'AUD-01');
    await call(hq, device, HQ_PATHS.push, {
      method: 'POST',
      body: JSON.stringify({ ops: [op(device, 'complaint.register', registration('AUD-01'))] }),
    });
    const events = await hq.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM complaint_events');
    const audit = await hq.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM admin_audit');
    expect(events.rows[0]!.n).toBeGreaterThan(0);
    expect(audit.rows[0]!.n).toBeGreaterThan(0);
    for (const sql of [
      "UPDATE complaint_events SET actor = 'someone else'",
      'DELETE FROM complaint_events',
      'TRUNCATE complaint_events',
      "UPDATE admin_audit SET actor_name = 'someone else'",
      'DELETE FROM admin_audit',
      'TRUNCATE admin_audit',
    ])
      await expect(hq.db.pool.query(sql), sql).rejects.toThrow(/append-only/);
    expect((await hq.db.pool.query('SELECT count(*)::int AS n FROM complaint_events')).rows).toEqual(
      events.rows,
    );
    expect((await hq.db.pool.query('SELECT count(*)::int AS n FROM admin_audit')).rows).toEqual(audit.rows);
    // Appending still works.
    const before = (await listAudit(hq.db.pool, { limit: 1 }))[0]!.id;
    await updateDirectory(hq.db.pool, { code: 'AUD-01', managerName: 'Анна' }, cliActor('tester'));
    expect((await listAudit(hq.db.pool, { limit: 1 }))[0]!.id).toBeGreaterThan(before);
  });

  it('the command line’s actions: enroll, directory, transition, revoke, users — with the actor', async () => {
    const ctx = cliActor('Ирина (ops)');
    const last = await lastId();
    const { code } = await createEnrollment(hq.db.pool, { code: 'CLI-01', name: 'CLI' }, new Date(), ctx);
    await updateDirectory(hq.db.pool, { code: 'CLI-01', managerEmail: 'm@example.com' }, ctx);
    const device = await enroll(hq, 'CLI-01');
    const reg = registration('CLI-01');
    await call(hq, device, HQ_PATHS.push, {
      method: 'POST',
      body: JSON.stringify({ ops: [op(device, 'complaint.register', reg)] }),
    });
    await transitionAtHq(
      hq.db.pool,
      reg.complaint.number,
      { to: 'in_review', actor: 'Head' },
      new Date(),
      ctx,
    );
    await revokeDevice(hq.db.pool, device.deviceId, 90, ctx);
    const user = await createUser(
      hq.db.pool,
      { email: `cli.${Date.now()}@example.com`, name: 'CLI user', role: 'auditor' },
      ctx,
    );
    await setPasswordWithLink(hq.db.pool, user.token, 'long enough secret', '192.0.2.1');
    await updateUser(hq.db.pool, user.user.id, { disabled: true }, ctx);

    const entries = (await listAudit(hq.db.pool)).filter((e) => e.id > last).reverse();
    const byCli = entries.filter((e) => e.actorName === 'Ирина (ops)');
    // (the harness's enroll() issues its own code as `system`: not the CLI's)
    expect(byCli.map((e) => e.action)).toEqual([
      'branch.add',
      'enrollment_code.issue',
      'branch.change',
      'complaint.transition',
      'device.revoke',
      'user.add',
      'user.disable',
    ]);
    expect(byCli.every((e) => e.actorKind === 'cli')).toBe(true);
    expect(entries.find((e) => e.action === 'branch.change')).toMatchObject({
      target: 'branch:CLI-01',
      before: { managerEmail: '' },
      after: { managerEmail: 'm@example.com' },
    });
    expect(entries.find((e) => e.action === 'complaint.transition')).toMatchObject({
      target: `complaint:${reg.complaint.number}`,
      before: { status: 'registered' },
      after: { status: 'in_review' },
    });
    expect(entries.find((e) => e.action === 'device.enroll')).toMatchObject({
      actorKind: 'device',
      actorId: device.deviceId,
      target: `device:${device.deviceId}`,
    });
    expect(entries.find((e) => e.action === 'user.password_set')).toMatchObject({
      actorKind: 'hq_user',
      actorId: user.user.id,
      ip: '192.0.2.1',
    });
    // No secret ever: not the enrollment code, not a token, not a hash.
    const text = JSON.stringify(entries);
    expect(text).not.toContain(code);
    expect(text).not.toContain(user.token);
    expect(text).not.toMatch(/argon2|token_hash/);
  });

  it('the console’s admin actions: branch, calendar, enrollment code, revoke, user, link — with who and from where', async () => {
    const last = await lastId();
    expect(
      (
        await admin.call(CONSOLE_PATHS.branches, {
          method: 'POST',
          json: { code: 'CON-01', name: 'Консоль', country: 'RU' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await admin.call(CONSOLE_PATHS.branch('CON-01'), {
          method: 'PATCH',
          json: { extraDaysOff: ['2026-12-31'] },
        })
      ).status,
    ).toBe(200);
    expect((await admin.call(CONSOLE_PATHS.enrollmentCodes('CON-01'), { method: 'POST' })).status).toBe(201);
    const device = await enroll(hq, 'CON-01');
    expect((await admin.call(CONSOLE_PATHS.deviceRevoke(device.deviceId), { method: 'POST' })).status).toBe(
      200,
    );
    const added = await admin.call(CONSOLE_PATHS.users, {
      method: 'POST',
      json: {
        email: `con.${Date.now()}@example.com`,
        name: 'Менеджер',
        role: 'manager',
        branches: ['CON-01'],
      },
    });
    expect(added.status).toBe(201);
    const { user } = (await added.json()) as { user: { id: string } };
    expect((await admin.call(CONSOLE_PATHS.userPasswordLink(user.id), { method: 'POST' })).status).toBe(200);
    expect(
      (await admin.call(CONSOLE_PATHS.user(user.id), { method: 'PATCH', json: { disabled: true } })).status,
    ).toBe(200);

    const res = await admin.call(CONSOLE_PATHS.audit);
    const { items } = (await res.json()) as {
      items: Array<{ id: number; action: string; actorId?: string; ip?: string; after?: unknown }>;
    };
    const mine = items.filter((e) => e.id > last && e.actorId === admin.user.id).reverse();
    expect(mine.map((e) => e.action)).toEqual([
      'branch.add',
      'branch.change',
      'enrollment_code.issue',
      'device.revoke',
      'user.add',
      'user.password_link',
      'user.disable',
    ]);
    expect(mine.every((e) => e.ip === '127.0.0.1')).toBe(true);
    expect(mine[1]!.after).toMatchObject({ extraDaysOff: ['2026-12-31'] });
  });
});
