import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../../../../renderer/console/signin/password';
import { PASSWORD_MIN } from '../../../../../shared/console/protocol';

describe('passwordProblem', () => {
  it.each([
    ['x'.repeat(PASSWORD_MIN - 1), 'x'.repeat(PASSWORD_MIN - 1), 'too_short'],
    ['correct horse', 'correct hors', 'mismatch'],
    ['correct horse', 'correct horse', null],
  ])('%s / %s → %s', (password, again, problem) => {
    expect(passwordProblem(password, again)).toBe(problem);
  });
});
