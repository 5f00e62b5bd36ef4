import i18next from 'i18next';
import type { Translate } from '../shared/mail/content';
import { LANGUAGES, type Language } from '../shared/settings/workstation';
import complaintsCs from '../locales/cs/complaints.json';
import complaintsEn from '../locales/en/complaints.json';
import complaintsKo from '../locales/ko/complaints.json';
import complaintsRu from '../locales/ru/complaints.json';
import complaintsUk from '../locales/uk/complaints.json';
import documentsCs from '../locales/cs/documents.json';
import documentsEn from '../locales/en/documents.json';
import documentsKo from '../locales/ko/documents.json';
import documentsRu from '../locales/ru/documents.json';
import documentsUk from '../locales/uk/documents.json';
import lifecycleCs from '../locales/cs/lifecycle.json';
import lifecycleEn from '../locales/en/lifecycle.json';
import lifecycleKo from '../locales/ko/lifecycle.json';
import lifecycleRu from '../locales/ru/lifecycle.json';
import lifecycleUk from '../locales/uk/lifecycle.json';
import mailCs from '../locales/cs/mail.json';
import mailEn from '../locales/en/mail.json';
import mailKo from '../locales/ko/mail.json';
import mailRu from '../locales/ru/mail.json';
import mailUk from '../locales/uk/mail.json';

/**
 * What HQ says to a customer (issue 16: the e-mail copies of their documents, the public status page), in
 * their language, from the same catalogues the app uses (locales/<lng>/*.json).
 */
const i18n = i18next.createInstance();
void i18n.init({
  resources: {
    ru: { mail: mailRu, documents: documentsRu, complaints: complaintsRu, lifecycle: lifecycleRu },
    uk: { mail: mailUk, documents: documentsUk, complaints: complaintsUk, lifecycle: lifecycleUk },
    en: { mail: mailEn, documents: documentsEn, complaints: complaintsEn, lifecycle: lifecycleEn },
    cs: { mail: mailCs, documents: documentsCs, complaints: complaintsCs, lifecycle: lifecycleCs },
    ko: { mail: mailKo, documents: documentsKo, complaints: complaintsKo, lifecycle: lifecycleKo },
  },
  supportedLngs: [...LANGUAGES],
  ns: ['mail', 'documents', 'complaints', 'lifecycle'],
  defaultNS: 'documents',
  fallbackLng: 'ru',
  interpolation: { escapeValue: false },
  initAsync: false,
});

export function customerTranslator(language: Language, ns: 'mail' | 'documents'): Translate {
  const t = i18n.getFixedT(language, ns);
  return (key, params) => String((t as (k: string, p?: unknown) => unknown)(key, params));
}
