import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { CONSOLE_PATHS, type ComplaintList } from '../../../../shared/console/protocol';
import {
  type AuditEntry,
  type ConsolePolicies,
  type ConsoleBranch,
  type ConsoleDevice,
  type ConsoleUserListItem,
  type EnrollmentCode,
  type PasswordLink,
} from '../../../../shared/console/admin';
import { HQ_PATHS, pullResponseSchema, type EnrollResponse } from '../../../../shared/sync/protocol';
import {
  call,
  DATABASE_KINDS,
  enroll,
  op,
  registration,
  startHq,
  type RunningHq,
  type TestDevice,
} from '../../harness';
import { consoleUser, signIn, type ConsoleClient } from '../../console-client';
import { pushEntry } from '../../mail-fixtures';

/**
 * Issue 14, administration in the console: branches with calendar extras and policy (they come down to the
 * branch with pull, and HQ's own deadlines follow them), enrollment codes shown once, devices and their
 * revocation, HQ users and their one-time set-password links.
 */
describe.each(DATABASE_KINDS)('console administration on %s', (kind) => {
  let hq: RunningHq;
  let admin: ConsoleClient;
  let head: ConsoleClient;
  let msk: TestDevice;

  beforeAll(async () => {
    hq = await startHq(kind);
    msk = await enroll(hq, 'MSK-01');
    admin = await consoleUser(hq, 'admin');
    head = await consoleUser(hq, 'head_of_sales');
  });
  afterAll(async () => {
    await hq?.close();
  });

  const json = async <T>(res: Response, status = 200): Promise<T> => {
    expect(res.status, await res.clone().text()).toBe(status);
    return (await res.json()) as T;
  };

  it('calendar extras set at HQ come down with pull and move HQ’s own deadlines', async () => {
    // A complaint registered on Friday 6 March 2026; its 10-working-day answer is due on 20 March.
    const reg = registration('MSK-01', new Date('2026-03-06T09:00:00Z'));
    await call(hq, msk, HQ_PATHS.push, {
      method: 'POST',
      body: JSON.stringify({ ops: [op(msk, 'complaint.register', reg)] }),
    });
    const before = await json<ComplaintList>(
      await head.call(`${CONSOLE_PATHS.complaints}?q=${reg.complaint.number}`),
    );
    const cursor = pullResponseSchema.parse(
      await (await call(hq, msk, `${HQ_PATHS.pull}?cursor=0`)).json(),
    ).cursor;

    const patched = await json<ConsoleBranch>(
      await admin.call(CONSOLE_PATHS.branch('MSK-01'), {
        method: 'PATCH',
        json: {
          extraDaysOff: ['2026-03-10', '2026-03-11'],
          extraWorkingDays: [],
          policyId: 'working_days_10',
        },
      }),
    );
    expect(patched).toMatchObject({ extraDaysOff: ['2026-03-10', '2026-03-11'], extraWorkingDays: [] });

    const pulled = pullResponseSchema.parse(
      await (await call(hq, msk, `${HQ_PATHS.pull}?cursor=${cursor}`)).json(),
    );
    const branch = pulled.changes.find((c) => c.kind === 'branch');
    expect(branch).toMatchObject({
      kind: 'branch',
      branch: {
        extraDaysOff: ['2026-03-10', '2026-03-11'],
        extraWorkingDays: [],
        policyId: 'working_days_10',
      },
    });
    expect(branch && 'branch' in branch && branch.branch.ukraineMartialLaw).toBeUndefined();

    // Two working days off: HQ's due moment moves two working days later.
    const after = await json<ComplaintList>(
      await head.call(`${CONSOLE_PATHS.complaints}?q=${reg.complaint.number}`),
    );
    const days =
      (Date.parse(after.items[0]!.nextDueAt!) - Date.parse(before.items[0]!.nextDueAt!)) / 86_400_000;
    expect(days).toBe(2);

    // HQ's own mail deadline for a book entry captured the day before a day off is after it (11:00 Thursday).
    const entry = await pushEntry(hq, msk, { capturedAt: new Date('2026-03-09T12:00:00Z'), pages: 1 });
    const { rows } = await hq.db.pool.query<{ deadline: string; deadline_source: string }>(
      'SELECT deadline, deadline_source FROM mail_outbox WHERE entry_id = $1',
      [entry.entryId],
    );
    expect(rows[0]).toEqual({ deadline: '2026-03-12T08:00:00.000Z', deadline_source: 'hq' });

    // null: HQ stops setting it (the branch keeps its own from then on).
    const cleared = await json<ConsoleBranch>(
      await admin.call(CONSOLE_PATHS.branch('MSK-01'), { method: 'PATCH', json: { extraDaysOff: null } }),
    );
    expect(cleared.extraDaysOff).toBeUndefined();
  });

  it('branches: created, refused when they exist or are invalid; a manager sees only theirs', async () => {
    const created = await json<ConsoleBranch>(
      await admin.call(CONSOLE_PATHS.branches, {
        method: 'POST',
        json: {
          code: 'kyv-01',
          name: 'Київ',
          country: 'UA',
          timeZone: 'Europe/Kyiv',
          language: 'uk',
          ukraineMartialLaw: true,
        },
      }),
      201,
    );
    expect(created).toMatchObject({
      code: 'KYV-01',
      country: 'UA',
      ukraineMartialLaw: true,
      activeDevices: 0,
    });
    // The conflict says which one, for the console to word it (issue 14 review).
    expect(
      await json(
        await admin.call(CONSOLE_PATHS.branches, {
          method: 'POST',
          json: { code: 'KYV-01', name: 'X', country: 'UA' },
        }),
        409,
      ),
    ).toMatchObject({ code: 'conflict', reason: 'branch_exists' });
    for (const bad of [
      { code: 'BAD-01', name: 'X', country: 'XX' },
      { code: 'not a code', name: 'X', country: 'RU' },
      { code: 'BAD-02', name: 'X', country: 'RU', extraDaysOff: ['31.12.2026'] },
      { code: 'BAD-03', name: 'X', country: 'RU', timeZone: 'Mars/Olympus' },
    ]) {
      const res = await admin.call(CONSOLE_PATHS.branches, { method: 'POST', json: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect(
      (await admin.call(CONSOLE_PATHS.branch('NONE-01'), { method: 'PATCH', json: { name: 'X' } })).status,
    ).toBe(404);
    const manager = await consoleUser(hq, 'manager', ['KYV-01']);
    const seen = await json<ConsoleBranch[]>(await manager.call(CONSOLE_PATHS.branches));
    expect(seen.map((b) => b.code)).toEqual(['KYV-01']);
    expect(
      (await json<ConsoleBranch[]>(await head.call(CONSOLE_PATHS.branches))).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('an enrollment code is shown once, works once, and only its hash is kept', async () => {
    const issued = await json<EnrollmentCode>(
      await admin.call(CONSOLE_PATHS.enrollmentCodes('MSK-01'), { method: 'POST' }),
      201,
    );
    expect(issued.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const { rows } = await hq.db.pool.query('SELECT code_hash FROM enrollment_codes');
    expect(JSON.stringify(rows)).not.toContain(issued.code.replaceAll('-', ''));
    const body = (deviceId: string) => JSON.stringify({ code: issued.code, deviceId, branchCode: 'MSK-01' });
    const first = await fetch(hq.url + HQ_PATHS.enroll, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(uuidv7()),
    });
    const again = await fetch(hq.url + HQ_PATHS.enroll, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(uuidv7()),
    });
    expect(first.status).toBe(200);
    expect(((await first.json()) as EnrollResponse).branch.code).toBe('MSK-01');
    expect(again.status).toBe(403);
  });

  it('devices: listed with their branch, revoked at once', async () => {
    const device = await enroll(hq, 'MSK-01');
    const listed = await json<ConsoleDevice[]>(await admin.call(`${CONSOLE_PATHS.devices}?branch=MSK-01`));
    expect(listed.find((d) => d.id === device.deviceId)).toMatchObject({ branch: 'MSK-01', state: 'active' });
    const revoked = await json<ConsoleDevice>(
      await admin.call(CONSOLE_PATHS.deviceRevoke(device.deviceId), { method: 'POST' }),
    );
    expect(revoked.state).toBe('revoked');
    const refused = await call(hq, device, `${HQ_PATHS.pull}?cursor=0`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'device_revoked' });
    expect((await admin.call(CONSOLE_PATHS.deviceRevoke(uuidv7()), { method: 'POST' })).status).toBe(404);
  });

  it('users: added with a one-time link that sets the password; changed; disabled; no duplicates', async () => {
    const email = `new.manager.${Date.now()}@example.com`;
    const added = await json<PasswordLink>(
      await admin.call(CONSOLE_PATHS.users, {
        method: 'POST',
        json: { email, name: 'Новый руководитель', role: 'manager', branches: ['msk-01'] },
      }),
      201,
    );
    expect(added.user).toMatchObject({
      email,
      role: 'manager',
      branches: ['MSK-01'],
      passwordSet: false,
      disabled: false,
    });
    const token = new URL(added.link).hash.split('/').at(-1)!;
    expect(added.link).toBe(`${hq.url}/console/#/set-password/${token}`);
    const set = await fetch(hq.url + CONSOLE_PATHS.password, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: hq.url },
      body: JSON.stringify({ token, password: 'Тверская 7, второй этаж' }),
    });
    expect(set.status).toBe(204);
    const manager = await signIn(hq, email, 'Тверская 7, второй этаж');
    expect(manager.user.branches).toEqual(['MSK-01']);

    expect(
      await json(
        await admin.call(CONSOLE_PATHS.users, {
          method: 'POST',
          json: { email: email.toUpperCase(), name: 'X', role: 'auditor' },
        }),
        409,
      ),
    ).toMatchObject({ code: 'conflict', reason: 'user_exists' });
    expect(
      (
        await admin.call(CONSOLE_PATHS.users, {
          method: 'POST',
          json: { email: 'a@example.com', name: 'X', role: 'manager', branches: ['NONE-99'] },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await admin.call(CONSOLE_PATHS.users, {
          method: 'POST',
          json: { email: 'b@example.com', name: 'X', role: 'auditor', branches: ['MSK-01'] },
        })
      ).status,
    ).toBe(400);

    // A new branch list takes effect at the manager's next request.
    const changed = await json<ConsoleUserListItem>(
      await admin.call(CONSOLE_PATHS.user(added.user.id), { method: 'PATCH', json: { branches: [] } }),
    );
    expect(changed.branches).toEqual([]);
    expect((await json<ComplaintList>(await manager.call(CONSOLE_PATHS.complaints))).items).toEqual([]);
    const users = await json<ConsoleUserListItem[]>(await admin.call(CONSOLE_PATHS.users));
    expect(users.find((u) => u.id === added.user.id)).toMatchObject({
      passwordSet: true,
      lastSignInAt: expect.any(String),
    });
    // An admin cannot lock themselves out.
    expect(
      await json(
        await admin.call(CONSOLE_PATHS.user(admin.user.id), { method: 'PATCH', json: { disabled: true } }),
        409,
      ),
    ).toMatchObject({ code: 'conflict', reason: 'own_account' });
    // A new link replaces the old one.
    const relinked = await json<PasswordLink>(
      await admin.call(CONSOLE_PATHS.userPasswordLink(added.user.id), { method: 'POST' }),
    );
    expect(relinked.link).not.toBe(added.link);
  });

  it('R10: policies set at HQ per company and branch come down with pull, move HQ’s deadlines; audited; admin only', async () => {
    const pc = await enroll(hq, 'POL-01');
    const reg = registration('POL-01', new Date('2026-03-06T09:00:00Z'));
    await call(hq, pc, HQ_PATHS.push, {
      method: 'POST',
      body: JSON.stringify({ ops: [op(pc, 'complaint.register', reg)] }),
    });
    const due = async () =>
      Date.parse(
        (
          await hq.db.pool.query<{ next_due_at: string }>(
            'SELECT next_due_at FROM complaints WHERE id = $1',
            [reg.complaint.id],
          )
        ).rows[0]!.next_due_at,
      );
    const before = await due();
    const cursor = pullResponseSchema.parse(
      await (await call(hq, pc, `${HQ_PATHS.pull}?cursor=0`)).json(),
    ).cursor;

    const company = {
      policyId: 'ru_money_claim_10d',
      bookWarnHours: 4,
      officeOpens: '08:00',
      officeCloses: '20:00',
      handling: { approvalThresholds: { RUB: 300_000 }, escalation: { headOfSalesAfterHours: 48 } },
      branchMayOverride: ['officeHours'],
    };
    const put = (path: string, json: unknown, as = admin) => as.call(path, { method: 'PUT', json });
    expect(await json(await put(CONSOLE_PATHS.companyPolicy, { layer: company }))).toEqual(company);
    expect(
      await json(
        await put(CONSOLE_PATHS.branchPolicy('pol-01'), { layer: { bookWarnHours: 1, extraDaysOff: [] } }),
      ),
    ).toEqual({ bookWarnHours: 1, extraDaysOff: [] });
    expect(await json(await put(CONSOLE_PATHS.companyName, { name: ' ООО «Отклик» ' }))).toEqual({
      name: 'ООО «Отклик»',
    });

    // The branch's next pull carries both layers, the company name, and the calendar as it resolves at HQ.
    const pulled = pullResponseSchema.parse(
      await (await call(hq, pc, `${HQ_PATHS.pull}?cursor=${cursor}`)).json(),
    );
    const branch = pulled.changes.find((c) => c.kind === 'branch');
    expect(branch).toMatchObject({
      branch: {
        code: 'POL-01',
        companyName: 'ООО «Отклик»',
        policyId: 'ru_money_claim_10d',
        extraDaysOff: [],
        policy: { company, branch: { bookWarnHours: 1, extraDaysOff: [] } },
      },
    });
    // HQ's due moment follows the company's consideration policy: 10 calendar days, not 10 working days.
    expect(await due()).toBeLessThan(before);
    const seen = await json<ConsolePolicies>(await admin.call(CONSOLE_PATHS.policy));
    expect(seen).toMatchObject({ companyName: 'ООО «Отклик»', company });
    expect(seen.branches.find((b) => b.code === 'POL-01')?.layer).toEqual({
      bookWarnHours: 1,
      extraDaysOff: [],
    });

    // Audited, with before and after.
    const audit = await json<{ items: AuditEntry[] }>(await admin.call(`${CONSOLE_PATHS.audit}?limit=10`));
    const actions = audit.items.map((e) => `${e.action} ${e.target}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'policy.company company',
        'policy.branch branch:POL-01',
        'company.name company',
      ]),
    );
    expect(audit.items.find((e) => e.action === 'policy.branch')).toMatchObject({
      actorKind: 'hq_user',
      before: {},
      after: { bookWarnHours: 1, extraDaysOff: [] },
    });

    // Bounded and checked: the field is named; nothing changes.
    for (const bad of [
      { layer: { bookWarnHours: 99 } },
      { layer: { officeOpens: '18:00', officeCloses: '09:00' } },
      { layer: { policyId: 'nope' } },
      { layer: { handling: { escalation: { headOfSalesAfterHours: 0 } } } },
      { layer: { branchMayOverride: ['escalation'] } },
      { layer: { extraDaysOff: Array.from({ length: 401 }, () => '2026-01-01') } },
      { layer: { unknown: 1 } },
      { layer: [] },
      { nope: 1 },
    ]) {
      const res = await put(CONSOLE_PATHS.companyPolicy, bad);
      expect(res.status, JSON.stringify(bad).slice(0, 80)).toBe(400);
    }
    expect((await put(CONSOLE_PATHS.companyName, { name: 'x'.repeat(121) })).status).toBe(400);
    expect((await put(CONSOLE_PATHS.branchPolicy('NONE-01'), { layer: {} })).status).toBe(404);
    // Only the admin changes them; a manager does not even read them.
    expect((await put(CONSOLE_PATHS.companyPolicy, { layer: {} }, head)).status).toBe(403);
    const manager = await consoleUser(hq, 'manager', ['POL-01']);
    expect((await manager.call(CONSOLE_PATHS.policy)).status).toBe(403);
    expect(await json(await put(CONSOLE_PATHS.companyPolicy, { layer: {} }))).toEqual({});
    expect(await due()).toBe(before);
  });
});
