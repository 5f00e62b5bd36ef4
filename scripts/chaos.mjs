// @ts-check
// Issue 20: `npm run chaos -- --runs N --seed S` runs N chaos runs, seeds S, S+1, …, S+N-1, one after another
// or with --workers 2-3 side by side (tests/e2e/chaos.spec.ts with CHAOS_SEEDS and the longer schedules), then
// prints the totals: runs, actions and faults by kind, violations with their seeds, wall time. Without
// --seed, S is drawn at random and printed. --postgres: HQ on PostgreSQL (and PostgreSQL restarts among the faults). Builds the app first
// when dist/ is missing (or with --build).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    seed: { type: 'string' },
    build: { type: 'boolean', default: false },
    postgres: { type: 'boolean', default: false },
    workers: { type: 'string', default: '1' },
  },
});
const runs = Number(values.runs);
const workers = Number(values.workers);
const first = values.seed === undefined ? Math.floor(Math.random() * 1_000_000) : Number(values.seed);
if (
  !Number.isInteger(runs) ||
  runs < 1 ||
  !Number.isInteger(first) ||
  first < 0 ||
  !Number.isInteger(workers) ||
  workers < 1 ||
  workers > 3
) {
  console.error('usage: npm run chaos -- [--runs N] [--seed S] [--workers 1-3] [--postgres] [--build]');
  process.exit(2);
}
if (values.build || !existsSync(join(root, 'dist/hq/main.mjs'))) {
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const seeds = Array.from({ length: runs }, (_, i) => first + i);
console.log(
  `chaos: ${runs} runs, seeds ${first}…${first + runs - 1}, HQ on ${values.postgres ? 'PostgreSQL' : 'PGlite'}`,
);
const started = Date.now();
/** @type {Array<{seed: number, branches: number, actions: Record<string, number>, faults: Record<string, number>, violations: string[], redelivered: number, mails: number, ms: number}>} */
const reports = [];
// --workers: runs side by side, each on its worker's own ports (at most the three the page's CSP allows).
const args = [
  'playwright',
  'test',
  'tests/e2e/chaos.spec.ts',
  '--project',
  'hq',
  '--workers',
  String(workers),
];
// No traces, and an output folder of its own: a test run beside it in the checkout empties test-results/.
args.push('--retries', '0', '--trace', 'off', '--output', mkdtempSync(join(tmpdir(), 'otklik-chaos-')));
const child = spawn('npx', args, {
  cwd: root,
  env: { ...process.env, CHAOS_SEEDS: seeds.join(','), ...(values.postgres ? { CHAOS_POSTGRES: '1' } : {}) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let buffer = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  buffer += chunk.toString();
  const lines = buffer.split('\n');
  buffer = lines.pop() ?? '';
  for (const line of lines) {
    // Only the test's own line: a failure's code frame quotes the statement that prints it.
    const summary = /^CHAOS-SUMMARY (\{.*\})\s*$/.exec(line)?.[1];
    if (summary) reports.push(JSON.parse(summary));
  }
});
const code = await new Promise((resolve) => child.once('exit', resolve));

/** @param {Array<Record<string, number>>} all */
const total = (all) => {
  /** @type {Record<string, number>} */
  const sum = {};
  for (const counts of all) for (const [k, n] of Object.entries(counts)) sum[k] = (sum[k] ?? 0) + n;
  return Object.fromEntries(Object.entries(sum).sort());
};
const failed = reports.filter((r) => r.violations.length);
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(
  `\nchaos: ${reports.length} of ${runs} runs reported, seeds ${first}…${first + runs - 1}, ${minutes} min`,
);
console.log(`branches: ${reports.filter((r) => r.branches > 1).length} runs with two, the others with one`);
console.log('actions:', JSON.stringify(total(reports.map((r) => r.actions))));
console.log('faults: ', JSON.stringify(total(reports.map((r) => r.faults))));
console.log(
  `mails: ${reports.reduce((s, r) => s + r.mails, 0)}, redelivered with the same Message-ID: ${reports.reduce((s, r) => s + r.redelivered, 0)}`,
);
console.log(`violations: ${failed.reduce((s, r) => s + r.violations.length, 0)} in ${failed.length} runs`);
for (const r of failed) console.log(`  seed ${r.seed}: ${r.violations.join(' | ')}`);
process.exit(failed.length || reports.length < runs ? 1 : Number(code ?? 1));
