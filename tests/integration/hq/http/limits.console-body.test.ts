import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_PATHS } from '../../../../shared/console/protocol';
import { type ConsoleUserListItem } from '../../../../shared/console/admin';
import { CONSOLE_BODY_LIMIT } from '../../../../hq/http/limit-settings';
import { DATABASE_KINDS, startHq, type RunningHq } from '../../harness';
import { consoleUser, type ConsoleClient } from '../../console-client';

/**
 * Issue 14 review: the console's routes take small bodies. A 1 MB request to one of them is refused with
 * 413 before its body is parsed, so nothing in it is acted on; a request of ordinary size goes through.
 */
describe.each(DATABASE_KINDS)('console body limit on %s', (kind) => {
  let hq: RunningHq;
  let admin: ConsoleClient;

  beforeAll(async () => {
    hq = await startHq(kind);
    admin = await consoleUser(hq, 'admin');
  });
  afterAll(async () => {
    await hq?.close();
  });

  const users = async () => (await (await admin.call(CONSOLE_PATHS.users)).json()) as ConsoleUserListItem[];

  it('a 1 MB body to a console route is 413 and nothing in it happens', async () => {
    const email = `big.${Date.now()}@example.com`;
    // A valid new user, padded with a field HQ ignores: only its size is wrong.
    const big = await admin.call(CONSOLE_PATHS.users, {
      method: 'POST',
      json: { email, name: 'Big Body', role: 'auditor', padding: 'x'.repeat(1024 * 1024) },
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'payload_too_large' });
    expect((await users()).some((u) => u.email === email)).toBe(false);

    const patch = await admin.call(CONSOLE_PATHS.user(admin.user.id), {
      method: 'PATCH',
      json: { name: 'y'.repeat(1024 * 1024) },
    });
    expect(patch.status).toBe(413);
    const events = await admin.call(CONSOLE_PATHS.complaintEvents('00000000-0000-7000-8000-000000000000'), {
      method: 'POST',
      json: { note: 'z'.repeat(1024 * 1024) },
    });
    expect(events.status).toBe(413);
  });

  it('a body of ordinary size under the limit goes through', async () => {
    const email = `small.${Date.now()}@example.com`;
    const padding = 'x'.repeat(CONSOLE_BODY_LIMIT - 1024);
    const res = await admin.call(CONSOLE_PATHS.users, {
      method: 'POST',
      json: { email, name: 'Small Body', role: 'auditor', padding },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await users()).some((u) => u.email === email)).toBe(true);
  });
});
