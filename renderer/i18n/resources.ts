import type ruCommon from '../../locales/ru/common.json';
import type ruComplaints from '../../locales/ru/complaints.json';
import type ruLifecycle from '../../locales/ru/lifecycle.json';
import type ruSettings from '../../locales/ru/settings.json';
import type ruValidation from '../../locales/ru/validation.json';
import type ruBook from '../../locales/ru/book.json';
import type ruMail from '../../locales/ru/mail.json';
import type ruSync from '../../locales/ru/sync.json';
import type ruDocuments from '../../locales/ru/documents.json';
import type ruConsole from '../../locales/ru/console.json';
import type ruPeople from '../../locales/ru/people.json';
import type ruHandling from '../../locales/ru/handling.json';
import type { Language } from '../../shared/settings/workstation';

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
export type Namespace = (typeof NAMESPACES)[number];

/**
 * Russian is the reference catalogue: keys are typed from it, and every other language must match it. Types
 * only: no catalogue is in the page's script.
 */
export interface ReferenceResources {
  common: typeof ruCommon;
  complaints: typeof ruComplaints;
  lifecycle: typeof ruLifecycle;
  settings: typeof ruSettings;
  validation: typeof ruValidation;
  book: typeof ruBook;
  mail: typeof ruMail;
  sync: typeof ruSync;
  documents: typeof ruDocuments;
  console: typeof ruConsole;
  people: typeof ruPeople;
  handling: typeof ruHandling;
}

export type Catalogue = Record<string, unknown>;

// Every catalogue of every language ships with the app (it works offline from its first start), each language
// in a chunk of its own (scripts/bundle-data.ts catalogueChunk). Only the languages in use are loaded: the
// screen's, the fallback, and a customer's when a document or the recourse panel is in it (issue 17: all five
// with the page were a quarter of the script parsed at every start).
const files = import.meta.glob<Catalogue>('../../locales/*/*.json', { import: 'default' });

/** One namespace of one language's catalogue. */
export function loadCatalogue(lng: Language, ns: Namespace): Promise<Catalogue> {
  const load = files[`../../locales/${lng}/${ns}.json`];
  if (!load) return Promise.reject(new Error(`Missing catalogue locales/${lng}/${ns}.json`));
  return load();
}
