// @ts-check
// A vitest reporter for `npm test` (scripts/test-all.mjs): per project, how many files and tests ran, passed,
// failed and were skipped, and every skip with the note given to `ctx.skip(note)` — vitest's own JSON report
// has neither the project nor the note. Written to the file named by OTKLIK_VITEST_SUMMARY.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { failureLine } from './test-report.mjs';

/**
 * @typedef {{ file: string, name: string, mode: string, note: string | undefined, blocked?: boolean }} Skip
 * @typedef {{ files: number, passed: number, failed: number, skipped: number, errors: string[], failures: string[],
 *   skips: Skip[] }} ProjectCounts
 */

/** @implements {import('vitest/node').Reporter} */
export default class VitestSummary {
  /** @type {string} */
  root = process.cwd();

  /** @param {import('vitest/node').Vitest} vitest */
  onInit(vitest) {
    this.root = vitest.config.root;
  }

  /**
   * @param {ReadonlyArray<import('vitest/node').TestModule>} modules
   * @param {ReadonlyArray<{ message?: string }>} unhandledErrors
   */
  onTestRunEnd(modules, unhandledErrors) {
    /** @type {Record<string, ProjectCounts>} */
    const projects = {};
    for (const m of modules) {
      // A browser project's instance is named "<project> (<browser>)".
      const name = m.project.name.replace(/ \([a-z]+\)$/, '');
      const p = (projects[name] ??= {
        files: 0,
        passed: 0,
        failed: 0,
        skipped: 0,
        errors: [],
        failures: [],
        skips: [],
      });
      const file = relative(this.root, m.moduleId);
      p.files += 1;
      // An error outside any test (a failed import, a throwing beforeAll) fails the file.
      for (const e of m.errors()) p.errors.push(`${file}: ${e.message ?? 'error outside a test'}`);
      for (const suite of m.children.allSuites())
        for (const e of suite.errors())
          p.errors.push(`${file} › ${suite.fullName}: ${e.message ?? 'error in a hook'}`);
      for (const t of m.children.allTests()) {
        const r = t.result();
        if (r.state === 'passed') p.passed += 1;
        else if (r.state === 'skipped') {
          p.skipped += 1;
          // Not run because a hook of its suite (or the file's import) failed: that failure is reported.
          let blocked = m.errors().length > 0;
          for (let s = t.parent; !blocked && s.type === 'suite'; s = s.parent)
            blocked = s.state() === 'failed';
          const note = r.note?.trim() || undefined;
          p.skips.push({
            file,
            name: t.fullName,
            mode: t.options.mode,
            note,
            ...(blocked ? { blocked } : {}),
          });
        } else {
          p.failed += 1; // failed, or still pending when the run ended
          p.failures.push(
            failureLine(`${name} › ${file} › ${t.fullName}`, r.errors?.[0]?.message ?? r.state),
          );
        }
      }
    }
    const out = process.env.OTKLIK_VITEST_SUMMARY;
    const summary = { projects, unhandledErrors: unhandledErrors.map((e) => e.message ?? String(e)) };
    if (out) writeFileSync(out, JSON.stringify(summary, null, 2));
  }
}
