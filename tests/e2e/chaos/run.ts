import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { Branch } from './branch';
import { check, settle } from './check';
import { branchCount, rngFor, schedule, type Profile, type Step } from './schedule';
import { World } from './world';

/** One run's outcome: what was done, what was injected, and what the model check found. */
export interface RunReport {
  seed: number;
  postgres: boolean;
  branches: number;
  steps: Step[];
  history: string[];
  actions: Record<string, number>;
  faults: Record<string, number>;
  violations: string[];
  redelivered: number;
  mails: number;
  ms: number;
}

const add = (counts: Record<string, number>, key: string, n = 1) => {
  if (n) counts[key] = (counts[key] ?? 0) + n;
};

/**
 * Issue 20: one chaos run — the seed's schedule over the real branch app, HQ process and SMTP server, then
 * settling and the model check. Never throws for a finding: every problem is a violation in the report.
 */
export async function chaosRun(
  browser: Browser,
  context: BrowserContext,
  page: Page,
  seed: number,
  profile: Profile,
  onWorld: (world: World) => void = () => undefined,
): Promise<RunReport> {
  const started = Date.now();
  const steps = schedule(seed, profile);
  const branches = branchCount(seed, profile);
  const history: string[] = [];
  const log = (line: string) => history.push(`${((Date.now() - started) / 1000).toFixed(1)}s ${line}`);
  const actions: Record<string, number> = {};
  const faults: Record<string, number> = {};
  const violations: string[] = [];
  const world = new World(browser, context, page, rngFor(seed, 1), log);
  onWorld(world);
  const rng = rngFor(seed, 2);
  let figures = { redelivered: 0, mails: 0 };
  try {
    await world.start(profile.postgres, branches);
    log(`set up and connected: ${world.branches.map((b) => b.code).join(', ')}`);
    for (const [i, step] of steps.entries()) {
      // Bracketed: "[chaos 7/1]" is no part of "[chaos 7/10]" (the check finds notes by their tag).
      const tag = `[chaos ${seed}/${i}]`;
      const branch = world.branches[rng.int(0, world.branches.length - 1)]!;
      const win = branch.windows[rng.int(0, branch.windows.length - 1)]!;
      const where = [
        world.branches.length > 1 ? branch.code : '',
        branch.windows.length > 1 ? `window ${branch.windows.indexOf(win) + 1}` : '',
      ].filter(Boolean);
      log(`step ${i}: ${JSON.stringify(step)}${where.length ? ` (${where.join(', ')})` : ''}`);
      add(actions, step.kind);
      try {
        await perform(world, branch, win, step, tag, rng, log);
      } catch (e) {
        const message = firstLines(e);
        // What the window showed: its address and any message it gave (an error, a refusal, a banner).
        const shown = await win
          .locator('[role=alert], [role=status], [aria-invalid=true]')
          .evaluateAll((els) =>
            els.map((e) =>
              e.getAttribute('aria-invalid')
                ? `invalid ${e.id}=${(e as HTMLInputElement).value}`
                : e.textContent,
            ),
          )
          .catch(() => []);
        // On the feedback-book page: the capture button's state (busy "saving…", or disabled).
        const take = await win
          .getByTestId('take-photo')
          .evaluate((b) => `${b.textContent} ${(b as HTMLButtonElement).disabled ? 'disabled' : 'enabled'}`)
          .catch(() => '');
        log(
          `  failed: ${message}; at ${win.url()}; ${take ? `take-photo: ${take}; ` : ''}shown: ${JSON.stringify(shown).slice(0, 1500)}`,
        );
        violations.push(`step ${i} ${step.kind} failed: ${message}`);
      }
    }
    log('faults stop; settling');
    violations.push(...(await settle(world)));
    const result = await check(world);
    violations.push(...result.violations);
    figures = result.figures;
  } catch (e) {
    violations.push(`run aborted: ${firstLines(e)}`);
  } finally {
    for (const [kind, n] of Object.entries(world.proxy.counts)) add(faults, `proxy.${kind}`, n);
    for (const [kind, n] of Object.entries(world.smtp.counts)) add(faults, `smtp.${kind}`, n);
    add(faults, 'hq.sigkill', world.kills);
    add(faults, 'hq.http500Window', world.hq500Windows);
    add(faults, 'hq.diskFull', world.diskFullWindows);
    for (const [status, n] of Object.entries(world.proxy.answered)) add(faults, `hq.answered${status}`, n);
    add(faults, 'postgres.restart', actions.restartPostgres ?? 0);
    add(faults, 'branch.clockJump', actions.clockJump ?? 0);
    add(faults, 'branch.offline', actions.offline ?? 0);
    add(faults, 'branch.reload', actions.reload ?? 0);
    await world.dispose().catch(() => undefined);
  }
  return {
    seed,
    postgres: Boolean(profile.postgres),
    branches,
    steps,
    history,
    actions,
    faults,
    violations,
    ...figures,
    ms: Date.now() - started,
  };
}

