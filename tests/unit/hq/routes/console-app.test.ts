import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CSP, consoleAppRoutes } from '../../../../hq/routes/console-app';

// Issue 14: HQ serves the built console at /console/ — a real Fastify with @fastify/static on a real folder
// laid out like dist/console. Every address under /console/ that is not a file is the app (hash routes).

const dir = mkdtempSync(join(tmpdir(), 'otklik-console-'));
const page =
  '<!doctype html><div id="root"></div><script type="module" src="/console/assets/index-abc.js"></script>';
let app: FastifyInstance;
let unbuilt: FastifyInstance;

beforeAll(async () => {
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), page);
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(dir, 'assets', 'index-abc.js.br'), brotliCompressSync('console.log(1)'));
  writeFileSync(join(dir, '.env'), 'SECRET=1');
  app = Fastify();
  await app.register(consoleAppRoutes, { root: dir });
  unbuilt = Fastify();
  await unbuilt.register(consoleAppRoutes, { root: join(dir, 'missing') });
});
afterAll(async () => {
  await app.close();
  await unbuilt.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the console page at /console/', () => {
  it('redirects /console to /console/', async () => {
    const r = await app.inject({ url: '/console' });
    expect(r.statusCode).toBe(301);
    expect(r.headers.location).toBe('/console/');
  });

  it.each(['/console/', '/console/set-password/abc', '/console/complaints/x?y=1'])(
    '%s is the app, under a strict CSP, asked for again every time',
    async (url) => {
      const r = await app.inject({ url });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.body).toBe(page);
      expect(r.headers['content-security-policy']).toBe(CONSOLE_CSP);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['cache-control']).toBe('no-cache');
    },
  );

  it('the CSP allows no inline script, no other origin and no framing', () => {
    const directives = Object.fromEntries(
      CONSOLE_CSP.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(CONSOLE_CSP).not.toContain('unsafe');
  });

  it('serves hashed assets for a year, and a missing asset is a 404, not the page', async () => {
    const asset = await app.inject({ url: '/console/assets/index-abc.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ url: '/console/assets/nope.js' })).statusCode).toBe(404);
  });

  it('a browser that accepts brotli gets the copy the build compressed', async () => {
    const r = await app.inject({
      url: '/console/assets/index-abc.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(r.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(r.rawPayload).toString()).toBe('console.log(1)');
    expect(r.headers['content-security-policy']).toBe(CONSOLE_CSP);
  });

  // What Chromium asks with: the page itself has no compressed copy, so it comes as it is (it was a 404 — the
  // console never loaded in a browser — while `index` was a string, which @fastify/static's search for the
  // index of a directory ignores once it has picked an encoding).
  it.each(['/console/', '/console/complaints/x'])(
    '%s is the app for a browser that accepts compressed answers',
    async (url) => {
      const r = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
      expect(r.statusCode).toBe(200);
      expect(r.body).toBe(page);
      expect(r.headers['content-security-policy']).toBe(CONSOLE_CSP);
    },
  );

  it('never serves dot files or anything outside its folder', async () => {
    expect((await app.inject({ url: '/console/.env' })).body).not.toContain('SECRET');
    const outside = await app.inject({ url: '/console/..%2f..%2fetc%2fpasswd' });
    expect(outside.body).not.toContain('root:');
  });

  it('without a built console HQ still starts and says how to build it (503)', async () => {
    const r = await unbuilt.inject({ url: '/console/' });
    expect(r.statusCode).toBe(503);
    expect(r.body).toContain('npm run build');
    expect((await unbuilt.inject({ url: '/console' })).statusCode).toBe(301);
  });
});
