import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../../hq/app';
import { FileBlobStore } from '../../../hq/blobs/fs-store';
import { openDatabase } from '../../../hq/db/database';
import { HQ_PATHS, type PullResponse, type PushResponse } from '../../../shared/sync/protocol';
import { postgresBin, startPostgres } from '../../postgres.mjs';
import { call, enroll, op, registration, type RunningHq, type TestDevice } from '../harness';
import { freshDatabase } from '../hq-process';
import { DIRECTORY, pushEntry, sha, smtpTo, startSmtp, uploadPages, workerFor } from '../mail-fixtures';

/**
 * Issue 17, README "Deployment": what to back up and how to restore, tested. HQ's PostgreSQL database is
 * dumped with pg_dump, then its photos directory copied (in that order: every photo the dump records is
 * in the copy); both are restored into a fresh PostgreSQL cluster and a fresh DATA_DIR, HQ starts on
 * them, and the branch carries on syncing as if nothing happened: nothing applied twice, nothing lost.
 */

/** HQ as `serve` runs it, on the given database and data directory (no mail worker: started below). */
async function serveOn(databaseUrl: string, dataDir: string): Promise<RunningHq> {
  const db = await openDatabase({ databaseUrl, dataDir });
  const blobs = new FileBlobStore(join(dataDir, 'photos'));
  await blobs.init();
  const app = buildApp({ db, blobs, maxPhotoBytes: 8 << 20, branchPhotoQuotaBytes: 0 });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    db,
    dataDir,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}:\n${result.stderr}`);
}

describe('backup and restore of HQ on PostgreSQL', { timeout: 180_000 }, () => {
  const dirs: string[] = [];
  const dir = (name: string) => {
    const d = mkdtempSync(join(tmpdir(), `otklik-${name}-`));
    dirs.push(d);
    return d;
  };
  let source: Awaited<ReturnType<typeof freshDatabase>>;
  let target: Awaited<ReturnType<typeof startPostgres>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const running: RunningHq[] = [];

  beforeAll(async () => {
    [source, target, smtp] = await Promise.all([
      freshDatabase(inject('postgresUrl'), 'backup'),
      startPostgres(),
      startSmtp(),
    ]);
  });
  afterAll(async () => {
    await Promise.all(running.map((h) => h.close()));
    await source?.drop();
    target?.stop();
    await smtp?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const push = async (hq: RunningHq, d: TestDevice, ops: ReturnType<typeof op>[]) => {
    const res = await call(hq, d, HQ_PATHS.push, { method: 'POST', body: JSON.stringify({ ops }) });
    expect(res.status).toBe(200);
    return ((await res.json()) as PushResponse).results;
  };
  async function pullFrom(hq: RunningHq, d: TestDevice, from: number) {
    const changes: PullResponse['changes'] = [];
    let cursor = from;
    for (;;) {
      const page = (await (await call(hq, d, `${HQ_PATHS.pull}?cursor=${cursor}`)).json()) as PullResponse;
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.more || page.changes.length === 0) return { changes, cursor };
    }
  }

  it('pg_dump + the photos, restored into a fresh cluster: the branch resumes, nothing twice, nothing lost', async () => {
    const bin = postgresBin()!;
    // Before: a branch has pushed complaints and a feedback-book entry with its photos, and pulled.
    const before = await serveOn(source.url, dir('hq-before'));
    running.push(before);
    const d = await enroll(before, 'BK-01', DIRECTORY);
    const first = Array.from({ length: 5 }, () => op(d, 'complaint.register', registration(d.branchCode)));
    expect((await push(before, d, first)).map((r) => r.outcome)).toEqual(first.map(() => 'applied'));
    const entry = await pushEntry(before, d, { pages: 2 });
    await uploadPages(before, d, entry.pages);
    const { cursor } = await pullFrom(before, d, 0);

    // The backup: the database first, then the photos.
    const backup = dir('backup');
    run(join(bin, 'pg_dump'), ['--format=custom', `--file=${join(backup, 'hq.dump')}`, source.url]);
    cpSync(join(before.dataDir, 'photos'), join(backup, 'photos'), { recursive: true });

    // The machine is lost. A fresh cluster gets the dump, a fresh DATA_DIR the photos.
    await before.close();
    running.splice(running.indexOf(before), 1);
    const admin = new pg.Client(target.url);
    await admin.connect();
    await admin.query('CREATE DATABASE hq');
    await admin.end();
    const restoredUrl = target.url.replace(/\/postgres$/, '/hq');
    run(join(bin, 'pg_restore'), ['--no-owner', `--dbname=${restoredUrl}`, join(backup, 'hq.dump')]);
    const dataDir = dir('hq-after');
    cpSync(join(backup, 'photos'), join(dataDir, 'photos'), { recursive: true });
    const after = await serveOn(restoredUrl, dataDir);
    running.push(after);

    // The branch does not know: its token still works, it repeats its last batch (the answer was lost)…
    expect((await push(after, d, entry.ops)).map((r) => r.outcome)).toEqual(entry.ops.map(() => 'applied'));
    // …and goes on with new work, and its photos are there (it asks before sending one again).
    const next = Array.from({ length: 3 }, () => op(d, 'complaint.register', registration(d.branchCode)));
    expect((await push(after, d, next)).map((r) => r.outcome)).toEqual(next.map(() => 'applied'));
    for (const page of entry.pages)
      expect((await call(after, d, HQ_PATHS.photo(sha(page)), { method: 'HEAD' })).status).toBe(200);

    // Nothing applied twice, nothing lost, no gap in the device's sequence; the pull goes on where it was.
    const n = async (sql: string) => Number((await after.db.pool.query(sql)).rows[0].n);
    expect(await n('SELECT count(*) AS n FROM complaints')).toBe(5 + 1 + 3);
    expect(await n('SELECT count(*) AS n FROM ops')).toBe(d.seq);
    expect(await n('SELECT count(DISTINCT device_seq) AS n FROM ops')).toBe(d.seq);
    expect(await n('SELECT count(*) AS n FROM incidents')).toBe(0);
    const resumed = await pullFrom(after, d, cursor);
    expect(resumed.cursor).toBeGreaterThan(cursor);
    expect(
      resumed.changes
        .filter((c) => c.kind === 'complaint')
        .map((c) => c.kind === 'complaint' && c.complaint.id),
    ).toEqual(next.map((o) => (o.payload as ReturnType<typeof registration>).complaint.id));

    // The entry's e-mail, still to be sent, goes out with the restored photos.
    const worker = workerFor(after, smtpTo(smtp.url));
    await worker.runOnce();
    await smtp.waitFor(1);
    expect(smtp.received[0]!.attachments.map((a) => sha(a.content))).toEqual(entry.pages.map(sha));
  });
});
