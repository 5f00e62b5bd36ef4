import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HqOriginStore, type HqOriginChange } from '../../../electron/hq-origin';
import { buildContentSecurityPolicy } from '../../../shared/security/csp';

// The desktop app's CSP names one HQ server: named by the first enrollment, kept across restarts, and moved
// to another only when a person confirms it (issue 13). Real files here; the confirmation dialog (Electron)
// is its own module (hq-change-dialog.test.ts), a function here.
const dirs: string[] = [];
const file = () => {
  const dir = mkdtempSync(join(tmpdir(), 'otklik-hq-origin-'));
  dirs.push(dir);
  return join(dir, 'sub', 'hq-origin.json');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const log = { warn: vi.fn() };
const at = () => new Date('2026-03-02T09:00:00Z');
const asks = (answer: boolean) => vi.fn(async (_change: HqOriginChange) => answer);

describe('HqOriginStore', () => {
  it('starts with the deployment default, then keeps the address the workstation enrolled with', async () => {
    const f = file();
    const confirm = asks(false);
    const store = new HqOriginStore(f, 'https://deploy.example.com/', log, confirm, at);
    expect(store.current()).toBe('https://deploy.example.com');
    expect(await store.allow('https://hq.example.com:8443/v1/enroll')).toEqual({
      changed: true,
      origin: 'https://hq.example.com:8443',
    });
    expect(await store.allow('https://hq.example.com:8443')).toEqual({
      changed: false,
      origin: 'https://hq.example.com:8443',
    });
    expect(confirm).not.toHaveBeenCalled(); // the first HQ needs no confirmation
    expect(JSON.parse(readFileSync(f, 'utf8'))).toMatchObject({ origin: 'https://hq.example.com:8443' });
    // A restart reads it back, ahead of the deployment default.
    const again = new HqOriginStore(f, 'https://deploy.example.com', log, confirm, at);
    expect(again.current()).toBe('https://hq.example.com:8443');
    expect(buildContentSecurityPolicy({ hqOrigin: again.current()! })).toContain(
      "connect-src 'self' https://hq.example.com:8443",
    );
  });

  it('the deployment default is remembered when the workstation enrolls with it', async () => {
    const f = file();
    const store = new HqOriginStore(f, 'https://deploy.example.com', log, asks(false), at);
    expect(await store.allow('https://deploy.example.com')).toEqual({
      changed: false,
      origin: 'https://deploy.example.com',
    });
    expect(await store.allow('https://other.example.com')).toEqual({
      changed: false,
      origin: 'https://deploy.example.com',
    });
  });

  it('another HQ than the enrolled one: refused unless a person confirms; a confirmed move is recorded', async () => {
    const f = file();
    const confirm = asks(false);
    const store = new HqOriginStore(f, undefined, log, confirm, at);
    await store.allow('https://hq.example.com');
    // What a compromised page would try: silently, to a server of its choosing.
    expect(await store.allow('https://exfiltrate.example.net', 'uk')).toEqual({
      changed: false,
      origin: 'https://hq.example.com',
    });
    expect(confirm).toHaveBeenCalledWith({
      from: 'https://hq.example.com',
      to: 'https://exfiltrate.example.net',
      language: 'uk',
    });
    expect(store.current()).toBe('https://hq.example.com');
    expect(JSON.parse(readFileSync(f, 'utf8')).origin).toBe('https://hq.example.com');

    const moving = new HqOriginStore(f, undefined, log, asks(true), at);
    expect(await moving.allow('https://new-hq.example.com')).toEqual({
      changed: true,
      origin: 'https://new-hq.example.com',
    });
    expect(JSON.parse(readFileSync(f, 'utf8'))).toEqual({
      origin: 'https://new-hq.example.com',
      since: '2026-03-02T09:00:00.000Z',
      previous: [{ origin: 'https://hq.example.com', until: '2026-03-02T09:00:00.000Z' }],
    });
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://user:pw@hq.example.com',
    'not a url',
    'http://10.0.0.5:4180',
    'http://hq.example.com',
  ])('refuses %s and keeps what it had', async (bad) => {
    const store = new HqOriginStore(file(), undefined, log, asks(true), at);
    await expect(store.allow(bad)).rejects.toThrow();
    expect(store.current()).toBeUndefined();
  });

  it.each(['http://127.0.0.1:4180', 'http://localhost:4180', 'http://[::1]:4180'])(
    'allows plain http to this computer: %s',
    async (local) => {
      const store = new HqOriginStore(file(), undefined, log, asks(false), at);
      expect((await store.allow(local)).changed).toBe(true);
    },
  );

  it('ignores a damaged or foreign file and an invalid default, with a warning', async () => {
    const f = file();
    const first = new HqOriginStore(f, undefined, log, asks(false), at);
    await first.allow('https://hq.example.com');
    writeFileSync(f, '{"origin": "ftp://x"}');
    const store = new HqOriginStore(f, 'nonsense', log, asks(false), at);
    expect(store.current()).toBeUndefined();
    expect(log.warn).toHaveBeenCalled();
  });
});
