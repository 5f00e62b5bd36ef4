import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../../../hq/config';
import { loadTls } from '../../../../hq/tls';
import { CONSOLE_PATHS, SESSION_COOKIE } from '../../../../shared/console/protocol';
import { startHq, type RunningHq } from '../../harness';
import { addUser } from '../../console-client';

/**
 * Issue 14: the session cookie is `Secure` whenever the console is reached over HTTPS — HQ's own TLS
 * (TLS_CERT, TLS_KEY), or a reverse proxy terminating TLS that HQ trusts (HQ_TRUST_PROXY, X-Forwarded-Proto).
 */
describe('the console cookie under HTTPS (on postgresql)', () => {
  let dir: string;
  let tls: RunningHq;
  let proxied: RunningHq;
  let ca: Buffer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'otklik-tls-cookie-'));
    const [certFile, keyFile] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '1',
        '-subj',
        '/CN=otklik-hq-test',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const https = loadTls(configFromEnv({ TLS_CERT: certFile, TLS_KEY: keyFile }))!;
    ca = https.cert;
    tls = await startHq('postgresql', { https });
    proxied = await startHq('postgresql', { trustProxy: true });
  });
  afterAll(async () => {
    await tls?.close();
    await proxied?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('HQ’s own TLS: HttpOnly; Secure; SameSite=Strict', async () => {
    const u = await addUser(tls, 'auditor');
    const setCookie = await new Promise<string[]>((resolve, reject) => {
      const req = httpsRequest(
        tls.url + CONSOLE_PATHS.session,
        { ca, method: 'POST', headers: { 'content-type': 'application/json', origin: tls.url } },
        (res) => {
          res.resume();
          expect(res.statusCode).toBe(200);
          resolve(res.headers['set-cookie'] ?? []);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ email: u.email, password: u.password }));
    });
    const cookie = setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
  });

  it('behind a trusted proxy that terminated TLS: Secure, and the Origin must be the https one', async () => {
    const u = await addUser(proxied, 'auditor');
    const host = new URL(proxied.url).host;
    const signIn = (origin: string) =>
      fetch(proxied.url + CONSOLE_PATHS.session, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ email: u.email, password: u.password }),
      });
    expect((await signIn(`http://${host}`)).status).toBe(403);
    const res = await signIn(`https://${host}`);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/; Secure/);
  });
});
