// `npm run bench:sync`: sync throughput and HQ under load (issue 5). Measures and prints; never passes or fails.
//  1. The app's sync engine in Chromium drains 1 000 outbox operations (twice: HQ just started, HQ warm) and uploads 50 photos of 2 MB from
//     IndexedDB to a local HQ process (embedded PGlite, as `npm start` runs it; then on PostgreSQL): records/s and photo MB/s,
//     beside a plain fetch PUT of the same Blobs to a raw HTTP server that only writes them to disk.
//  2. 1 000 simulated devices push a batch each, all at once, to HQ on PostgreSQL: p50/p99 latency, errors.
//  3. HQ as one process and as two side by side on one PostgreSQL and one S3 server (sync-scale.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { createServer as createViteServer } from 'vite';
import { diskBrowser } from './browser.mjs';
import { startPostgres } from '../tests/postgres.mjs';
import { registerOp } from './register-op.mjs';
import { startHostSpeed } from '../scripts/host-speed.mjs';

const root = join(import.meta.dirname, '..');
const OPS = Number(process.env.BENCH_OPS ?? 1000);
const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 50);
const PHOTO_BYTES = 2 * 1024 * 1024;
const DEVICES = Number(process.env.BENCH_DEVICES ?? 1000);
const OPS_PER_DEVICE = 5;
/** Photo rounds per database: each uploads a fresh set; the figures are the medians. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** HQ's connection pool for the herd: HQ's own default unless BENCH_HQ_POOL says (issue 17: sized by this). */
const HERD_POOL = process.env.BENCH_HQ_POOL;

