import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createEnrollment } from '../../../../hq/branches/enrollment';
import { bookEntryMessageId } from '../../../../shared/mail/content';
import { HQ_PATHS, type PullResponse, type PushResponse } from '../../../../shared/sync/protocol';
import { S3_KEY, startS3 } from '../../../s3.mjs';
import {
  call,
  droppedIdleClient,
  enroll,
  op,
  registration,
  type RunningHq,
  type TestDevice,
} from '../../harness';
import { freshDatabase, hqCli, HqProcess } from '../../hq-process';
import { DIRECTORY, pageBytes, pushEntry, sha, startSmtp, type SubmittedEntry } from '../../mail-fixtures';

/**
 * Issue 17, item 4: HQ on more than one machine. Two real HQ processes (the production bundle) on one
 * PostgreSQL database and one S3-compatible server, each with its own DATA_DIR (they share nothing
 * else), a real SMTP server. Branches push to both, alternately, and repeat batches to the other one as
 * a branch does when an answer is lost.
 */
const BRANCHES = 4;
const ROUNDS = 4;
const QUOTA = 3_000_000;
const MAX_PHOTO = 2_000_000;
const CACHE_MS = 600_000; // a checked token is trusted for ten minutes: only a notification can end it

/**
 * OTKLIK_TEST_POOLER_URL (host:port of a pooler in transaction mode, e.g. PgBouncer, in front of the test
 * server): the processes' DATABASE_URL goes through it and their LISTEN straight to the server, as the
 * README's Deployment section says. Without it, both go straight to the server.
 */
function viaPooler(direct: string): Record<string, string> {
  const pooler = process.env.OTKLIK_TEST_POOLER_URL;
  if (!pooler) return { DATABASE_URL: direct };
  const url = new URL(direct);
  url.host = pooler;
  return { DATABASE_URL: url.toString(), DATABASE_LISTEN_URL: direct };
}

