import { describe, expect, it } from 'vitest';
import { customerLanguageOf } from '../../../../shared/documents/language';
import type { Language } from '../../../../shared/settings/workstation';

// Issue 16 (R9, R25): documents are in the language recorded on the complaint; older complaints (none
// recorded) and a value the app does not know fall back to the branch's language.
describe('customerLanguageOf', () => {
  it.each<[string, unknown, Language, Language]>([
    ['recorded: Korean at a Russian branch', 'ko', 'ru', 'ko'],
    ['recorded: the branch language itself', 'cs', 'cs', 'cs'],
    ['recorded: English at a Ukrainian branch', 'en', 'uk', 'en'],
    ['registered before the field existed', undefined, 'uk', 'uk'],
    ['an unknown code (hand-edited record)', 'de', 'ko', 'ko'],
    ['an empty string', '', 'en', 'en'],
  ])('%s', (_name, recorded, branch, expected) => {
    expect(customerLanguageOf({ customerLanguage: recorded as Language }, branch)).toBe(expected);
  });
});
