import ruCommon from '../../locales/ru/common.json';
import ruComplaints from '../../locales/ru/complaints.json';
import ruSettings from '../../locales/ru/settings.json';
import ruValidation from '../../locales/ru/validation.json';
import ruLifecycle from '../../locales/ru/lifecycle.json';
import ruBook from '../../locales/ru/book.json';
import ruMail from '../../locales/ru/mail.json';
import ruSync from '../../locales/ru/sync.json';
import ruDocuments from '../../locales/ru/documents.json';
import ruConsole from '../../locales/ru/console.json';
import ruPeople from '../../locales/ru/people.json';
import ruHandling from '../../locales/ru/handling.json';
import { LANGUAGES, type Language } from '../../shared/settings/workstation';

export const NAMESPACES = [
  'common',
  'complaints',
  'lifecycle',
  'settings',
  'validation',
  'book',
  'mail',
  'sync',
  'documents',
  'console',
  'people',
  'handling',
] as const;
type Namespace = (typeof NAMESPACES)[number];

/** Russian is the reference catalogue: keys are typed from it, and every other language must match it. */
export const referenceResources = {
  common: ruCommon,
  complaints: ruComplaints,
  lifecycle: ruLifecycle,
  settings: ruSettings,
  validation: ruValidation,
  book: ruBook,
  mail: ruMail,
  sync: ruSync,
  documents: ruDocuments,
  console: ruConsole,
  people: ruPeople,
  handling: ruHandling,
};

type Catalogue = Record<Namespace, Record<string, unknown>>;

// Every catalogue of every language, bundled (the app works offline from its first start).
const files = import.meta.glob<Record<string, unknown>>('../../locales/*/*.json', {
  eager: true,
  import: 'default',
});

function catalogue(lng: Language): Catalogue {
  return Object.fromEntries(
    NAMESPACES.map((ns) => {
      const file = files[`../../locales/${lng}/${ns}.json`];
      if (!file) throw new Error(`Missing catalogue locales/${lng}/${ns}.json`);
      return [ns, file];
    }),
  ) as Catalogue;
}

export const resources = Object.fromEntries(LANGUAGES.map((l) => [l, catalogue(l)])) as Record<
  Language,
  Catalogue
>;
