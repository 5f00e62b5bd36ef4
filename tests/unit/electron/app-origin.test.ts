import { describe, expect, it, vi } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  isAppUrl,
  originOf,
  resolveAppLocation,
} from '../../../electron/app-origin';
import { isAllowedNavigation } from '../../../electron/navigation';

// Electron is mocked in every electron/ test: its binary cannot exist on this machine, and loading the
// real package would try to download it. Pure modules must not need it at all (the empty mock proves it).
vi.mock('electron', () => ({}));

const DEV = 'http://127.0.0.1:5173';
const production = resolveAppLocation({ isPackaged: true, rendererUrl: DEV });
const development = resolveAppLocation({ isPackaged: false, rendererUrl: DEV });

describe('navigation targets', () => {
  it.each([
    ['app://otklik/index.html', true],
    ['app://otklik/complaints/42', true],
    ['app://otklik/', true],
    ['https://evil.example', false],
    ['https://evil.example/app://otklik/', false],
    ['http://127.0.0.1:5173/', false], // the dev server is not trusted outside dev mode
    ['file:///etc/passwd', false],
    ['app://other/', false],
    ['app://otklik.evil.example/', false],
    ['app://user@otklik/', false],
    ['app://otklik:8080/', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['about:blank', false],
    ['chrome://settings', false],
    ['not a url', false],
  ])('%s allowed in production: %s', (url, allowed) => {
    expect(isAllowedNavigation(url, production.origins)).toBe(allowed);
  });

  it.each([
    ['http://127.0.0.1:5173/', true],
    ['http://127.0.0.1:5173/complaints', true],
    ['http://127.0.0.1:5174/', false],
    ['http://localhost:5173/', false], // same server, different origin
    ['https://127.0.0.1:5173/', false],
    ['app://otklik/index.html', true],
    ['https://evil.example', false],
  ])('%s allowed in development: %s', (url, allowed) => {
    expect(isAllowedNavigation(url, development.origins)).toBe(allowed);
  });
});

describe('app location', () => {
  it('serves app:// when packaged, whatever the environment says', () => {
    expect(production).toEqual({ entryUrl: APP_ENTRY_URL, origins: [APP_ORIGIN] });
    expect(APP_ENTRY_URL).toBe('app://otklik/index.html');
  });

  it('serves app:// when not packaged and no dev server is named', () => {
    expect(resolveAppLocation({ isPackaged: false, rendererUrl: undefined }).origins).toEqual([APP_ORIGIN]);
    expect(resolveAppLocation({ isPackaged: false, rendererUrl: '' }).entryUrl).toBe(APP_ENTRY_URL);
  });

  it('loads and trusts the dev server only in development', () => {
    expect(development).toEqual({ entryUrl: DEV, origins: [APP_ORIGIN, DEV] });
  });

  it.each([
    'https://evil.example',
    'file:///tmp/index.html',
    'app://otklik/',
    'http://10.0.0.5:5173',
    'nonsense',
  ])('refuses the dev server URL %s', (rendererUrl) => {
    expect(() => resolveAppLocation({ isPackaged: false, rendererUrl })).toThrow(/OTKLIK_RENDERER_URL/);
  });
});

describe('originOf', () => {
  it.each([
    ['app://otklik/index.html', 'app://otklik'],
    ['app://otklik/', 'app://otklik'], // Electron reports requesting origins with a trailing slash
    ['https://hq.example:8443/api?x=1', 'https://hq.example:8443'],
    ['http://127.0.0.1:5173', 'http://127.0.0.1:5173'],
    ['https://user:pw@hq.example/', null],
    ['file:///etc/passwd', null],
    ['mailto:a@b.example', null],
    ['', null],
  ])('%s → %s', (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });

  it('agrees with isAppUrl', () => {
    expect(isAppUrl('app://otklik/x.js', [APP_ORIGIN])).toBe(true);
    expect(isAppUrl('app://otklik/x.js', [])).toBe(false);
  });
});
