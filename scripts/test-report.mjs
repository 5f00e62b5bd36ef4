// @ts-check
// What `npm test` (scripts/test-all.mjs) makes of each suite's report: one row per project with its counts,
// checked against the floors in tests/floors.json, and every skip with its reason. Pure functions, so
// tests/unit/scripts/test-report.test.ts can feed them reports that a broken run would produce.

/**
 * @typedef {{ files: number, tests: number }} Floor
 * @typedef {{ title: string, reason: string | undefined }} Skip
 * @typedef {{ name: string, passed: number, failed: number, skipped: number, flaky: number,
 *   files: number | undefined, problems: string[], notes: string[], skips: Skip[], failures: string[] }} Row
 */

/** A test that did not run because something before it failed (a hook, a serial group): that failure counts. */
export const NOT_RUN = 'not run — an earlier failure in its file or group stopped it (see above)';

/** @returns {Row} */
export function row(name, counts = {}) {
  return {
    passed: 0,
    failed: 0,
    skipped: 0,
    flaky: 0,
    files: undefined,
    problems: [],
    notes: [],
    skips: [],
    failures: [],
    name,
    ...counts,
  };
}

/**
 * "file › test: first line of its error", at most 300 characters: the closing lines name every failed test,
 * so the end of a CI log alone says what failed.
 * @param {string} title @param {string | undefined} message
 */
export function failureLine(title, message) {
  const first = (message ?? 'no error message')
    // eslint-disable-next-line no-control-regex -- terminal colour codes in Playwright's messages
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean);
  const line = `${title}: ${first ?? 'no error message'}`;
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/**
 * A project that ran no file, or fewer tests than its floor, or has no floor at all, fails with a line
 * that says so. A project above its floor gets a note: raising the floor is part of adding tests.
 * @param {Row} r @param {Floor | undefined} floor @param {string} where the floors' key, for the messages
 */
export function applyFloor(r, floor, where) {
  const ran = r.passed + r.failed + r.flaky;
  if (!r.files)
    r.problems.push(`no test file ran: is the project's include pattern (or the file list) right?`);
  if (!floor) {
    r.problems.push(
      `no floor for this project: add "${where}": { "files": ${r.files ?? 0}, "tests": ${ran} }`,
    );
    return r;
  }
  if (ran < floor.tests) r.problems.push(`${ran} tests ran, fewer than the floor of ${floor.tests}`);
  if ((r.files ?? 0) < floor.files)
    r.problems.push(`${r.files ?? 0} test files ran, fewer than the floor of ${floor.files}`);
  if (ran > floor.tests || (r.files ?? 0) > floor.files)
    r.notes.push(`above its floor (${floor.tests} tests, ${floor.files} files): raise "${where}"`);
  return r;
}

/**
 * Rows of a vitest run from scripts/vitest-summary.mjs. A skip must give its reason (`ctx.skip('why')`):
 * one without is a failure.
 * @param {{ projects: Record<string, { files: number, passed: number, failed: number, skipped: number,
 *   errors: string[], failures?: string[], skips: Array<{ file: string, name: string, mode: string, note?: string,
 *   blocked?: boolean }> }>,
 *   unhandledErrors: string[] }} summary
 * @param {string[]} projects the projects this run was asked for
 * @param {Record<string, Floor>} floors
 */
export function vitestRows(summary, projects, floors, suite = 'vitest') {
  const rows = projects.map((name) => {
    const p = summary.projects[name];
    const r = row(
      `${suite} › ${name}`,
      p ? { ...p, errors: undefined, skips: [], failures: [...(p.failures ?? [])] } : { files: 0 },
    );
    if (p) {
      for (const e of p.errors) r.problems.push(e);
      r.failed += p.errors.length;
      for (const s of p.skips) {
        const title = `${name} › ${s.file} › ${s.name}`;
        if (s.blocked && !s.note) {
          r.skips.push({ title, reason: NOT_RUN });
          continue;
        }
        r.skips.push({ title, reason: s.note });
        if (!s.note) {
          r.failed += 1;
          r.problems.push(
            `${title}: skipped without a reason (${s.mode === 'todo' ? 'a todo' : `it.${s.mode}`}); skip with ctx.skip('why')`,
          );
        }
      }
    }
    return applyFloor(r, floors[name], `vitest.${name}`);
  });
  if (summary.unhandledErrors.length > 0 && rows[0]) {
    rows[0].failed += summary.unhandledErrors.length;
    for (const e of summary.unhandledErrors) rows[0].problems.push(`unhandled error: ${e}`);
  }
  return rows;
}

