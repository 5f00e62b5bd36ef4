import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HqOriginStore } from '../../../electron/hq-origin';
import { buildContentSecurityPolicy } from '../../../shared/security/csp';

// The desktop app's CSP names one HQ server: learned at enrollment, kept across restarts (real files here;
// no Electron needed for this part).
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

describe('HqOriginStore', () => {
  it('starts with the deployment default, then keeps the address the workstation connected to', () => {
    const f = file();
    const store = new HqOriginStore(f, 'https://deploy.example.com/', log);
    expect(store.current()).toBe('https://deploy.example.com');
    expect(store.allow('http://10.0.0.5:4180/v1/enroll')).toEqual({
      changed: true,
      origin: 'http://10.0.0.5:4180',
    });
    expect(store.allow('http://10.0.0.5:4180')).toEqual({ changed: false, origin: 'http://10.0.0.5:4180' });
    expect(JSON.parse(readFileSync(f, 'utf8'))).toEqual({ origin: 'http://10.0.0.5:4180' });
    // A restart reads it back, ahead of the deployment default.
    const again = new HqOriginStore(f, 'https://deploy.example.com', log);
    expect(again.current()).toBe('http://10.0.0.5:4180');
    expect(buildContentSecurityPolicy({ hqOrigin: again.current()! })).toContain(
      "connect-src 'self' http://10.0.0.5:4180",
    );
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@hq.example.com', 'not a url'])(
    'refuses %s and keeps what it had',
    (bad) => {
      const store = new HqOriginStore(file(), undefined, log);
      expect(() => store.allow(bad)).toThrow();
      expect(store.current()).toBeUndefined();
    },
  );

  it('ignores a damaged or foreign file and an invalid default, with a warning', () => {
    const f = file();
    const first = new HqOriginStore(f, undefined, log);
    first.allow('https://hq.example.com');
    writeFileSync(f, '{"origin": "ftp://x"}');
    const store = new HqOriginStore(f, 'nonsense', log);
    expect(store.current()).toBeUndefined();
    expect(log.warn).toHaveBeenCalled();
  });
});
