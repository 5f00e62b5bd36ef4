import 'i18next';
import type { referenceResources } from './resources';

// Typed keys: t('nav.complaints') is checked against the Russian catalogue at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof referenceResources;
    returnNull: false;
  }
}
