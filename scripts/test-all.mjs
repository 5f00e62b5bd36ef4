// `npm test`: every check and every suite, then one closing line "N passed, N failed" that sums them all.
// A check (format, types, lint, build) counts as one; vitest and Playwright count their tests, per project,
// against the floors in tests/floors.json. Independent steps run side by side in lanes (below); each step's
// output is kept and printed as one block when it ends, and the summary gives every step's time.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { delimiter, join } from 'node:path';
import { memoryTmpDir } from './memory-tmpdir.mjs';
import { ensureChromium, ensureDependencies, ensurePostgres, root, say } from './setup.mjs';
import { waitForSystemPackages } from './system-packages.mjs';
import { testChromiumPath } from '../tests/chromium.mjs';
import { postgresBin } from '../tests/postgres.mjs';
import { startHostSpeed } from './host-speed.mjs';
import { closingLine, playwrightRows, row, rowFailed, skippedLine, vitestRows } from './test-report.mjs';

await ensureDependencies();
/**
 * Chromium's headless shell and PostgreSQL: here, before anything; in CI, while the first steps run
 * (.ci/run installs them with apt-get and names the file it writes when done: scripts/system-packages.mjs).
 * Only the suites wait for them: the unit suite (its `chromium` project), the integration suite
 * (PostgreSQL) and the browser suite. Resolves to whether they are there.
 */
const pendingPackages = process.env.OTKLIK_SYSTEM_PACKAGES_PENDING;
if (!pendingPackages) {
  ensureChromium();
  if (!process.env.OTKLIK_TEST_DATABASE_URL) ensurePostgres();
}
/** apt-get's time, for the summary, once CI's install has ended. */
let packagesTime;
/** Set by Ctrl+C: a suite still waiting for the packages does not start. */
let interrupted = false;
const systemPackages = pendingPackages
  ? waitForSystemPackages(pendingPackages, {
      pid: Number(process.env.OTKLIK_SYSTEM_PACKAGES_PID) || undefined,
    }).then(({ ok, status, seconds, why }) => {
      packagesTime = seconds;
      const there =
        existsSync(testChromiumPath()) && Boolean(process.env.OTKLIK_TEST_DATABASE_URL || postgresBin());
      if (!ok || !there) {
        const log = process.env.OTKLIK_SYSTEM_PACKAGES_LOG;
        say(
          `apt-get install of the system packages failed (${why ?? (ok ? 'Chromium or PostgreSQL still missing' : `exit status ${status}`)}): the suites that need them do not run` +
            (log && existsSync(log) ? `\n${readFileSync(log, 'utf8')}` : ''),
        );
        return false;
      }
      say(`system packages installed by apt-get in ${seconds} s, beside the first steps`);
      return true;
    })
  : Promise.resolve(true);