describe('two HQ processes on one PostgreSQL and one S3 server', { timeout: 240_000 }, () => {
  let main: string;
  let s3: Awaited<ReturnType<typeof startS3>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let pool: pg.Pool;
  let objects: S3Client;
  let env: Record<string, string>;
  const processes: HqProcess[] = [];
  const dataDirs: string[] = [];
  let hqs: RunningHq[];

  beforeAll(async () => {
    main = inject('hqMain');
    [s3, smtp, db] = await Promise.all([startS3(), startSmtp(), freshDatabase(inject('postgresUrl'))]);
    env = {
      ...viaPooler(db.url),
      ...s3.env,
      SMTP_URL: smtp.url,
      MAIL_POLL_MS: '200',
      HQ_AUTH_CACHE_MS: String(CACHE_MS),
      HQ_DB_POOL: '4',
      HQ_BRANCH_PHOTO_QUOTA_BYTES: String(QUOTA),
      HQ_MAX_PHOTO_BYTES: String(MAX_PHOTO),
    };
    // Both start at once on the fresh database: the migrations are applied once, under their lock.
    for (let i = 0; i < 2; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'otklik-multi-'));
      dataDirs.push(dataDir);
      processes.push(new HqProcess(main, { ...env, DATA_DIR: dataDir }));
    }
    await Promise.all(processes.map((p) => p.ready()));
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
    pool.on('error', droppedIdleClient);
    hqs = processes.map((p) => ({ url: p.url, db: { pool } }) as unknown as RunningHq);
    objects = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: S3_KEY,
    });
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    objects?.destroy();
    await pool?.end();
    await db?.drop();
    await s3?.stop();
    await smtp?.close();
    for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
  });

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM (${sql}) q`, params)).rows[0]!.n);
  const put = (hq: RunningHq, d: TestDevice, bytes: Buffer, init: RequestInit = {}) =>
    call(hq, d, HQ_PATHS.photo(sha(bytes)), { method: 'PUT', body: new Uint8Array(bytes), ...init });
  const photoKeys = async () =>
    ((await objects.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'photos/' }))).Contents ?? [])
      .map((o) => o.Key!)
      .sort();
  async function pullAll(hq: RunningHq, d: TestDevice) {
    const changes: PullResponse['changes'] = [];
    for (let cursor = 0; ;) {
      const page = (await (await call(hq, d, `${HQ_PATHS.pull}?cursor=${cursor}`)).json()) as PullResponse;
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.more || page.changes.length === 0) return changes;
    }
  }

  it('branches pushing to both alternately: every op once and in order, photos once, one e-mail per entry', async () => {
    const devices = await Promise.all(
      Array.from({ length: BRANCHES }, (_, i) => enroll(hqs[i % 2]!, `MP-${i + 1}`, DIRECTORY)),
    );
    const entries: Array<SubmittedEntry & { device: TestDevice }> = [];
    const extra: string[] = [];
    await Promise.all(
      devices.map(async (d, i) => {
        for (let round = 0; round < ROUNDS; round++) {
          const here = hqs[(i + round) % 2]!;
          const there = hqs[(i + round + 1) % 2]!;
          const entry = await pushEntry(here, d, { pages: 2 });
          entries.push({ ...entry, device: d });
          // The answer was lost: the branch sends the same batch again, and it reaches the other process.
          const again = await call(there, d, HQ_PATHS.push, {
            method: 'POST',
            body: JSON.stringify({ ops: entry.ops }),
          });
          expect(((await again.json()) as PushResponse).results.map((r) => r.outcome)).toEqual(
            entry.ops.map(() => 'applied'),
          );
          const more = op(d, 'complaint.register', registration(d.branchCode));
          extra.push(more.opId);
          expect(
            (await call(there, d, HQ_PATHS.push, { method: 'POST', body: JSON.stringify({ ops: [more] }) }))
              .status,
          ).toBe(200);
          // Page 1 to both processes at the same moment, page 2 to the other one.
          const [first, second] = entry.pages as [Buffer, Buffer];
          const racing = await Promise.all([put(here, d, first), put(there, d, first)]);
          expect(racing.map((r) => r.status).sort()).toEqual([200, 201]);
          expect((await put(there, d, second)).status).toBe(201);
        }
      }),
    );
    const pushed = BRANCHES * ROUNDS;

    // Every op once, and each device's in its own order.
    const { rows } = await pool.query<{ device_id: string; device_seq: number }>(
      'SELECT device_id, device_seq FROM ops ORDER BY received_at, device_seq',
    );
    for (const d of devices)
      expect(rows.filter((r) => r.device_id === d.deviceId).map((r) => r.device_seq)).toEqual(
        Array.from({ length: d.seq }, (_, k) => k + 1),
      );
    expect(rows).toHaveLength(devices.reduce((n, d) => n + d.seq, 0));
    expect(await count("SELECT 1 FROM ops WHERE outcome <> 'applied'")).toBe(0);
    expect(await count('SELECT 1 FROM complaints')).toBe(pushed * 2);
    // The complaints pushed here are long overdue: HQ's escalation watch (issue 15) adds its own `escalated`
    // events and e-mails beside what the branches pushed; only the branches' are counted here.
    expect(await count("SELECT 1 FROM complaint_events WHERE type <> 'escalated'")).toBe(pushed * 4);
    expect(await count('SELECT 1 FROM incidents')).toBe(0);

    // Photos once: one object, one row each, whichever process received them (and twice at once).
    const pages = entries.flatMap((e) => e.pages);
    expect(await photoKeys()).toEqual(pages.map((p) => `photos/${sha(p)}`).sort());
    expect(await count('SELECT 1 FROM photos')).toBe(pages.length);
    expect(await count('SELECT 1 FROM branch_photos')).toBe(pages.length);
    const stored = await objects.send(
      new GetObjectCommand({ Bucket: s3.bucket, Key: `photos/${sha(pages[0]!)}` }),
    );
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(pages[0]!)).toBe(true);

    // One e-mail per entry, with its pages read from the object store, in order.
    await expect
      .poll(() => count("SELECT 1 FROM mail_outbox WHERE kind = 'book_entry' AND status = 'sent'"), {
        timeout: 60_000,
        interval: 200,
      })
      .toBe(pushed);
    await smtp.waitFor(pushed);
    expect(smtp.received.filter((m) => m.messageId?.startsWith('<book-entry.'))).toHaveLength(pushed);
    for (const e of entries) {
      const mail = smtp.received.filter((m) => m.messageId === bookEntryMessageId(e.entryId));
      expect(mail).toHaveLength(1);
      expect(mail[0]!.attachments.map((a) => sha(a.content))).toEqual(e.pages.map(sha));
    }

    // Both processes tell a branch the same story.
    const [fromA, fromB] = await Promise.all(hqs.map((hq) => pullAll(hq, devices[0]!)));
    expect(fromB).toEqual(fromA);
    expect(fromA!.filter((c) => c.kind === 'complaint')).toHaveLength(ROUNDS * 2);
  });

  it('over the size limit or the branch quota with S3: 413 / 507, and nothing is stored', async () => {
    const [q, s] = await Promise.all([
      enroll(hqs[0]!, 'MP-Q', DIRECTORY),
      enroll(hqs[1]!, 'MP-S', DIRECTORY),
    ]);
    const photos = [1, 2, 3].map((i) => pageBytes(1_200_000, 9_000 + i));
    expect((await put(hqs[0]!, q, photos[0]!)).status).toBe(201);
    expect((await put(hqs[0]!, q, photos[1]!)).status).toBe(201);
    const declared = await put(hqs[0]!, q, photos[2]!);
    expect(declared.status).toBe(507);
    expect(await declared.json()).toMatchObject({ code: 'branch_quota_exceeded' });
    const chunked = await put(hqs[0]!, q, photos[2]!, {
      body: new Blob([new Uint8Array(photos[2]!)]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(507);

    const big = pageBytes(MAX_PHOTO + 1, 9_100);
    const tooLarge = await put(hqs[1]!, s, big);
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ code: 'payload_too_large' });
    const tooLargeChunked = await put(hqs[1]!, s, big, {
      body: new Blob([new Uint8Array(big)]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(tooLargeChunked.status).toBe(413);
    const damaged = await call(hqs[1]!, s, HQ_PATHS.photo(sha(photos[2]!)), {
      method: 'PUT',
      body: new Uint8Array(pageBytes(50_000, 9_200)),
    });
    expect(damaged.status).toBe(422);

    const keys = await photoKeys();
    expect(keys).toEqual(expect.arrayContaining(photos.slice(0, 2).map((p) => `photos/${sha(p)}`)));
    for (const p of [photos[2]!, big]) expect(keys).not.toContain(`photos/${sha(p)}`);
  });

  it('a token that stops being valid is refused by every process at once: re-enrollment, expiry, revocation', async () => {
    const pullAt = (hq: RunningHq, d: TestDevice) => call(hq, d, `${HQ_PATHS.pull}?cursor=0`);
    const statuses = (d: TestDevice) => Promise.all(hqs.map(async (hq) => (await pullAt(hq, d)).status));
    /** Each process checked the token and now trusts it for CACHE_MS: only the NOTIFY can end that. */
    const trustedEverywhere = async (d: TestDevice) => expect(await statuses(d)).toEqual([200, 200]);
    const refusedEverywhere = (d: TestDevice, code: string) =>
      expect
        .poll(
          async () =>
            Promise.all(
              hqs.map(async (hq) => {
                const res = await pullAt(hq, d);
                return res.status === 401 ? ((await res.json()) as { code: string }).code : res.status;
              }),
            ),
          { timeout: 10_000, interval: 50 },
        )
        .toEqual([code, code]);

    // Re-enrollment through process A makes a new device with its own token (issue 13: HQ gives every
    // enrollment its own id, so the answer says nothing of ids it holds); both processes trust it at once.
    const old = await enroll(hqs[0]!, 'MP-AUTH', DIRECTORY);
    await trustedEverywhere(old);
    const { code } = await createEnrollment(pool, { code: 'MP-AUTH' });
    const reenrolled = await fetch(hqs[0]!.url + HQ_PATHS.enroll, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceId: old.deviceId, branchCode: 'MP-AUTH' }),
    });
    const answer = (await reenrolled.json()) as { deviceId: string; deviceToken: string };
    expect(answer.deviceId).not.toBe(old.deviceId);
    const renewed: TestDevice = { ...old, deviceId: answer.deviceId, token: answer.deviceToken };
    await trustedEverywhere(renewed);

    // Expiry set in the database (unused for longer than HQ_DEVICE_TOKEN_DAYS): refused by both, while each
    // still trusts it from its cache — only the NOTIFY can tell them.
    await pool.query(
      `UPDATE devices SET last_seen_at = now() - interval '91 days', enrolled_at = now() - interval '91 days' WHERE id = $1`,
      [renewed.deviceId],
    );
    await refusedEverywhere(renewed, 'device_expired');

    // Revocation by the admin command (a third process): refused by both.
    const revoked = await enroll(hqs[1]!, 'MP-REV', DIRECTORY);
    await trustedEverywhere(revoked);
    const cli = await hqCli(main, { ...env, DATA_DIR: dataDirs[0]! }, 'revoke', '--device', revoked.deviceId);
    expect(cli.status).toBe(0);
    await refusedEverywhere(revoked, 'device_revoked');
  });
});
