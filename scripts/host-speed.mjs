// @ts-check
// How fast the machine's processor is right now: the CPU time of a fixed piece of work (issue 17 item 5).
// The two-core machine's speed drifts from hour to hour: the same commit's CI took 539.5 machine CPU-s at
// about 22:11 and 400.3 at 22:31 on 2026-12-05, each step's own CPU time down by an eighth to a quarter.
// A run's times are compared with another's only beside this figure. It is CPU time, not wall time, so
// processes that merely take turns on the cores leave it alone (83–87 ms, alone and beside three busy
// loops); a slower host moves it, and so do processes that compete for the processor's caches and memory.
// Read from a separate process every two minutes: 83.7–86.1 ms between runs, 89.9–92.5 while a CI run or a
// benchmark ran, and once 116.5, while a CI run's test suites ran. So a run measures it before its
// steps start and after they end.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

/** Rows like a page of complaints, made once: the work below reads them. */
const ROWS = Array.from({ length: 20_000 }, (_, i) => ({
  id: `c-${i}`,
  n: i,
  words: ['иванов', 'заказ', String(i % 97)],
  at: new Date(1.7e12 + i * 1000).toISOString(),
  // JSON leaves it out: a row without it was read back from the JSON.
  note: undefined,
}));
const MiB = Buffer.alloc(1 << 20, 7);

/**
 * The fixed work: JSON written and read back into a Map, the Map walked with a regular expression, SHA-256
 * over 32 MiB: kinds of work the suites and HQ do. Returns how much of each it did, which its test checks
 * against figures of its own: the work cannot shrink or change unnoticed, which would make the figures of
 * earlier runs incomparable.
 */
export function referenceWork() {
  let sum = 0;
  let jsonChars = 0;
  let entries = 0;
  let readBack = 0;
  for (let round = 0; round < 4; round++) {
    const text = JSON.stringify(ROWS);
    jsonChars += text.length;
    const byId = new Map();
    for (const row of JSON.parse(text)) {
      byId.set(row.id + round, row.n);
      if (!('note' in row)) readBack++;
    }
    entries += byId.size;
    for (const [id, n] of byId) if (/-(\d*7)\d$/.test(id)) sum += n;
  }
  const hash = createHash('sha256');
  for (let i = 0; i < 32; i++) hash.update(MiB);
  return { sum, jsonChars, entries, readBack, sha256: hash.digest('hex') };
}

/**
 * Milliseconds of this process's CPU time for referenceWork: the middle one of `runs` (the median when
 * odd), after one run that warms the compiler up. 83–87 ms a run on the two-core machine (2026-12-05,
 * 22:40–22:50), so five take about half a second; a slow spell of the host moves the figure only when it
 * slows most of the five, some 0.3 s or more.
 * @param {number} [runs]
 * @param {() => { user: number, system: number }} [cpuUsage] the process's CPU time so far, in microseconds
 * @param {() => unknown} [work] what is timed (its tests time nothing: under a loaded CI, four runs of the
 *   real work took a test past its 20 s)
 * @returns {number}
 */
export function referenceMs(runs = 5, cpuUsage = () => process.cpuUsage(), work = referenceWork) {
  work();
  const times = Array.from({ length: runs }, () => {
    const before = cpuUsage();
    work();
    const after = cpuUsage();
    return (after.user - before.user + after.system - before.system) / 1000;
  }).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/**
 * referenceMs in a Node process of its own (this file run as a script), so that the figure does not depend
 * on what the calling process ran before: in `npm test`'s own process, the first figure after the steps
 * read 98 ms where fresh processes read 88–94 and the next figures in that process 86–87 (most likely its
 * compiled code for the work, dropped meanwhile, was not back at full speed after one warm-up run; not
 * checked further). Undefined when it could not be measured.
 * @returns {number | undefined}
 */
export function measureHostSpeed() {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], { encoding: 'utf8' });
  const ms = Number(child.stdout?.trim());
  return child.status === 0 && Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/**
 * The line a run prints, from the figure at its start and, when it has one, at its end.
 * @param {number | undefined} start
 * @param {number} [end]
 * @returns {string}
 */
export function hostSpeedLine(start, end) {
  if (start === undefined) return 'host speed: not measured (scripts/host-speed.mjs did not run)';
  const took =
    end === undefined
      ? `${start.toFixed(0)} ms of CPU`
      : `${start.toFixed(0)} ms of CPU at the start of the run, ${end.toFixed(0)} ms at its end`;
  return `host speed: a fixed piece of work took ${took} (scripts/host-speed.mjs: compare times only with runs of like figures)`;
}

/**
 * The host's speed at a run's start, now; the function it returns measures it again and gives the line of
 * both, for the run's end (`npm test` and the benchmarks: their figures are comparable with another run's
 * only at a like host speed).
 * @returns {() => string}
 */
export function startHostSpeed() {
  const start = measureHostSpeed();
  return () => hostSpeedLine(start, measureHostSpeed());
}

// Run as a script (measureHostSpeed): the figure, in milliseconds.
if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(referenceMs().toFixed(1));