if (
  spawnSync('npx', ['vite', 'build', '--config', 'vite.hq.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  }).status !== 0
)
  throw new Error('HQ build failed');

/** dist/hq/main.mjs on a free port; resolves once it listens. */
async function startHq(env) {
  const dataDir = mkdtempSync(join(tmpdir(), 'otklik-bench-hq-'));
  const port = 4390 + Math.floor(Math.random() * 200);
  // BENCH_HQ_PROFILE=<dir>: HQ writes a V8 CPU profile there when it stops (node --cpu-prof).
  const profile = process.env.BENCH_HQ_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_HQ_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, join(root, 'dist/hq/main.mjs'), 'serve'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`HQ exited ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    dataDir,
    cli: (...args) =>
      spawnSync(process.execPath, [join(root, 'dist/hq/main.mjs'), ...args], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir, ...env },
        encoding: 'utf8',
      }).stdout,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The baseline: receives a PUT and writes the bytes to a file; no hashing, no database. Under `/durable/`
 * it also fsyncs the file before answering, as HQ must before it records a photo (R23): that line shows
 * what durability alone costs on this disk.
 */
async function startRawServer() {
  const dir = mkdtempSync(join(tmpdir(), 'otklik-bench-raw-'));
  const server = createServer(async (req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'PUT, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
    if (req.method === 'OPTIONS') return res.writeHead(204).end();
    await pipeline(
      req,
      createWriteStream(join(dir, randomUUID()), { flush: req.url.startsWith('/durable/') }),
    );
    res.writeHead(201).end();
  });
  // As HQ's idle limit: the engine's rounds leave it idle longer than Node's 5 s default, and a request on
  // a connection the server is closing fails.
  server.keepAliveTimeout = 60_000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((r) => server.close(() => rmSync(dir, { recursive: true, force: true }) || r())),
  };
}

async function engineBench(label, env) {
  const hq = await startHq(env);
  const raw = await startRawServer();
  const vite = await createViteServer({
    root,
    configFile: false,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0 },
  });
  await vite.listen();
  // The profile on disk, as on a branch PC (bench/browser.mjs).
  const browser = await diskBrowser();
  try {
    const code = /\b([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})\b/.exec(
      hq.cli('enroll', '--branch', 'MSK-01'),
    )?.[1];
    // A persistent context opens with a blank page: that one.
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.exposeFunction('benchBrowserWrites', browserWrittenBytes);
    // Found once, as for the herd: each reading then walks /proc once for the browser's processes.
    const database = env.DATABASE_URL ? postmasterPid(env.DATABASE_URL) : undefined;
    await page.exposeFunction('benchCpu', () => stepCpu(hq.pid, database));
    await page.goto(`http://127.0.0.1:${vite.httpServer.address().port}/bench/sync/index.html`);
    await page.waitForFunction(() => typeof window.runSyncBench === 'function', null, { timeout: 120_000 });
    const r = await page.evaluate((o) => window.runSyncBench(o), {
      hqUrl: hq.url,
      rawUrl: raw.url,
      code,
      ops: OPS,
      photos: PHOTOS,
      photoBytes: PHOTO_BYTES,
      rounds: ROUNDS,
    });
    const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const mbs = (ms) => r.photoMB / (ms / 1000);
    const ratios = r.photoMs.map((ms, i) => mbs(ms) / mbs(r.rawMs[i]));
    const durableRatios = r.photoMs.map((ms, i) => mbs(ms) / mbs(r.durableMs[i]));
    const photoMs = median(r.photoMs);
    const rawMs = median(r.rawMs);
    const durableMs = median(r.durableMs);
    const hqPutMs = median(r.hqPutMs);
    console.log(
      `\nSync engine in Chromium → local HQ (${label}), ${OPS} operations and ${PHOTOS} photos of 2 MB`,
    );
    const target = label.startsWith('PostgreSQL') ? '5 000' : '2 000';
    for (const [i, d] of r.drains.entries())
      console.log(
        `  drain the outbox, HQ ${i === 0 ? 'just started' : 'warm        '} ${(d.ms / 1000).toFixed(2)} s   ${(OPS / (d.ms / 1000)).toFixed(0)} records/s   (target ≥ ${target}; ${d.pushes} pushes; ${(d.waitMs / 1000).toFixed(2)} s of it waiting for HQ's answers, the rest the engine's own work)`,
      );
    // What the warm drain cost each process: however well the three overlapped, the machine's cores cannot
    // drain faster than its CPU allows.
    const warm = r.drains.at(-1)?.cpu;
    if (warm && warm.browser !== null && warm.hq !== null && warm.database !== null) {
      const perThousand = (s) => (s * 1000) / OPS;
      const total = perThousand(warm.browser + warm.hq);
      const cores = availableParallelism();
      console.log(
        `  CPU of the warm drain     browser ${perThousand(warm.browser).toFixed(2)} s + HQ${env.DATABASE_URL ? '' : ' with PGlite'} ${perThousand(warm.hq - warm.database).toFixed(2)} s${env.DATABASE_URL ? ` + PostgreSQL ${perThousand(warm.database).toFixed(2)} s` : ''} = ${total.toFixed(2)} CPU-s per 1 000 records: ${cores} cores allow at most ${((cores * 1000) / total).toFixed(0)} records/s`,
      );
    }
    console.log(
      `  upload photos (engine)    ${(photoMs / 1000).toFixed(2)} s   ${mbs(photoMs).toFixed(1)} MB/s   (${r.slots} at a time; median of ${ROUNDS} rounds)`,
    );
    console.log(
      `  raw fetch PUT, same bytes ${(rawMs / 1000).toFixed(2)} s   ${mbs(rawMs).toFixed(1)} MB/s   (${r.slots} at a time, as the engine)`,
    );
    console.log(
      `  engine / raw              ${median(ratios).toFixed(2)}× median, rounds ${ratios.map((x) => x.toFixed(2)).join(' ')} (target ≥ 0.8×)`,
    );
    console.log(
      `  raw PUT + fsync           ${(durableMs / 1000).toFixed(2)} s   ${mbs(durableMs).toFixed(1)} MB/s   (the raw server, durable as HQ is)`,
    );
    console.log(
      `  engine / raw + fsync      ${median(durableRatios).toFixed(2)}× median, rounds ${durableRatios.map((x) => x.toFixed(2)).join(' ')} (target ≥ 0.8×)`,
    );
    if (r.writtenBytes.length > 0)
      console.log(
        `  written to disk here      ${(median(r.writtenBytes) / 1e6).toFixed(1)} MB by the browser during the engine's upload (median; rounds ${r.writtenBytes.map((b) => (b / 1e6).toFixed(1)).join(' ')}; the photos, ${r.photoMB.toFixed(0)} MB, were stored before)`,
      );
    // Where the gap is: HQ's share (a plain PUT to HQ against the durable raw one), the engine's share.
    const hqRatios = r.hqPutMs.map((ms, i) => mbs(ms) / mbs(r.durableMs[i]));
    console.log(
      `  plain PUT to HQ           ${(hqPutMs / 1000).toFixed(2)} s   ${mbs(hqPutMs).toFixed(1)} MB/s   (${median(hqRatios).toFixed(2)}× raw + fsync: HQ's share; the rest is the engine's)`,
    );
    // The same three by CPU (the raw server's own is not told: it runs in this process, beside Vite).
    const cpu = (xs, side) => {
      const m = median(xs.map((x) => x[side]).filter((x) => typeof x === 'number'));
      return m === undefined ? 'n/a' : `${m.toFixed(2)} s`;
    };
    if (r.cpu.engine.length > 0)
      console.log(
        `  CPU for the ${PHOTOS} photos      engine: browser ${cpu(r.cpu.engine, 'browser')} + HQ ${cpu(r.cpu.engine, 'hq')}; plain PUT to HQ: browser ${cpu(r.cpu.plain, 'browser')} + HQ ${cpu(r.cpu.plain, 'hq')}; raw PUT: browser ${cpu(r.cpu.raw, 'browser')}   (medians; HQ with its database; what load moves less)`,
      );
  } finally {
    await browser.close();
    await vite.close();
    await raw.stop();
    await hq.stop();
  }
}

const sha256 = (s) => createHash('sha256').update(s).digest('hex');

/** A process's /proc/<pid>/stat fields after its name (which may hold spaces): [0] state, [1] parent pid… */
const procStat = (pid) =>
  readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
/** Clock ticks (1/100 s) of user and system time in a process's stat fields: its own… */
const ownTicks = (f) => Number(f[11]) + Number(f[12]);
/** …and with those of the children it has waited for. */
const withWaitedTicks = (f) => ownTicks(f) + Number(f[13]) + Number(f[14]);

/**
 * CPU seconds (user + system) a process and its children used so far, from /proc (Linux; null elsewhere).
 * The machine is shared: CPU per operation is the figure that load does not move, where latency is.
 */
function cpuSeconds(pid) {
  try {
    let ticks = withWaitedTicks(procStat(pid));
    for (const d of readdirSync('/proc'))
      if (/^\d+$/.test(d))
        try {
          const f = procStat(d);
          if (Number(f[1]) === pid) ticks += ownTicks(f);
        } catch {
          // gone meanwhile
        }
    return ticks / 100;
  } catch {
    return null;
  }
}

/**
 * A figure summed over the browser's processes (this process's descendants running Chromium), each read by
 * `read(pid)` from /proc (Linux only: null elsewhere). A process that ended meanwhile no longer counts.
 */
function overBrowser(read) {
  try {
    const parent = new Map();
    const values = new Map();
    for (const d of readdirSync('/proc'))
      if (/^\d+$/.test(d))
        try {
          const pid = Number(d);
          parent.set(pid, Number(procStat(d)[1]));
          if (/chrom/.test(readFileSync(`/proc/${d}/comm`, 'utf8'))) values.set(pid, read(d));
        } catch {
          // gone meanwhile, or not ours to read
        }
    const mine = (pid) => {
      for (let p = pid; p > 1; p = parent.get(p) ?? 0) if (p === process.pid) return true;
      return false;
    };
    let total = 0;
    for (const [pid, value] of values) if (mine(pid)) total += value;
    return total;
  } catch {
    return null;
  }
}

/**
 * Bytes the browser's processes have caused to be written to storage so far (/proc/<pid>/io
 * `write_bytes`): IndexedDB's writes at the branch. Counted when the pages are dirtied, so a file deleted
 * before it reaches the disk counts too; on a tmpfs temporary folder (where the profile is) nothing counts.
 */
const browserWrittenBytes = () =>
  overBrowser((pid) => Number(/write_bytes: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0));

/**
 * CPU seconds (user + system) the browser's processes and HQ's have used so far, null where /proc cannot
 * tell: what a drain or a photo upload costs the branch PC and HQ, which load moves less than its time. HQ's
 * include its PostgreSQL server's, whose postmaster is `databasePid` (undefined: HQ has none; null: not
 * found), also given alone (`database`; 0 for none).
 */
function stepCpu(hqPid, databasePid) {
  // With the ended children each has waited for: a process that ends during a step still counts, in its
  // parent's figure.
  const browser = overBrowser((pid) => withWaitedTicks(procStat(pid)) / 100);
  const own = cpuSeconds(hqPid);
  const database = databasePid === undefined ? 0 : databasePid && cpuSeconds(databasePid);
  return { browser, hq: own === null || database === null ? null : own + database, database };
}

/** The postmaster of the cluster listening on `url`'s port (its backends are its children). */
function postmasterPid(url) {
  const port = new URL(url).port;
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return null; // no /proc here
  }
  for (const d of entries)
    if (/^\d+$/.test(d))
      try {
        const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
        if (cmd.some((a) => a.endsWith('postgres')) && cmd.includes(`port=${port}`)) return Number(d);
      } catch {
        // gone meanwhile
      }
  return null;
}

