// @ts-check
// How fast the machine's processor is right now: the CPU time of a fixed piece of work (issue 17 item 5).
// The two-core machine's speed drifts from hour to hour: the same commit's CI took 539.5 machine CPU-s at
// about 22:00 and 400.3 at 22:31 on 2026-12-05, each step's own CPU time down by an eighth to a quarter.
// A run's times are compared with another's only beside this figure. It is CPU time, not wall time: the
// other processes of a run take turns on the cores without changing it (83–87 ms alone and beside three
// busy loops, one after the other).
import { createHash } from 'node:crypto';

/** Rows like a page of complaints, made once: the work below reads them. */
const ROWS = Array.from({ length: 20_000 }, (_, i) => ({
  id: `c-${i}`,
  n: i,
  words: ['иванов', 'заказ', String(i % 97)],
  at: new Date(1.7e12 + i * 1000).toISOString(),
}));
const MiB = Buffer.alloc(1 << 20, 7);

/**
 * The fixed work: JSON written and read, a Map filled and walked with a regular expression, SHA-256 over
 * 32 MiB — what the suites and HQ do most. Returns what it computed, so none of it can be skipped (and a
 * change to it, which would make the figures of earlier runs incomparable, fails its test).
 */
export function referenceWork() {
  let sum = 0;
  for (let round = 0; round < 4; round++) {
    sum += JSON.parse(JSON.stringify(ROWS)).length;
    const byId = new Map();
    for (const row of ROWS) byId.set(row.id + round, row.n);
    for (const [id, n] of byId) if (/-(\d*7)\d$/.test(id)) sum += n;
  }
  const hash = createHash('sha256');
  for (let i = 0; i < 32; i++) hash.update(MiB);
  return { sum, sha256: hash.digest('hex') };
}

/**
 * Milliseconds of this process's CPU time for referenceWork: the median of `runs`, after one that warms the
 * compiler up. 83–87 ms a run on the two-core machine (2026-12-05, 22:40–22:50): five take about 0.5 s, and
 * one moment's slowness of the host moves their median less than it moves one run.
 * @param {number} [runs]
 * @param {() => { user: number, system: number }} [cpuUsage] the process's CPU time so far, in microseconds
 * @returns {number}
 */
export function referenceMs(runs = 5, cpuUsage = () => process.cpuUsage()) {
  referenceWork();
  const times = Array.from({ length: runs }, () => {
    const before = cpuUsage();
    referenceWork();
    const after = cpuUsage();
    return (after.user - before.user + after.system - before.system) / 1000;
  }).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/**
 * The line a run prints, from the figure at its start and, when it has one, at its end.
 * @param {number} start
 * @param {number} [end]
 * @returns {string}
 */
export function hostSpeedLine(start, end) {
  const took =
    end === undefined
      ? `${start.toFixed(0)} ms of CPU`
      : `${start.toFixed(0)} ms of CPU at the start of the run, ${end.toFixed(0)} ms at its end`;
  return `host speed: a fixed piece of work took ${took} (scripts/host-speed.mjs: compare times only with runs of like figures)`;
}
