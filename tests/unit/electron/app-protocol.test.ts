import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createAppProtocolHandler,
  mimeTypeFor,
  registerAppScheme,
  resolveAppRequest,
} from '../../../electron/app-protocol';

// Electron is mocked: its binary cannot exist on this machine. The protocol code takes `protocol` as an
// argument and answers with the standard Response, so it needs nothing from the package at run time.
vi.mock('electron', () => ({}));

const ROOT = path.resolve('/srv/otklik/dist/renderer');
const INDEX = path.join(ROOT, 'index.html');

describe('path guard', () => {
  it.each([
    ['app://otklik/../../etc/passwd', 'dot segment'],
    ['app://otklik/assets/../../../etc/passwd', 'dot segment'],
    ['app://otklik/%2e%2e/%2e%2e/etc/passwd', 'dot segment'],
    ['app://otklik/%2E%2E/secret.txt', 'dot segment'],
    ['app://otklik/.%2e/secret.txt', 'dot segment'],
    ['app://otklik/./index.html', 'dot segment'],
    ['app://otklik/..%2f..%2fetc%2fpasswd', 'encoded separator'],
    ['app://otklik/assets%2F..%2F..%2Fsecret.txt', 'encoded separator'],
    ['app://otklik/..%5c..%5csecret.txt', 'encoded separator'],
    ['app://otklik/%5cwindows%5cwin.ini', 'encoded separator'],
    ['app://otklik/..\\..\\secret.txt', 'backslash'],
    ['app://otklik/assets\\app.js', 'backslash'],
    ['app://otklik/index.html%00.png', 'encoded separator or NUL'],
    ['app://otklik/index.html\u0000.png', 'control character'],
    ['app://otklik//etc/passwd', 'empty path segment'],
    ['app://otklik/assets//app.js', 'empty path segment'],
    ['app://otklik/C:/Windows/win.ini', 'forbidden character'],
    ['app://otklik/index.html:$DATA', 'forbidden character'],
    ['app://otklik/%E0%A4%A/x.js', 'malformed'],
    ['app://other/index.html', 'not the app origin'],
    ['app://otklik.evil.example/index.html', 'not the app origin'],
    ['app://user@otklik/index.html', 'not the app origin'],
    ['https://otklik/index.html', 'not the app origin'],
    ['file:///etc/passwd', 'not the app origin'],
    ['/etc/passwd', 'not the app origin'],
  ])('%j is rejected (%s)', (url, reason) => {
    const target = resolveAppRequest(url, ROOT);
    expect(target.kind).toBe('reject');
    if (target.kind === 'reject') expect(target.reason).toContain(reason);
  });

  it.each([
    ['app://otklik/index.html', path.join(ROOT, 'index.html')],
    ['app://otklik/assets/index-Bx3k.js', path.join(ROOT, 'assets', 'index-Bx3k.js')],
    ['app://otklik/assets/index-Bx3k.css?v=2#top', path.join(ROOT, 'assets', 'index-Bx3k.css')],
    ['app://otklik/assets/%D1%84%D0%BE%D1%82%D0%BE.png', path.join(ROOT, 'assets', 'фото.png')],
    ['app://otklik/locales/ru/common.json', path.join(ROOT, 'locales', 'ru', 'common.json')],
    // Double-encoded dots are decoded once: a literal folder named "%2e%2e" inside the root, harmless.
    ['app://otklik/%252e%252e/x.js', path.join(ROOT, '%2e%2e', 'x.js')],
  ])('%s → a file inside the root', (url, filePath) => {
    expect(resolveAppRequest(url, ROOT)).toEqual({ kind: 'file', filePath });
  });

  it.each([
    'app://otklik/',
    'app://otklik/complaints',
    'app://otklik/complaints/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    'app://otklik/complaints/?tab=history',
    'app://otklik/settings#hq',
  ])('%s (a route) → index.html', (url) => {
    expect(resolveAppRequest(url, ROOT)).toEqual({ kind: 'index', filePath: INDEX });
  });
});

describe('MIME types', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/a.js', 'text/javascript; charset=utf-8'],
    ['assets/a.mjs', 'text/javascript; charset=utf-8'],
    ['assets/a.css', 'text/css; charset=utf-8'],
    ['assets/a.js.map', 'application/json'],
    ['assets/logo.SVG', 'image/svg+xml'],
    ['assets/photo.jpeg', 'image/jpeg'],
    ['assets/font.woff2', 'font/woff2'],
    ['assets/engine.wasm', 'application/wasm'],
    ['assets/blob.bin', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(mimeTypeFor(file)).toBe(type);
  });
});

describe('scheme registration', () => {
  it('registers app: as standard, secure and fetch-capable (IndexedDB and fetch need a real origin)', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }),
      },
    ]);
    const privileges = registerSchemesAsPrivileged.mock.calls[0]?.[0]?.[0]?.privileges;
    expect(privileges.bypassCSP).toBeUndefined();
  });
});

describe('protocol handler', () => {
  let base: string;
  let root: string;
  const CSP = "default-src 'self'";
  const rejected: string[] = [];
  let handle: ReturnType<typeof createAppProtocolHandler>;
  const get = (url: string, method = 'GET') => handle({ url, method });

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'otklik-protocol-'));
    root = path.join(base, 'dist', 'renderer');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Otklik</title>');
    await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(base, 'secret.txt'), 'outside the renderer folder');
    handle = createAppProtocolHandler({
      rootDir: root,
      contentSecurityPolicy: () => CSP,
      onReject: (url) => rejected.push(url),
    });
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('serves a file with its MIME type, the CSP and nosniff', async () => {
    const response = await get('app://otklik/assets/app.js');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves index.html for the root and for routes', async () => {
    for (const url of ['app://otklik/', 'app://otklik/complaints/42']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toContain('<title>Otklik</title>');
    }
  });

  it('answers 404 with the CSP for a missing asset (no index.html fallback for files)', async () => {
    const response = await get('app://otklik/assets/missing.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CSP);
  });

  it.each([
    'app://otklik/../secret.txt',
    'app://otklik/%2e%2e/secret.txt',
    'app://otklik/..%2fsecret.txt',
    'app://otklik/..\\secret.txt',
    'app://evil/secret.txt',
  ])('refuses %j without reading outside the root', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('outside the renderer folder');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(rejected).toContain(url);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://otklik/index.html', 'POST')).status).toBe(405);
    const head = await get('app://otklik/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('asks for the CSP on every response, so a new HQ origin applies at the next load', async () => {
    let csp = "connect-src 'self'";
    const dynamic = createAppProtocolHandler({ rootDir: root, contentSecurityPolicy: () => csp });
    expect(
      (await dynamic({ url: 'app://otklik/', method: 'GET' })).headers.get('content-security-policy'),
    ).toBe(csp);
    csp = "connect-src 'self' https://hq.example";
    expect(
      (await dynamic({ url: 'app://otklik/', method: 'GET' })).headers.get('content-security-policy'),
    ).toBe(csp);
  });
});
