import { Rng } from '../../integration/hq/fuzz/random';

/**
 * Issue 20: one chaos run's schedule, a pure function of its seed. Re-running a seed replays the very same
 * steps with the same parameters (the timing of requests between them is the machine's, not the seed's).
 */

/** What the fault proxy between the branch and HQ may do to one request (tests/e2e/chaos/proxy.ts). */
export const PROXY_FAULTS = [
  'delay',
  'drop',
  'reset',
  'truncateRequest',
  'lostAnswer',
  'truncateAnswer',
  'http500',
  'http500AfterCommit',
] as const;
export type ProxyFault = (typeof PROXY_FAULTS)[number];

/** What the SMTP server does for a while (tests/e2e/chaos/smtp.ts). */
/** `reject`: the managers' mailboxes refuse for good (550), so HQ fails the entry's mail and escalates it. */
export const SMTP_FAULTS = ['refuse', 'hang', 'die', 'lostAck', 'reject'] as const;
export type SmtpFault = (typeof SMTP_FAULTS)[number];

export type Step =
  | { kind: 'register'; reloadMidway: boolean }
  | { kind: 'note'; reloadMidway: boolean }
  | { kind: 'startReview' }
  | { kind: 'decide' }
  | { kind: 'bookEntry'; camera: number; imports: number; removeOne: boolean; reloadMidway: boolean }
  | { kind: 'offline' }
  | { kind: 'online' }
  | { kind: 'reload' }
  | { kind: 'secondWindow' }
  /** SIGKILL HQ after `afterMs`, start it again `downMs` later, perhaps answering 500 for `fail500Ms`. */
  | { kind: 'killHq'; afterMs: number; downMs: number; fail500Ms: number }
  /** From now on the proxy applies one of `faults` to a request with probability `p` (0: passes all). */
  | { kind: 'proxy'; faults: ProxyFault[]; p: number }
  | { kind: 'smtp'; fault: SmtpFault | 'ok' }
  /** The branch's clock jumps by `minutes` (and runs on from there) until the run settles. */
  | { kind: 'clockJump'; minutes: number }
  /** HQ's disk is full for `ms`: every photo it is sent is refused with a 507 (HQ_FAULT_DISK_FULL). */
  | { kind: 'diskFull'; ms: number }
  /** PostgreSQL crashes (pg_ctl -m immediate) and starts again: HQ on PostgreSQL only. */
  | { kind: 'restartPostgres' }
  | { kind: 'pause'; ms: number };

export type StepKind = Step['kind'];

export interface Profile {
  steps: [number, number];
  /** SMTP faults (HQ's mail retries wait 2 s in a chaos run: MAIL_RETRY_FIRST_MS). */
  smtp: boolean;
  /** How likely a run has two branches, each with its workstation, instead of one. */
  twoBranches: number;
  /** HQ on PostgreSQL instead of the embedded PGlite (`npm run chaos -- --postgres`). */
  postgres?: boolean;
}

/** The CI subset: short. */
export const CI_PROFILE: Profile = { steps: [6, 9], smtp: true, twoBranches: 0.3 };
/** `npm run chaos`. */
export const FULL_PROFILE: Profile = { steps: [8, 16], smtp: true, twoBranches: 0.3 };

const ACTION_WEIGHTS: Array<[StepKind, number]> = [
  ['register', 5],
  ['note', 3],
  ['startReview', 2],
  ['decide', 2],
  ['bookEntry', 3],
  ['offline', 1.5],
  ['online', 1.5],
  ['reload', 1],
  ['secondWindow', 0.7],
  ['killHq', 1.5],
  ['proxy', 2.5],
  ['smtp', 1.5],
  ['pause', 1],
  ['diskFull', 0.8],
  ['restartPostgres', 1],
];

function weighted(rng: Rng, weights: Array<[StepKind, number]>): StepKind {
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  let x = rng.next() * total;
  for (const [kind, w] of weights) {
    x -= w;
    if (x < 0) return kind;
  }
  return weights[weights.length - 1]![0];
}

function step(rng: Rng, kind: StepKind): Step {
  switch (kind) {
    case 'register':
      return { kind, reloadMidway: rng.chance(0.15) };
    case 'note':
      return { kind, reloadMidway: rng.chance(0.15) };
    case 'bookEntry':
      return {
        kind,
        camera: rng.int(0, 2),
        imports: rng.int(0, 1),
        removeOne: rng.chance(0.25),
        reloadMidway: rng.chance(0.1),
      };
    case 'killHq':
      return {
        kind,
        afterMs: rng.int(0, 2500),
        downMs: rng.int(200, 3000),
        fail500Ms: rng.chance(0.3) ? rng.int(1000, 5000) : 0,
      };
    case 'proxy': {
      if (rng.chance(0.25)) return { kind, faults: [], p: 0 };
      const faults = rng.shuffle(PROXY_FAULTS).slice(0, rng.int(1, 3));
      return { kind, faults, p: rng.pick([0.2, 0.4, 0.7]) };
    }
    case 'smtp':
      return { kind, fault: rng.chance(0.3) ? 'ok' : rng.pick(SMTP_FAULTS) };
    case 'pause':
      return { kind, ms: rng.int(200, 2500) };
    case 'diskFull':
      return { kind, ms: rng.int(1000, 8000) };
    default:
      return { kind } as Step;
  }
}

export function schedule(seed: number, profile: Profile): Step[] {
  const rng = new Rng(seed);
  const weights = ACTION_WEIGHTS.filter(
    ([kind]) => (profile.smtp || kind !== 'smtp') && (profile.postgres || kind !== 'restartPostgres'),
  );
  const steps: Step[] = [{ kind: 'register', reloadMidway: false }];
  const n = rng.int(...profile.steps);
  while (steps.length < n) steps.push(step(rng, weighted(rng, weights)));
  // Clock jumps come from a generator of their own, so adding them left every other step of a seed as it was.
  const clock = rngFor(seed, 3);
  return steps.flatMap((s) =>
    clock.chance(0.08) ? [s, { kind: 'clockJump', minutes: clock.pick([-120, 120]) } as const] : [s],
  );
}

/** One branch or two (a generator of its own, so the steps of a seed do not depend on it). */
export function branchCount(seed: number, profile: Profile): 1 | 2 {
  return rngFor(seed, 4).chance(profile.twoBranches) ? 2 : 1;
}

/** A per-purpose generator for the run's other random choices (proxy decisions, texts). */
export function rngFor(seed: number, purpose: number): Rng {
  return Rng.forRequest(seed, purpose);
}