const posix = process.platform !== 'win32';
const results = join(root, '.ci-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const floors = JSON.parse(readFileSync(join(root, 'tests', 'floors.json'), 'utf8'));
/**
 * The project's tools and npm scripts are run as npm runs them, without npm: `npx` and `npm run` each start
 * a Node process of their own before the tool's, 0.35 and 0.15 CPU-s a time on the two-core machine (issue
 * 17 item 5: CI time). The scripts' commands find the tools in node_modules/.bin, as under npm.
 */
const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
const npmScript = (name) => (posix ? ['bash', ['-c', scripts[name]]] : ['npm', ['run', '--silent', name]]);
const tool = (name, args) => (posix ? [name, args] : ['npx', [name, ...args]]);
const baseEnv = {
  ...process.env,
  ...(posix ? { PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}` } : {}),
  OTKLIK_RESULTS_DIR: results,
  // Output is collected, not shown on a terminal: keep the colours when this run itself is on one.
  ...(process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}),
};

/** @type {Array<{ name: string, ms: number, cpu?: number, rows: import('./test-report.mjs').Row[], tests: boolean }>} */
const steps = [];
/**
 * The host's speed at the start and at the end (scripts/host-speed.mjs): half a second each, outside the
 * run's wall time and the machine's CPU count, and before Ctrl+C is handled (the steps are not started yet).
 */
const hostSpeed = startHostSpeed();
const startedAt = Date.now();

/** The steps' processes still running. */
const running = new Set();
/**
 * Ctrl+C reaches the steps too (the terminal signals the whole process group), and each stops and cleans
 * up after itself: the integration suite stops its PostgreSQL server, which lives in a memory folder. The
 * run waits for them, up to 30 s, then exits; the memory folders go at exit (memory-tmpdir.mjs). Node's
 * default would end the run at once, before its exit handlers, and leave the folders behind. A second
 * Ctrl+C leaves without waiting.
 */
process.once('SIGINT', () => {
  interrupted = true;
  console.error(
    `\n[otklik] interrupted: waiting for ${running.size} step(s) to stop (Ctrl+C again to leave now)`,
  );
  process.once('SIGINT', () => process.exit(130));
  setTimeout(() => process.exit(130), 30_000);
  Promise.all([...running].map((child) => new Promise((resolve) => child.once('exit', resolve)))).then(() =>
    process.exit(130),
  );
});
/**
 * The whole machine's busy CPU time so far (Linux: /proc/stat, in clock ticks of 1/100 s). `times` misses
 * what a step's processes did not wait for: Chromium's renderers and GPU process, PostgreSQL's server. Over
 * an e2e run alone, sampling /proc counted about twice the CPU `times` gave (issue 17 item 5).
 */
const machineCpu = () => {
  try {
    const [, ...t] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal; steal: time the host gave to other machines while
    // this one had work, a sign of a loaded host (runs then take longer for the same CPU time).
    return { busy: (t[0] + t[1] + t[2] + t[5] + t[6]) * 10, steal: (t[7] ?? 0) * 10 };
  } catch {
    return undefined;
  }
};
const machineCpuAtStart = machineCpu();
const seconds = (ms) => (ms / 1000).toFixed(1);

/**
 * The checks run at a lower CPU priority (`nice`): they have no time limits, while the test suites wait
 * against theirs, so on two cores the suites keep the processor when they need it and the checks use what
 * they leave.
 */
const background = new Set(['format', 'typecheck', 'lint']);
/** bash's `times` after the command: the CPU time of everything it ran (a figure that load does not skew). */
const CPU_TIMES = 'nice -n "$0" "$@"; status=$?; times >&3; exit $status';

/** "0m12.345s" → seconds. */
const parseTime = (t) => {
  const m = /(\d+)m([\d.]+)s/.exec(t);
  return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
};

/** Runs a command with its output collected; prints it as one block when it ends. */
function exec(name, [command, args], env = {}, display = `${command} ${args.join(' ')}`) {
  const started = Date.now();
  const nice = background.has(name) ? '10' : '0';
  const [cmd, ...rest] = posix ? ['bash', '-c', CPU_TIMES, nice, command, ...args] : [command, ...args];
  const folders = Object.entries(env)
    .filter(([key]) => key.endsWith('TMPDIR'))
    .map(([key, value]) => `${key}=${value} `)
    .join('');
  const shown = `${folders}${nice !== '0' ? `nice -n ${nice} ` : ''}${display}`;
  return new Promise((resolve) => {
    const child = spawn(cmd, rest, {
      cwd: root,
      env: { ...baseEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    running.add(child);
    child.once('exit', () => running.delete(child));
    const chunks = [];
    let times = '';
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.stdio[3]?.on('data', (c) => (times += c));
    let finished = false;
    let orphans;
    const done = (status, error) => {
      if (finished) return;
      finished = true;
      clearTimeout(orphans);
      const time = Date.now() - started;
      // The second line of `times`: user and system time of the command and everything it waited for.
      const [user, sys] = (times.trim().split('\n')[1] ?? '').split(/\s+/);
      const cpu = user ? (parseTime(user) + parseTime(sys ?? '')) * 1000 : undefined;
      const output = Buffer.concat(chunks).toString().trimEnd();
      const cpuText = cpu === undefined ? '' : `, CPU ${seconds(cpu)} s`;
      console.log(
        `\n[otklik] ── ${name}: ${shown} (${status === 0 ? 'ok' : 'FAILED'}, ${seconds(time)} s${cpuText})`,
      );
      if (output) console.log(output);
      if (error) console.log(`[otklik] ${name}: ${error.message}`);
      resolve({ status, time, cpu });
    };
    child.on('error', (error) => done(1, error));
    child.on('close', (code) => done(code ?? 1));
    // A process the step left behind (a server it started) may hold its output open: do not wait for it.
    child.on('exit', (code) => (orphans = setTimeout(() => done(code ?? 1), 10_000)));
  });
}

async function check(name, [command, args], display) {
  const { status, time, cpu } = await exec(name, [command, args], {}, display);
  const ok = status === 0;
  steps.push({ name, ms: time, cpu, tests: false, rows: [row(name, ok ? { passed: 1 } : { failed: 1 })] });
  return ok;
}

/** A vitest run of the given projects; rows per project from scripts/vitest-summary.mjs. */
async function vitest(name, projects, extra = [], env = {}) {
  const file = join(results, `${name}.json`);
  const args = ['run', ...projects.flatMap((p) => ['--project', p]), ...extra];
  args.push('--reporter=default', '--reporter=./scripts/vitest-summary.mjs');
  const { status, time, cpu } = await exec(name, tool('vitest', args), {
    ...env,
    OTKLIK_VITEST_SUMMARY: file,
  });
  let rows;
  if (existsSync(file)) {
    rows = vitestRows(JSON.parse(readFileSync(file, 'utf8')), projects, floors.vitest ?? {}, name);
    // A non-zero exit with every test green still means something failed (e.g. an error outside a test).
    if (status !== 0 && !rows.some(rowFailed)) rows[0].problems.push(`vitest exited with ${status}`);
  } else rows = [row(name, { failed: 1, problems: ['no report: vitest crashed before reporting'] })];
  steps.push({ name, ms: time, cpu, tests: true, rows });
}

async function playwright(name, env = {}) {
  const file = join(results, 'playwright.json');
  const { status, time, cpu } = await exec(name, tool('playwright', ['test']), env);
  let rows;
  if (existsSync(file)) {
    rows = playwrightRows(JSON.parse(readFileSync(file, 'utf8')), floors.playwright ?? {}, name);
    if (status !== 0 && !rows.some(rowFailed)) rows[0].problems.push(`playwright exited with ${status}`);
  } else rows = [row(name, { failed: 1, problems: ['no report: playwright crashed before reporting'] })];
  steps.push({ name, ms: time, cpu, tests: true, rows });
}

/**
 * Runs a step with `variable` naming a folder of its own in memory where the machine allows it
 * (scripts/memory-tmpdir.mjs; not when it or TMPDIR is set already), removed when the step ends.
 */
async function withMemoryFolder(variable, step) {
  const memory = memoryTmpDir(variable);
  try {
    return await step(memory ? { [variable]: memory.dir } : {});
  } finally {
    memory?.remove();
  }
}

/** A suite that could not run: one failed row, saying why. */
const notRun = (name, why) =>
  steps.push({ name, ms: 0, tests: true, rows: [row(name, { failed: 1, problems: [`not run: ${why}`] })] });

/** A suite that needs the system packages: a failed row, not a run, if they could not be installed. */
const needsSystemPackages = (name, step) => async () => {
  const there = await systemPackages;
  if (interrupted) return;
  if (there) return step();
  notRun(name, 'apt-get could not install the system packages');
};

let built = false;
const STEPS = {
  // One process: the new command line's parallel mode gains nothing on a check niced beside the suites and
  // costs about 1 CPU-s a run (five pairs, alternating: 14.5–15.3 against 15.1–16.9 user CPU-s).
  format: () => check('format', tool('prettier', ['--check', '.', '--experimental-cli', '--no-parallel'])),
  typecheck: () => check('typecheck', npmScript('typecheck'), scripts.typecheck),
  lint: () => check('lint', npmScript('lint'), scripts.lint),
  build: async () => {
    built = await check('build', npmScript('build'), scripts.build);
  },
  unit: needsSystemPackages('unit', () => vitest('unit', ['node', 'electron-main', 'chromium'])),
  // HQ on PGlite and on a private PostgreSQL cluster the suite starts and stops (tests/postgres.mjs).
  // Two files at a time, beside the browser suite's two workers: three each made a load of 17 on two cores
  // and timed tests out (issue 17 item 5, CI time).
  // Its temporary files in memory where the machine allows (scripts/memory-tmpdir.mjs): each of its HQs starts
  // on a copy of the migrated PGlite database, 1 100 small files, slow to copy on disk (README, "Tests").
  integration: needsSystemPackages('integration', () =>
    withMemoryFolder('TMPDIR', (env) => vitest('integration', ['integration'], ['--maxWorkers=2'], env)),
  ),
  // The data of its HQs in memory too (tests/e2e/hq.ts, OTKLIK_E2E_HQ_TMPDIR); its browsers' profiles on disk.
  e2e: needsSystemPackages('e2e', async () => {
    if (built) return withMemoryFolder('OTKLIK_E2E_HQ_TMPDIR', (env) => playwright('e2e', env));
    notRun('e2e', 'the build failed');
  }),
};

// Lanes run side by side, the steps of a lane one after another. The two long suites (the build then the
// browser suite, which waits a lot on HQ restarts and fault delays; the integration suite, which waits on
// processes and databases) each have a lane, the unit suite the third. The CPU-bound checks wait in a pool:
// each lane that has done its own steps takes the next check, so they run as soon as, and as widely as,
// the suites leave room, without slowing the suites' timed waits (issue 17 item 5: CI time). Measured on
// the two-core CI machine kind: see the README's "Tests" section.
const lanes = [['build', 'e2e'], ['integration'], ['unit']];
const pool = ['lint', 'typecheck', 'format'];
// `npm test -- unit e2e` runs only those steps (e2e brings its build); the floors of what runs still hold.
const only = process.argv.slice(2);
const unknown = only.filter((name) => !(name in STEPS));
if (unknown.length > 0) {
  console.error(`Unknown step ${unknown.join(', ')}; steps: ${Object.keys(STEPS).join(', ')}`);
  process.exit(2);
}
const wanted = (name) =>
  only.length === 0 || only.includes(name) || (name === 'build' && only.includes('e2e'));
say(
  `${only.length ? `only ${only.join(', ')}; ` : ''}lanes side by side: ${lanes
    .map((l) => l.filter(wanted).join(' → '))
    .filter(Boolean)
    .join(
      ' | ',
    )}; then, in the first lane free: ${pool.filter(wanted).join(', ')}; each step's output follows when it ends`,
);
const checks = pool.filter(wanted);
// While CI's apt-get still runs, two of the three lanes wait: the first check starts at once beside them
// (at its lower priority, as always), instead of when a lane is free.
const early = pendingPackages ? checks.shift() : undefined;
if (early) say(`${early} starts at once: apt-get is still installing what the suites need`);
await Promise.all([
  ...lanes.map(async (lane) => {
    for (const name of lane) if (wanted(name)) await STEPS[name]();
    for (let name = checks.shift(); name; name = checks.shift()) await STEPS[name]();
  }),
  early && STEPS[early](),
]);

const rows = steps.flatMap((s) => s.rows);
const ran = steps.filter((s) => s.tests).flatMap((s) => s.rows);
const testsRan = ran.reduce((n, r) => n + r.passed + r.failed + r.flaky, 0);

console.log(`\nSummary${' '.repeat(62)}wall       CPU`);
for (const s of steps) {
  const single = s.rows.length === 1 && s.rows[0].name === s.name;
  const status = (failed) => (failed ? 'FAIL' : 'ok  ');
  const cpu = s.cpu === undefined ? '' : `${seconds(s.cpu)} s`.padStart(10);
  const time = `${seconds(s.ms)} s`.padStart(8) + cpu;
  if (!single) console.log(`  ${status(s.rows.some(rowFailed))}  ${s.name.padEnd(58)}${time}`);
  for (const r of s.rows) {
    const counts = [`${r.passed} passed`, `${r.failed} failed`];
    if (r.flaky) counts.push(`${r.flaky} flaky`);
    if (r.skipped) counts.push(`${r.skipped} skipped`);
    if (r.files !== undefined) counts.push(`${r.files} file${r.files === 1 ? '' : 's'}`);
    const label = single ? r.name : `  ${r.name.slice(s.name.length + 3)}`;
    console.log(
      `  ${status(rowFailed(r))}  ${`${label}: ${counts.join(', ')}`.padEnd(58)}${single ? time : ''}`,
    );
    for (const p of r.problems) console.log(`          ✗ ${p}`);
    for (const n of r.notes) console.log(`          · ${n}`);
  }
}
const setup = (process.env.OTKLIK_SETUP_TIMES ?? '').split(';').filter(Boolean);
if (packagesTime !== undefined) setup.push(`apt-get install=${packagesTime} s (beside the first steps)`);
console.log(
  `  wall time ${seconds(Date.now() - startedAt)} s (steps overlap; their sum is ${seconds(steps.reduce((t, s) => t + s.ms, 0))} s, their CPU time ${seconds(steps.reduce((t, s) => t + (s.cpu ?? 0), 0))} s)` +
    (setup.length ? `; before: ${setup.join(', ')}` : ''),
);
const machineCpuAtEnd = machineCpu();
if (machineCpuAtStart && machineCpuAtEnd)
  console.log(
    `  the machine's CPU time over the run: ${seconds(machineCpuAtEnd.busy - machineCpuAtStart.busy)} s on ${availableParallelism()} cores, every process included (the steps' CPU misses Chromium's renderers and PostgreSQL); stolen by the host: ${seconds(machineCpuAtEnd.steal - machineCpuAtStart.steal)} s`,
  );
console.log(`  ${hostSpeed()}`);

const skips = rows.flatMap((r) => r.skips);
if (skips.length > 0) {
  console.log('Skipped, not counted as passed:');
  for (const s of skips) console.log(`  ${s.title}: ${s.reason ?? 'no reason given'}`);
}
// Every failed test by name, near the closing line: the end of a CI log alone says what to look at.
const failures = rows.flatMap((r) => r.failures);
if (failures.length > 0) {
  console.log('Failed:');
  for (const f of failures.slice(0, 30)) console.log(`  ${f}`);
  if (failures.length > 30)
    console.log(`  … and ${failures.length - 30} more (see each step's output above)`);
}
// The full run (and any run of a test step) must have run tests; `npm test -- lint` alone has none to run.
if (testsRan === 0 && (only.length === 0 || ran.length > 0)) {
  rows.push(row('nothing ran', { problems: ['no test of any suite ran'] }));
  console.log('  ✗ no test of any suite ran');
}
const closing = closingLine(rows);
const skipped = skippedLine(skips);
if (skipped) console.log(skipped);
console.log(closing.line);
process.exit(rows.some(rowFailed) ? 1 : 0);
