import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The integration files that take longest (they start HQ processes, run the fuzz world or hash passwords
 * on two databases), measured on the two-core CI machine kind, seconds per file with three files at a time.
 * They start first, so the suite does not end waiting on one long file that began last: on a clean clone
 * vitest has no timings of its own and would order by file size (issue 17: CI time). A file missing here
 * only loses its head start; a renamed one is reported by tests/unit/config/sequencer.test.ts.
 */
export const SLOW_FIRST: Record<string, number> = {
  'tests/integration/hq/app.fuzz.test.ts': 109,
  'tests/integration/hq/db/embedded.test.ts': 80,
  'tests/integration/hq/db/embedded.admin.test.ts': 80,
  'tests/integration/hq/people/sessions.test.ts': 61,
  'tests/integration/hq/mail/worker.month.test.ts': 60,
  'tests/integration/hq/db/embedded.files.test.ts': 40,
  'tests/integration/hq/people/commands.test.ts': 39,
  'tests/integration/hq/mail/worker.test.ts': 35,
  'tests/integration/hq/http/limits.test.ts': 32,
  'tests/integration/hq/mail/worker.processes.test.ts': 31,
  'tests/integration/hq/devices/revocation.processes.test.ts': 29,
  'tests/integration/hq/mail/status.test.ts': 28,
};

const weight = (spec: TestSpecification): number => {
  const file = spec.moduleId.slice(spec.project.config.root.length + 1).replaceAll('\\', '/');
  return SLOW_FIRST[file] ?? 0;
};

/** Vitest's own order (its timings when it has them, else larger files first), the known slow files ahead. */
export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Projects run one after another in vitest's order; inside each, a stable sort by weight (equal
    // weights keep vitest's order).
    const projects = [...new Set(sorted.map((s) => s.project.name))];
    return projects.flatMap((name) =>
      sorted.filter((s) => s.project.name === name).sort((a, b) => weight(b) - weight(a)),
    );
  }
}
