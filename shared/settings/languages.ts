/** R25. Russian is the main language of the users and the default. */
export const LANGUAGES = ['ru', 'uk', 'en', 'cs', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ru';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