async function loadBench() {
  const server = await startPostgres({ durable: true });
  const hq = await startHq({ DATABASE_URL: server.url, ...(HERD_POOL ? { HQ_DB_POOL: HERD_POOL } : {}) });
  try {
    // 1 000 enrolled devices in 50 branches, written straight into HQ's tables (tokens stored as hashes).
    const db = new pg.Client(server.url);
    await db.connect();
    const devices = [];
    for (let b = 0; b < 50; b++) {
      const code = `B${String(b).padStart(2, '0')}-01`;
      const { rows } = await db.query(
        `INSERT INTO branches (code, name, country, time_zone) VALUES ($1, $1, 'RU', 'Europe/Moscow') RETURNING id`,
        [code],
      );
      for (let d = 0; d < DEVICES / 50; d++) {
        const token = randomBytes(32).toString('base64url');
        const id = randomUUID();
        await db.query('INSERT INTO devices (id, branch_id, token_hash) VALUES ($1, $2, $3)', [
          id,
          rows[0].id,
          sha256(token),
        ]);
        devices.push({ id, token, branchCode: code, station: d });
      }
    }
    await db.end();
    let n = 100000;
    const batches = devices.map((d) =>
      JSON.stringify({
        ops: Array.from({ length: OPS_PER_DEVICE }, (_, i) => registerOp(d.branchCode, d.id, i + 1, n++)),
      }),
    );
    const latencies = [];
    let errors = 0;
    const pgPid = postmasterPid(server.url);
    const cpuBefore = [cpuSeconds(hq.pid), pgPid && cpuSeconds(pgPid)];
    const started = performance.now();
    await Promise.all(
      devices.map(async (d, i) => {
        const t = performance.now();
        try {
          const res = await fetch(`${hq.url}/v1/sync/push`, {
            method: 'POST',
            headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/json' },
            body: batches[i],
            signal: AbortSignal.timeout(120_000),
          });
          const body = await res.json();
          if (!res.ok || body.results.some((r) => r.outcome !== 'applied')) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t);
      }),
    );
    const wall = (performance.now() - started) / 1000;
    const cpu = [cpuSeconds(hq.pid), pgPid && cpuSeconds(pgPid)].map((x, i) =>
      x == null || cpuBefore[i] == null ? null : x - cpuBefore[i],
    );
    latencies.sort((a, b) => a - b);
    const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
    console.log(
      `\n${DEVICES} devices push ${OPS_PER_DEVICE} operations each, all at once, to HQ on PostgreSQL 15 (pool ${HERD_POOL ?? 'default'})`,
    );
    console.log(
      `  latency p50 ${q(0.5).toFixed(0)} ms   p99 ${q(0.99).toFixed(0)} ms   max ${latencies.at(-1).toFixed(0)} ms   (target p99 ≤ 1 000 ms)`,
    );
    console.log(
      `  errors ${errors} of ${DEVICES}   wall ${wall.toFixed(1)} s   ${((DEVICES * OPS_PER_DEVICE) / wall).toFixed(0)} operations/s   (target 0 errors, ≥ 5 000 operations/s)`,
    );
    const per1000 = (x) => (x == null ? 'n/a' : `${((x * 1000) / (DEVICES * OPS_PER_DEVICE)).toFixed(2)} s`);
    // However the load is spread, the machine's cores cannot serve more than that CPU allows (the devices'
    // own, in this process, not counted).
    const cores = availableParallelism();
    const ceiling =
      cpu[0] == null || cpu[1] == null
        ? ''
        : `: ${cores} cores allow HQ and PostgreSQL at most ${((cores * DEVICES * OPS_PER_DEVICE) / (cpu[0] + cpu[1])).toFixed(0)} operations/s at that cost`;
    console.log(
      `  CPU per 1 000 operations: HQ ${per1000(cpu[0])}, PostgreSQL ${per1000(cpu[1])}   (what load does not move)${ceiling}`,
    );
  } finally {
    await hq.stop();
    server.stop();
  }
}

const hostSpeed = startHostSpeed();
const parts = (process.env.BENCH_PARTS ?? 'engine,load,scale').split(',');
const databases = (process.env.BENCH_DATABASES ?? 'pglite,postgresql').split(',');
if (parts.includes('engine')) {
  if (databases.includes('pglite')) await engineBench('embedded PGlite, as npm start runs it', {});
  if (databases.includes('postgresql')) {
    const server = await startPostgres({ durable: true });
    try {
      await engineBench('PostgreSQL 15, fsync on', { DATABASE_URL: server.url });
    } finally {
      server.stop();
    }
  }
}
if (parts.includes('load')) await loadBench();
if (parts.includes('scale')) await (await import('./sync-scale.mjs')).scaleBench();
console.log(`\n${hostSpeed()}`);
