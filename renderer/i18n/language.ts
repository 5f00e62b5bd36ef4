import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../shared/settings/workstation';

// The interface language is also kept outside IndexedDB, so the very first paint is already translated.
export const LANGUAGE_KEY = 'otklik.language';

export function rememberedLanguage(): Language {
  try {
    const value = localStorage.getItem(LANGUAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Storage full or blocked: the language still applies for this session.
  }
}
