/** R25. Russian is the main language of the users and the default. */
export const LANGUAGES = ['ru', 'uk', 'en', 'cs', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ru';

/**
 * Each language's name in that language itself (the switcher shows them so everyone finds their own), as the
 * runtime's Intl.DisplayNames words them, capitalised. Written out: asking Intl loads each locale's display
 * data, ~7 ms a language on every start, for the header's switcher (issue 17: opening the app).
 */
export const ENDONYMS: Record<Language, string> = {
  ru: 'Русский',
  uk: 'Українська',
  en: 'English',
  cs: 'Čeština',
  ko: '한국어',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
