import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  hostSpeedLine,
  measureHostSpeed,
  referenceMs,
  referenceWork,
  startHostSpeed,
} from '../../../scripts/host-speed.mjs';

// Issue 17 item 5 (CI time): a run's times are read beside the CPU time of a fixed piece of work.
describe('referenceWork', () => {
  // The work itself, twice over (run, and its figures derived here): about 0.2 s of CPU, which took 10 s
  // in a CI run whose suites filled both cores.
  it('does all of its fixed work: the figures of earlier runs stay comparable', { timeout: 60_000 }, () => {
    // The rows as the work defines them, written here again: a field dropped there changes the JSON's length.
    const rows = Array.from({ length: 20_000 }, (_, i) => ({
      id: `c-${i}`,
      n: i,
      words: ['иванов', 'заказ', String(i % 97)],
      at: new Date(1.7e12 + i * 1000).toISOString(),
      note: undefined,
    }));
    // Each of 4 rounds: the rows whose id ends in 7 before the round's digit (i = 7, 17, …, 19 997).
    const endingIn7 = Array.from({ length: 2_000 }, (_, k) => 10 * k + 7).reduce((a, b) => a + b, 0);
    expect(referenceWork()).toEqual({
      sum: 4 * endingIn7,
      jsonChars: 4 * JSON.stringify(rows).length,
      entries: 4 * 20_000,
      // Every row read back from the JSON, not taken from the rows themselves (JSON leaves out `note`).
      readBack: 4 * 20_000,
      sha256: createHash('sha256')
        .update(Buffer.alloc(32 << 20, 7))
        .digest('hex'),
    });
  });
});

describe('referenceMs', () => {
  it('is the median of the measured runs, each read before and after it', () => {
    const used = [0, 30_000, 40_000, 60_000, 100_000, 215_000]; // microseconds, read in turn
    let i = 0;
    const cpuUsage = () => ({ user: used[i++]!, system: 0 });
    let worked = 0;
    // Runs of 30, 20 and 115 ms: the median, 30; the work run once more before them, to warm up.
    expect(referenceMs(3, cpuUsage, () => worked++)).toBe(30);
    expect(i).toBe(6);
    expect(worked).toBe(4);
  });

  it('counts system time as well as user time', () => {
    let t = 0;
    const cpuUsage = () => ((t += 1), { user: t * 1_000, system: t * 2_000 });
    expect(referenceMs(1, cpuUsage, () => undefined)).toBe(3);
  });

  it('measures this process: a positive figure', () => {
    // Some CPU of this process's own, far less than the real work (which its own test runs).
    const hashing = () =>
      createHash('sha256')
        .update(Buffer.alloc(8 << 20, 1))
        .digest('hex');
    expect(referenceMs(1, undefined, hashing)).toBeGreaterThan(0);
  });
});

describe('measureHostSpeed', () => {
  it('runs the work in a process of its own and answers its figure', () => {
    // The script prints referenceMs, rounded to a tenth of a millisecond.
    const ms = measureHostSpeed();
    expect(ms).toBeGreaterThan(0);
    expect(ms! * 10).toBeCloseTo(Math.round(ms! * 10), 6);
  });
});

describe('startHostSpeed', () => {
  it('measures at the start and again when asked for the line, each in a process of its own', () => {
    const line = startHostSpeed()();
    expect(line).toMatch(/took \d+ ms of CPU at the start of the run, \d+ ms at its end \(/);
  });
});

describe('hostSpeedLine', () => {
  it('says when there is no figure', () => {
    expect(hostSpeedLine(undefined)).toBe('host speed: not measured (scripts/host-speed.mjs did not run)');
  });

  it('gives the figure at the start, and at the end when there is one', () => {
    expect(hostSpeedLine(98.4)).toContain('took 98 ms of CPU (');
    expect(hostSpeedLine(98.4, 131.6)).toContain(
      'took 98 ms of CPU at the start of the run, 132 ms at its end (',
    );
  });
});
