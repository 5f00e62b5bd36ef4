import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../../hq/config';
import { loadTls } from '../../../hq/tls';
import { HQ_PATHS } from '../../../shared/sync/protocol';
import { createEnrollment } from '../../../hq/branches/enrollment';
import { startHq, type RunningHq } from '../harness';

/**
 * Issue 13, item 5: HQ serves HTTPS when given TLS_CERT and TLS_KEY. A certificate made here with openssl
 * (self-signed, for 127.0.0.1), trusted by the test's client only.
 */
function httpsCall(
  url: string,
  ca: Buffer,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpsRequest(
      url,
      { ca, method: init.method ?? 'GET', headers: init.headers ?? {} },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('HQ over HTTPS (on postgresql)', () => {
  let dir: string;
  let hq: RunningHq;
  let cert: Buffer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'otklik-tls-'));
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
    // As `npm run hq` reads it: the environment names the files.
    const config = configFromEnv({ TLS_CERT: certFile, TLS_KEY: keyFile });
    const https = loadTls(config)!;
    cert = https.cert;
    hq = await startHq('postgresql', { https });
  });
  afterAll(async () => {
    await hq?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers HTTPS with the given certificate, and a device syncs over it', async () => {
    expect(hq.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await httpsCall(hq.url + HQ_PATHS.health, cert);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
    const { code } = await createEnrollment(hq.db.pool, { code: 'TLS-01' });
    const enrolled = await httpsCall(hq.url + HQ_PATHS.enroll, cert, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceId: '01900000-0000-7000-8000-000000000001', branchCode: 'TLS-01' }),
    });
    expect(enrolled.status).toBe(200);
    const token = (JSON.parse(enrolled.body) as { deviceToken: string }).deviceToken;
    const pulled = await httpsCall(`${hq.url}${HQ_PATHS.pull}?cursor=0`, cert, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(pulled.status).toBe(200);
    // A client that does not trust the certificate gets nothing (fetch, with the system's authorities).
    await expect(fetch(hq.url + HQ_PATHS.health)).rejects.toThrow();
  });

  it('plain HTTP to the HTTPS port gets no answer', async () => {
    const plain = hq.url.replace('https:', 'http:');
    const answer = await fetch(plain + HQ_PATHS.health).then(
      (r) => r.status,
      () => 'refused',
    );
    expect(answer).not.toBe(200);
  });

  it('a certificate without its key (or a file that is not there) stops HQ at start with a clear message', () => {
    expect(() => configFromEnv({ TLS_CERT: join(dir, 'cert.pem') })).toThrow(
      /needs both TLS_CERT and TLS_KEY/,
    );
    expect(() =>
      loadTls(configFromEnv({ TLS_CERT: join(dir, 'missing.pem'), TLS_KEY: join(dir, 'key.pem') })),
    ).toThrow(/Cannot read TLS_CERT/);
  });
});