/** The steps a person does in a window (a reload signs in again by itself: Branch.reload). */
const UI_STEPS = new Set<Step['kind']>(['register', 'note', 'startReview', 'decide', 'bookEntry']);

async function perform(
  world: World,
  branch: Branch,
  win: Page,
  step: Step,
  tag: string,
  rng: ReturnType<typeof rngFor>,
  log: (line: string) => void,
): Promise<void> {
  const pick = (status?: string) => {
    const list = branch.model.complaints.filter((c) => c.url && (!status || c.status === status));
    return list.length ? list[rng.int(0, list.length - 1)] : undefined;
  };
  // A person at the counter signs in again when the screen locked (a lock in one window locks them all).
  if (UI_STEPS.has(step.kind)) await branch.ensureSignedIn(win);
  switch (step.kind) {
    case 'register': {
      const c = await branch.register(win, tag, step.reloadMidway);
      return log(c ? `  registered ${c.number}` : '  reloaded before the number was shown');
    }
    case 'note': {
      const c = pick();
      if (!c) return log('  no complaint yet');
      const done = await branch.note(win, c, tag, step.reloadMidway);
      return log(done ? `  note ${tag} on ${c.number}` : `  reloaded while adding a note to ${c.number}`);
    }
    case 'startReview': {
      const c = pick('registered');
      if (!c) return log('  no registered complaint');
      await branch.startReview(win, c);
      return log(`  ${c.number} in review`);
    }
    case 'decide': {
      const c = pick('in_review');
      if (!c) return log('  no complaint in review');
      await branch.decide(win, c);
      return log(`  ${c.number} decided`);
    }
    case 'bookEntry': {
      const e = await branch.bookEntry(win, rng, { ...step, tag });
      return log(
        e ? `  entry of ${e.number}: ${e.pages.length} pages` : '  reloaded before the entry was saved',
      );
    }
    case 'offline':
      return branch.setOffline(true);
    case 'online':
      return branch.setOffline(false);
    case 'reload':
      return branch.reload(win);
    case 'secondWindow':
      if (branch.windows.length < 2) await branch.openSecondWindow();
      return;
    case 'killHq':
      return world.killHq(step.afterMs, step.downMs, step.fail500Ms);
    case 'proxy':
      world.proxy.faults = step.faults;
      world.proxy.p = step.p;
      return;
    case 'smtp':
      return world.smtp.set(step.fault);
    case 'pause':
      return new Promise((resolve) => setTimeout(resolve, step.ms));
    case 'clockJump':
      return branch.jumpClock(step.minutes);
    case 'diskFull':
      return world.diskFull(step.ms);
    case 'restartPostgres':
      world.restartPostgres?.();
      return log('  PostgreSQL crashed and started again');
  }
}

/**
 * An error's first line, what Playwright looked for and received, and where in the tests it was thrown
 * (CI shows a failure's first line only: seed 37's "run aborted: expect(locator).toBeVisible() failed" named
 * neither the locator nor the call).
 */
function firstLines(e: unknown): string {
  // eslint-disable-next-line no-control-regex
  const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
  const lines = plain(e instanceof Error ? e.message : String(e)).split('\n');
  const shown = ['Locator:', 'Received', 'Timeout:']
    .map((label) => lines.find((l) => l.trim().startsWith(label))?.trim())
    .filter(Boolean);
  // Two frames: a helper's (fixtures.ts) and the chaos code that called it.
  const frames = plain(e instanceof Error ? (e.stack ?? '') : '')
    .split('\n')
    .map((l) => /(tests\/e2e\/[\w./-]+:\d+)/.exec(l)?.[1])
    .filter(Boolean)
    .slice(0, 2);
  return [lines[0], ...shown, frames.length ? `at ${frames.join(' < ')}` : ''].filter(Boolean).join(' — ');
}

/** A failing run's seed and a short history: enough to see what happened and to run it again. */
export function describeFailure(r: RunReport): string {
  return [
    // The first line names the first violation: CI's closing list shows only a failure's first line.
    `chaos run seed ${r.seed} (${r.branches} branch${r.branches > 1 ? 'es' : ''}): ${r.violations.length} violation(s)` +
      (r.violations[0] ? `, first: ${r.violations[0].split('\n')[0]!.slice(0, 300)}` : ''),
    ...r.violations.map((v) => `  ✗ ${v}`),
    'history:',
    ...r.history.slice(-60).map((h) => `  ${h}`),
    `again: npm run chaos -- --runs 1 --seed ${r.seed}${r.postgres ? ' --postgres' : ''}`,
  ].join('\n');
}
