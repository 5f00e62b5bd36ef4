import 'i18next';
import type { ReferenceResources } from './resources';

// Typed keys: t('nav.complaints') is checked against the Russian catalogue at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: ReferenceResources;
    returnNull: false;
  }
}
