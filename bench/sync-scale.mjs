// `npm run bench:sync`, part "scale" (issue 17): HQ on one process and on two, side by side on one PostgreSQL
// database and one S3-compatible server, as behind a load balancer. Devices push batches and upload photos
// of 2 MB to the processes in turn; the figures are push records/s and photo MB/s, and 2 processes ÷ 1.
// Measures and prints; never passes or fails. Run by bench/sync.mjs after it built dist/hq/main.mjs.
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startPostgres } from '../tests/postgres.mjs';
import { registerOp } from './register-op.mjs';

const root = join(import.meta.dirname, '..');
const DEVICES = Number(process.env.BENCH_SCALE_DEVICES ?? 40);
const BATCHES = Number(process.env.BENCH_SCALE_BATCHES ?? 5);
const OPS_PER_BATCH = 20;
const PHOTOS = Number(process.env.BENCH_SCALE_PHOTOS ?? 40);
const PHOTO_BYTES = 2 * 1024 * 1024;
/** Photos in flight at once, in all: 3 per branch PC, a few PCs at a time. */
const PHOTO_SLOTS = 6;

const sha256 = (b) => createHash('sha256').update(b).digest('hex');

/** A child process that prints one line matching `pattern` once it is ready. */
function child(args, env, pattern) {
  const proc = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (c) => {
      out += c;
      const match = pattern.exec(out);
      if (match) resolve(match);
    });
    proc.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}:\n${out}`)));
  });
  return {
    ready,
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

async function startHq(env) {
  const dataDir = mkdtempSync(join(tmpdir(), 'otklik-bench-scale-'));
  const hq = child(
    [join(root, 'dist/hq/main.mjs'), 'serve'],
    // The AWS SDK's notice that its releases after January 2027 need Node 22 (README, "Deployment"):
    // once per process, three times between the figures otherwise.
    { PORT: '0', DATA_DIR: dataDir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    /listening on (http:\/\/\S+) /,
  );
  const [, url] = await hq.ready;
  return {
    url,
    async stop() {
      await hq.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Devices of 10 branches, written straight into HQ's tables (tokens stored as hashes). */
async function seedDevices(url) {
  const db = new pg.Client(url);
  await db.connect();
  const devices = [];
  for (let b = 0; b < 10; b++) {
    const code = `S${String(b).padStart(2, '0')}-01`;
    const { rows } = await db.query(
      `INSERT INTO branches (code, name, country, time_zone) VALUES ($1, $1, 'RU', 'Europe/Moscow') RETURNING id`,
      [code],
    );
    for (let d = 0; d < DEVICES / 10; d++) {
      const token = randomBytes(32).toString('base64url');
      const id = randomUUID();
      await db.query('INSERT INTO devices (id, branch_id, token_hash) VALUES ($1, $2, $3)', [
        id,
        rows[0].id,
        sha256(token),
      ]);
      devices.push({ id, token, branchCode: code });
    }
  }
  await db.end();
  return devices;
}

async function measure(hqs, devices) {
  // Push: every device sends its batches one after another, all devices at once, to the processes in turn.
  let n = 100000;
  const batches = devices.map((d) =>
    Array.from({ length: BATCHES }, (_, b) =>
      JSON.stringify({
        ops: Array.from({ length: OPS_PER_BATCH }, (_, i) =>
          registerOp(d.branchCode, d.id, b * OPS_PER_BATCH + i + 1, n++),
        ),
      }),
    ),
  );
  let errors = 0;
  let started = performance.now();
  await Promise.all(
    devices.map(async (d, i) => {
      for (let b = 0; b < BATCHES; b++) {
        const res = await fetch(`${hqs[(i + b) % hqs.length].url}/v1/sync/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/json' },
          body: batches[i][b],
        });
        const body = await res.json();
        if (!res.ok || body.results.some((r) => r.outcome !== 'applied')) errors++;
      }
    }),
  );
  const records = (devices.length * BATCHES * OPS_PER_BATCH) / ((performance.now() - started) / 1000);

  // Photos: fresh 2 MB photos, PHOTO_SLOTS in flight, to the processes in turn.
  const photos = Array.from({ length: PHOTOS }, () => randomBytes(PHOTO_BYTES));
  let next = 0;
  started = performance.now();
  await Promise.all(
    Array.from({ length: PHOTO_SLOTS }, async () => {
      while (next < photos.length) {
        const i = next++;
        const d = devices[i % devices.length];
        const res = await fetch(`${hqs[i % hqs.length].url}/v1/photos/${sha256(photos[i])}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/octet-stream' },
          body: photos[i],
        });
        await res.arrayBuffer();
        if (res.status !== 201) errors++;
      }
    }),
  );
  const mbs = (PHOTOS * PHOTO_BYTES) / 1e6 / ((performance.now() - started) / 1000);
  return { records, mbs, errors };
}

export async function scaleBench() {
  const server = await startPostgres({ durable: true });
  const s3 = child([join(root, 'tests/s3.mjs')], {}, /^(\{.*\})$/m);
  try {
    const { env: s3env } = JSON.parse((await s3.ready)[1]);
    const results = {};
    for (const count of [1, 2]) {
      const admin = new pg.Client(server.url);
      await admin.connect();
      await admin.query(`CREATE DATABASE scale${count}`);
      await admin.end();
      const url = server.url.replace(/\/postgres$/, `/scale${count}`);
      const env = {
        DATABASE_URL: url,
        ...s3env,
        S3_PREFIX: `run${count}/`,
        HQ_DB_POOL: '10',
        HQ_RATE_DEVICE_PER_MINUTE: '1000000',
        HQ_BRANCH_PHOTO_QUOTA_BYTES: '0',
      };
      // One first, to apply the migrations; then the second beside it.
      const hqs = [await startHq(env)];
      if (count === 2) hqs.push(await startHq(env));
      try {
        const devices = await seedDevices(url);
        results[count] = await measure(hqs, devices);
      } finally {
        await Promise.all(hqs.map((h) => h.stop()));
      }
    }
    const [one, two] = [results[1], results[2]];
    console.log(
      `\nHQ processes side by side on one PostgreSQL 15 and one S3 server (s3rver), ${DEVICES} devices pushing ` +
        `${BATCHES} × ${OPS_PER_BATCH} ops, ${PHOTOS} photos of 2 MB (${PHOTO_SLOTS} at a time)`,
    );
    for (const [label, r] of [
      ['1 process  ', one],
      ['2 processes', two],
    ])
      console.log(
        `  ${label}   push ${r.records.toFixed(0)} records/s   photos ${r.mbs.toFixed(1)} MB/s   errors ${r.errors}`,
      );
    console.log(
      `  2 ÷ 1         push ${(two.records / one.records).toFixed(2)}×   photos ${(two.mbs / one.mbs).toFixed(2)}×` +
        '   (one machine of 2 cores runs both, the database, the S3 server and the clients)',
    );
  } finally {
    await s3.stop();
    server.stop();
  }
}
