import { PASSWORD_MIN } from '../../../shared/console/protocol';

/** What is wrong with a new password before it is sent (HQ checks the same length again). */
export function passwordProblem(password: string, again: string): 'too_short' | 'mismatch' | null {
  if (password.length < PASSWORD_MIN) return 'too_short';
  if (password !== again) return 'mismatch';
  return null;
}