/**
 * Rows of a Playwright JSON report, per project. `flaky` (failed, then passed on a retry) is its own count
 * and fails the row: a retry hides a bug.
 * @param {any} report @param {Record<string, Floor>} floors
 */
export function playwrightRows(report, floors, suite = 'playwright') {
  /** @type {Map<string, Row & { fileSet: Set<string> }>} */
  const byProject = new Map();
  const get = (name) => {
    let r = byProject.get(name);
    if (!r) byProject.set(name, (r = { ...row(`${suite} › ${name}`), fileSet: new Set() }));
    return r;
  };
  for (const p of report.config?.projects ?? []) get(p.name);
  const walk = (s, file) => {
    for (const spec of s.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const r = get(t.projectName);
        r.fileSet.add(file);
        if (t.status === 'expected') r.passed += 1;
        else if (t.status === 'flaky') {
          r.flaky += 1;
          r.problems.push(`${file} › ${spec.title}: flaky (failed, then passed on a retry)`);
        } else if (t.status === 'skipped') {
          r.skipped += 1;
          const title = `${t.projectName} › ${file} › ${spec.title}`;
          const skip = t.annotations?.find((a) => a.type === 'skip' || a.type === 'fixme');
          // No skip annotation at all: Playwright did not run it after a failure in its serial group.
          if (!skip) {
            r.skips.push({ title, reason: NOT_RUN });
            continue;
          }
          const reason = skip.description?.trim() || undefined;
          r.skips.push({ title, reason });
          if (!reason) {
            r.failed += 1;
            r.problems.push(`${title}: skipped without a reason; give test.skip(condition, 'why')`);
          }
        } else {
          r.failed += 1;
          const last = t.results?.at(-1);
          r.failures.push(
            failureLine(`${t.projectName} › ${file} › ${spec.title}`, last?.error?.message ?? last?.status),
          );
        }
      }
    }
    for (const child of s.suites ?? []) walk(child, file);
  };
  for (const s of report.suites ?? []) walk(s, s.file ?? s.title);
  for (const e of report.errors ?? []) {
    const first = byProject.values().next().value ?? get('(run)');
    first.failed += 1;
    first.problems.push(`error outside a test: ${e.message ?? e}`);
  }
  // A project the floors expect must exist (renamed or removed from playwright.config.ts: a failure).
  for (const name of Object.keys(floors)) get(name);
  return [...byProject.entries()].map(([name, { fileSet, ...r }]) =>
    applyFloor({ ...r, files: fileSet.size }, floors[name], `playwright.${name}`),
  );
}

/**
 * "1 skipped (desktop app: no Electron binary)": skips grouped by the short form of their reason, the part
 * before " — " (the whole reason is listed above it).
 * @param {Skip[]} skips
 */
export function skippedLine(skips) {
  if (skips.length === 0) return undefined;
  /** @type {Map<string, number>} */
  const groups = new Map();
  for (const s of skips) {
    const short = (s.reason ?? 'no reason given').split(' — ')[0].trim();
    groups.set(short, (groups.get(short) ?? 0) + 1);
  }
  const parts = [...groups].map(([short, n]) => (groups.size > 1 ? `${n} × ${short}` : short));
  return `${skips.length} skipped (${parts.join('; ')})`;
}

/** Rows fail on any failed test or any problem (floor, skip without reason, crash). */
export const rowFailed = (r) => r.failed > 0 || r.flaky > 0 || r.problems.length > 0;

/**
 * The closing line CI reads: "N passed, N failed" over every suite and check. A flaky test and a row that
 * failed only by a problem (a floor, a crash) count as failed, so the line never says "0 failed" for a
 * failing run.
 * @param {Row[]} rows
 */
export function closingLine(rows) {
  let passed = 0;
  let failed = 0;
  for (const r of rows) {
    passed += r.passed;
    const f = r.failed + r.flaky;
    failed += f > 0 ? f : r.problems.length > 0 ? 1 : 0;
  }
  return { passed, failed, line: `${passed} passed, ${failed} failed` };
}
