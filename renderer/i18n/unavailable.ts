import type { Language } from '../../shared/settings/workstation';

/**
 * What the screen says when its language's texts could not be loaded (a damaged install, a chunk missing
 * from the offline shell): written out here, in each language, because it cannot come from the catalogue
 * that failed. The screen itself is then shown in the fallback language (Russian); if that is the one that
 * failed, in the catalogues' keys.
 */
export const LANGUAGE_UNAVAILABLE: Record<Language, { text: string; retry: string }> = {
  ru: {
    text: 'Не удалось загрузить тексты на русском языке.',
    retry: 'Попробовать снова',
  },
  uk: {
    text: 'Тексти цією мовою не завантажилися, тому екран показано російською.',
    retry: 'Спробувати знову',
  },
  en: {
    text: 'This language could not be loaded, so the screen is shown in Russian.',
    retry: 'Try again',
  },
  cs: {
    text: 'Texty v tomto jazyce se nenačetly, proto je obrazovka zobrazena rusky.',
    retry: 'Zkusit znovu',
  },
  ko: {
    text: '이 언어의 텍스트를 불러오지 못해 화면이 러시아어로 표시됩니다.',
    retry: '다시 시도',
  },
};
