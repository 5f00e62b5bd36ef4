import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_PATHS } from '../../../../shared/console/protocol';
import { HQ_PATHS } from '../../../../shared/sync/protocol';
import { DATABASE_KINDS, startHq, type RunningHq } from '../../harness';

/**
 * Issue 13 and 14: who must authenticate is decided before the body is read, by the path the router will
 * use. The router decodes percent-encoding, so `/v1/%63onsole/…` reaches a console route: judged by the raw
 * address it skipped the console's session check (and got the devices' open CORS), and `/v%31/sync/push`
 * skipped the device's token check, so a body was parsed before anyone was known. Observable: a malformed
 * body is a 400 (parsed) before the fix and a 401 (refused on arrival) after it.
 */
const encodedConsole = CONSOLE_PATHS.complaintEvents('0190c3a0-0000-7000-8000-000000000001').replace(
  '/v1/console/',
  '/v1/%63onsole/',
);
const encodedPush = HQ_PATHS.push.replace('/v1/', '/v%31/');

describe.each(DATABASE_KINDS)('addresses written with percent-encoding, on %s', (kind) => {
  let hq: RunningHq;
  beforeAll(async () => {
    hq = await startHq(kind);
  });
  afterAll(async () => hq?.close());

  const post = (path: string) =>
    fetch(`${hq.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"this is": not json',
    });

  it.each([
    ['a console route', encodedConsole],
    ['the devices’ push', encodedPush],
  ])('%s is refused on arrival, before its body is read', async (_name, path) => {
    const res = await post(path);
    expect(res.status).toBe(401);
  });

  it('a console route written so gets no open CORS header, as the console itself does not', async () => {
    const res = await post(encodedConsole);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const device = await post(encodedPush);
    expect(device.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('the plain addresses behave the same', async () => {
    expect((await post(CONSOLE_PATHS.complaintEvents('0190c3a0-0000-7000-8000-000000000001'))).status).toBe(
      401,
    );
    expect((await post(HQ_PATHS.push)).status).toBe(401);
  });
});
