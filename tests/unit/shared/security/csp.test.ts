import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, normaliseHqOrigin } from '../../../../shared/security/csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('content security policy', () => {
  it('is strict without an HQ origin', () => {
    const csp = directives(buildContentSecurityPolicy());
    expect(Object.fromEntries(csp)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'blob:', 'data:'],
      'media-src': ["'self'", 'blob:', 'mediastream:'],
      'connect-src': ["'self'"],
      'worker-src': ["'self'"],
      'frame-src': ["'none'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'none'"],
    });
  });

  it('never allows inline or eval script', () => {
    expect(buildContentSecurityPolicy({ hqOrigin: 'https://hq.example' })).not.toMatch(
      /unsafe-(inline|eval)|\*/,
    );
  });

  it.each([
    ['https://hq.example.com', 'https://hq.example.com'],
    ['https://hq.example.com/', 'https://hq.example.com'],
    ['https://hq.example.com:8443/api/v1?x=1', 'https://hq.example.com:8443'],
    ['http://10.1.2.3:8080', 'http://10.1.2.3:8080'],
    ['HTTPS://HQ.Example.COM', 'https://hq.example.com'],
  ])('adds the HQ origin of %s to connect-src only', (hqOrigin, origin) => {
    const csp = directives(buildContentSecurityPolicy({ hqOrigin }));
    expect(csp.get('connect-src')).toEqual(["'self'", origin]);
    const withoutHq = directives(buildContentSecurityPolicy());
    for (const [name, sources] of csp)
      if (name !== 'connect-src') expect(sources).toEqual(withoutHq.get(name));
  });

  it('adds several HQ origins (a page served for two HQs, as in the end-to-end tests), each checked', () => {
    const csp = directives(
      buildContentSecurityPolicy({ hqOrigin: ['http://127.0.0.1:4174/', 'http://127.0.0.1:4175'] }),
    );
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:4174', 'http://127.0.0.1:4175']);
    expect(directives(buildContentSecurityPolicy({ hqOrigin: [] })).get('connect-src')).toEqual(["'self'"]);
    expect(() => buildContentSecurityPolicy({ hqOrigin: ['https://hq.example', 'ftp://x'] })).toThrow(
      /HQ origin/,
    );
  });

  it.each([
    'ftp://hq.example.com',
    'ws://hq.example.com',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/plain,x',
    'app://otklik',
    'hq.example.com',
    "https://hq.example.com; script-src 'unsafe-inline'",
    'https://user:pw@hq.example.com',
    '',
  ])('rejects the HQ origin %j', (hqOrigin) => {
    expect(() => buildContentSecurityPolicy({ hqOrigin })).toThrow(/HQ origin/);
    expect(() => normaliseHqOrigin(hqOrigin)).toThrow();
  });
});
