// `npm run bench:console`: the HQ console's register at a million complaints (issue 14). Measures and prints;
// never passes or fails. For each database (PostgreSQL 15 in a private cluster, then the embedded PGlite at a
// smaller size — BENCH_PGLITE_COMPLAINTS — since PGlite runs one statement at a time in WebAssembly):
//   1. HQ (the production bundle) creates its schema; branches and two console users come from its CLI.
//   2. BENCH_COMPLAINTS complaints over 8 branches in four countries and five languages are written the way
//      HQ stores them (record + the console's columns from the shared rule), indexes rebuilt, ANALYZE.
//   3. Each probe is an HTTP request to HQ with a signed-in session (authentication and scope included),
//      BENCH_RUNS times after 3 warm-ups: median and p95. Then EXPLAIN of the register's own SQL.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { build } from 'vite';
import { startHostSpeed } from '../scripts/host-speed.mjs';
import { startPostgres } from '../tests/postgres.mjs';

const root = join(import.meta.dirname, '..');
const SIZE = Number(process.env.BENCH_COMPLAINTS ?? 1_000_000);
const PGLITE_SIZE = Number(process.env.BENCH_PGLITE_COMPLAINTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const DBS = (process.env.BENCH_DB ?? 'postgresql,pglite').split(',');
const BRANCHES = [
  ['MSK-01', 'RU', 'Europe/Moscow'],
  ['SPB-02', 'RU', 'Europe/Moscow'],
  ['EKB-03', 'RU', 'Asia/Yekaterinburg'],
  ['KYV-01', 'UA', 'Europe/Kyiv'],
  ['LVV-02', 'UA', 'Europe/Kyiv'],
  ['PRG-01', 'CZ', 'Europe/Prague'],
  ['BRN-02', 'CZ', 'Europe/Prague'],
  ['SEL-01', 'KR', 'Asia/Seoul'],
];

const say = (line) => console.log(`[bench:console] ${line}`);

if (
  spawnSync('npx', ['vite', 'build', '--config', 'vite.hq.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  }).status !== 0
)
  throw new Error('HQ build failed');
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: 'bench/console/seed.ts',
    outDir: 'dist/bench-console',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: { output: { format: 'esm', entryFileNames: 'seed.mjs' } },
  },
});
const { seedComplaints, listComplaints, RARE_WORD } = await import(join(root, 'dist/bench-console/seed.mjs'));
const main = join(root, 'dist/hq/main.mjs');

