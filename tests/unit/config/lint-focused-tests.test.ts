import { describe, expect, it } from 'vitest';
import { ruleIds } from './eslint-rules';

// Issue 18: lint refuses a focused test, which would quietly turn a whole suite into one test.

// The first case loads the whole ESLint config; on a busy two-core machine that alone can take seconds.
describe('focused tests', { timeout: 30_000 }, () => {
  it.each([
    ['tests/unit/x.test.ts', "import { it } from 'vitest';\nit.only('x', () => {});"],
    ['tests/unit/x.test.ts', "import { describe } from 'vitest';\ndescribe.only('x', () => {});"],
    ['tests/integration/x.test.ts', "import { it } from 'vitest';\nit.concurrent.only('x', () => {});"],
    ['tests/e2e/x.spec.ts', "import { test } from '@playwright/test';\ntest.only('x', () => {});"],
    ['tests/e2e/x.spec.ts', "import { test } from '@playwright/test';\ntest.describe.only('x', () => {});"],
  ])('%s: %s is refused', async (file, code) => {
    expect(await ruleIds(file, code)).toContain('no-restricted-properties');
  });

  it('the same test without .only passes', async () => {
    expect(await ruleIds('tests/unit/x.test.ts', "import { it } from 'vitest';\nit('x', () => {});")).toEqual(
      [],
    );
  });
});