async function startHq(env) {
  const dataDir = mkdtempSync(join(tmpdir(), 'otklik-bench-console-'));
  const port = 4600 + Math.floor(Math.random() * 300);
  const fullEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, MAIL_POLL_MS: '600000', ...env };
  const child = spawn(process.execPath, [main, 'serve'], {
    cwd: root,
    env: fullEnv,
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
  const cli = (...args) => {
    const r = spawnSync(process.execPath, [main, ...args], { cwd: root, env: fullEnv, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    cli,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A console user made with the CLI, its password set through the printed link, signed in. */
async function consoleSession(hq, role, extra = []) {
  const email = `${role}.bench@example.com`;
  const out = hq.cli('user', 'add', '--email', email, '--name', `Bench ${role}`, '--role', role, ...extra);
  const token = /set-password\/(\S+)/.exec(out)[1];
  const headers = { 'content-type': 'application/json', origin: hq.url };
  const password = 'bench password 123';
  await fetch(`${hq.url}/v1/console/password`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ token, password }),
  });
  const res = await fetch(`${hq.url}/v1/console/session`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${res.status}`);
  const cookie = res.headers.getSetCookie()[0].split(';')[0];
  const { user } = await res.json();
  return { cookie, user };
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function probe(hq, session, name, path) {
  const once = async () => {
    const t = performance.now();
    const res = await fetch(hq.url + path, { headers: { cookie: session.cookie } });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`${name}: ${res.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - t, body };
  };
  for (let i = 0; i < 3; i++) await once();
  const times = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    last = await once();
    times.push(last.ms);
  }
  times.sort((a, b) => a - b);
  const rows = last.body.items?.length ?? last.body.branches?.length ?? 0;
  console.log(
    `  ${name.padEnd(46)} median ${quantile(times, 0.5).toFixed(1).padStart(7)} ms   p95 ${quantile(times, 0.95).toFixed(1).padStart(7)} ms   rows ${rows}`,
  );
  return last.body;
}

/** The register's own SQL (hq/console/list.ts), EXPLAINed: which indexes the planner uses. */
async function explain(pool, principal, label, query) {
  const plans = [];
  /** Runs `sql` on `db`, EXPLAINed unless it is a transaction or setting statement, or the branch lookup. */
  const explained = async (db, sql, params) => {
    if (/^(SELECT id FROM branches|SELECT count\(\*\)|BEGIN|COMMIT|ROLLBACK|SET )/.test(sql))
      return db.query(sql, params);
    const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF, SUMMARY ON) ${sql}`, params);
    plans.push(rows.map((r) => r['QUERY PLAN']));
    return { rows: [] };
  };
  const explaining = {
    query: (sql, params) => explained(pool, sql, params),
    // The register reads in one transaction (hq/db/database.ts inTransaction): a client of its own.
    connect: async () => {
      const client = await pool.connect();
      return { query: (sql, params) => explained(client, sql, params), release: () => client.release() };
    },
  };
  await listComplaints(explaining, principal, { sort: 'registered', limit: 50, ...query });
  const lines = plans.flat();
  const nodes = lines
    .filter((l) => /Index|Seq Scan|Bitmap|Execution Time/.test(l))
    .map((l) =>
      l.trim().replace(/\s+\(.*$/, (m) => (m.includes('actual') ? m.replace(/\(cost=[^)]*\)\s*/, '') : m)),
    );
  console.log(`  EXPLAIN ${label}:`);
  for (const n of [...new Set(nodes)].slice(0, 8)) console.log(`      ${n}`);
}

async function seed(pool, hq, size, ownerId) {
  const branches = (await pool.query('SELECT id, code, country, time_zone FROM branches ORDER BY id')).rows;
  // Bulk load as a restore does it: the console's indexes are dropped, the rows written, the same indexes
  // built again (their definitions are read from the database, so they are exactly migration 005's).
  const { rows: defs } = await pool.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'complaints' AND indexname LIKE 'complaints\\_%' AND indexname <> 'complaints_pkey' AND indexname <> 'complaints_number_key'`,
  );
  for (const d of defs) await pool.query(`DROP INDEX ${d.indexname}`);
  const t0 = performance.now();
  let shown = 0;
  await seedComplaints(
    pool,
    { branches, count: size, now: new Date(), years: 3, ownerId, batch: 2000 },
    (done) => {
      if (done - shown >= size / 10 || done === size) {
        shown = done;
        say(`  seeded ${done} complaints (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
    },
  );
  const t1 = performance.now();
  for (const d of defs) await pool.query(d.indexdef);
  await pool.query('VACUUM ANALYZE complaints');
  say(
    `  seeding ${((t1 - t0) / 1000).toFixed(0)} s, indexes and ANALYZE ${((performance.now() - t1) / 1000).toFixed(0)} s`,
  );
}

async function run(kind) {
  const size = kind === 'pglite' ? PGLITE_SIZE : SIZE;
  say(`${kind}: ${size} complaints over ${BRANCHES.length} branches`);
  let postgres;
  let env = {};
  if (kind === 'postgresql') {
    postgres = await startPostgres({ durable: true });
    env = { DATABASE_URL: postgres.url };
  }
  const hq = await startHq(env);
  try {
    for (const [code, country, zone] of BRANCHES)
      hq.cli(
        'directory',
        '--branch',
        code,
        '--name',
        `Bench ${code}`,
        '--country',
        country,
        '--time-zone',
        zone,
      );
    const head = await consoleSession(hq, 'head_of_sales');
    const manager = await consoleSession(hq, 'manager', ['--branches', 'MSK-01']);
    const connection =
      kind === 'postgresql'
        ? { connectionString: postgres.url }
        : {
            host: JSON.parse(readFileSync(join(hq.dataDir, 'hq-embedded.lock'), 'utf8')).socketDir,
            port: 5432,
            user: 'postgres',
            database: 'postgres',
          };
    const pool = new pg.Pool({ ...connection, max: 1 });
    await seed(pool, hq, size, head.user.id);
    const { rows: size_ } = await pool.query(
      `SELECT pg_size_pretty(pg_total_relation_size('complaints')) AS s`,
    );
    say(`  complaints table with its indexes: ${size_[0].s}`);

    const q = (s) => encodeURIComponent(s);
    const first = await probe(hq, head, 'list, first page (head of sales, all)', '/v1/console/complaints');
    await probe(hq, manager, 'list, first page (manager of MSK-01)', '/v1/console/complaints');
    await probe(hq, head, 'list, sort by due', '/v1/console/complaints?sort=due');
    await probe(hq, head, 'filter status=in_review', '/v1/console/complaints?status=in_review');
    await probe(
      hq,
      head,
      'filter branch=PRG-01&status=registered',
      '/v1/console/complaints?branch=PRG-01&status=registered',
    );
    await probe(
      hq,
      head,
      'filter category+severity (critical delivery)',
      '/v1/console/complaints?category=delivery&severity=critical',
    );
    await probe(hq, head, 'filter due=overdue', '/v1/console/complaints?due=overdue');
    await probe(hq, head, 'filter due=soon', '/v1/console/complaints?due=soon');
    await probe(hq, head, 'filter escalated=true', '/v1/console/complaints?escalated=true');
    await probe(hq, head, 'filter owner=me', '/v1/console/complaints?owner=me');
    await probe(hq, head, 'keyset: second page', `/v1/console/complaints?cursor=${first.nextCursor}`);
    // A cursor half-way down the register (found with OFFSET once, untimed): the page after it.
    const { rows: mid } = await pool.query(
      `SELECT id, registered_at FROM complaints WHERE NOT health_safety ORDER BY registered_at DESC, id DESC OFFSET $1 LIMIT 1`,
      [Math.floor(size / 2)],
    );
    const deep = Buffer.from(
      JSON.stringify({ s: 'registered', h: false, k: mid[0].registered_at, i: mid[0].id }),
    ).toString('base64url');
    await probe(
      hq,
      head,
      `keyset: the page after row ${Math.floor(size / 2)}`,
      `/v1/console/complaints?cursor=${deep}`,
    );
    await probe(hq, head, 'search a common word (ru «жалоба»)', `/v1/console/complaints?q=${q('жалоба')}`);
    await probe(
      hq,
      head,
      `search a rare word (ru «${RARE_WORD}»)`,
      `/v1/console/complaints?q=${q(RARE_WORD)}`,
    );
    await probe(
      hq,
      head,
      'search Cyrillic, ё as е («семен елкин»)',
      `/v1/console/complaints?q=${q('семен елкин')}`,
    );
    await probe(hq, head, 'search Ukrainian («ґудзик»)', `/v1/console/complaints?q=${q('ґудзик')}`);
    await probe(
      hq,
      head,
      'search Czech with diacritics («žluťoučký»)',
      `/v1/console/complaints?q=${q('žluťoučký')}`,
    );
    await probe(
      hq,
      head,
      'search Czech without («zlutoucky kun»)',
      `/v1/console/complaints?q=${q('zlutoucky kun')}`,
    );
    await probe(hq, head, 'search Korean («고객»)', `/v1/console/complaints?q=${q('고객')}`);
    await probe(
      hq,
      head,
      'search + filter («чайник», closed)',
      `/v1/console/complaints?q=${q('чайник')}&status=closed`,
    );
    await probe(
      hq,
      manager,
      'search, manager of MSK-01 («чайник»)',
      `/v1/console/complaints?q=${q('чайник')}`,
    );
    const phone = `916 ${String(1_000_000 + Math.floor(size / 3)).slice(-7)}`;
    await probe(hq, head, `search a phone number («${phone}»)`, `/v1/console/complaints?q=${q(phone)}`);
    await probe(hq, head, 'queues (head of sales)', '/v1/console/queues');
    await probe(hq, manager, 'queues (manager of MSK-01)', '/v1/console/queues');

    const all = { user: head.user, branchIds: [], scope: { kind: 'all' } };
    const branchIds = (await pool.query(`SELECT id FROM branches WHERE code = 'MSK-01'`)).rows.map((r) =>
      Number(r.id),
    );
    const mgr = { user: manager.user, branchIds, scope: { kind: 'branches', branchCodes: ['MSK-01'] } };
    await explain(pool, all, 'list, first page', {});
    await explain(pool, mgr, 'list, manager of MSK-01', {});
    await explain(pool, all, 'status=in_review', { status: ['in_review'] });
    await explain(pool, all, 'due=overdue', { due: 'overdue' });
    await explain(pool, all, 'search «žluťoučký»', { q: 'žluťoučký' });
    await explain(pool, all, `search «${RARE_WORD}»`, { q: RARE_WORD });
    await pool.end();
  } finally {
    await hq.stop();
    postgres?.stop();
  }
}

const hostSpeed = startHostSpeed();
for (const kind of DBS) await run(kind);
say(hostSpeed());
