import ruCommon from '../../locales/ru/common.json';
import ruComplaints from '../../locales/ru/complaints.json';
import ruSettings from '../../locales/ru/settings.json';
import ruValidation from '../../locales/ru/validation.json';
import ruLifecycle from '../../locales/ru/lifecycle.json';
import ruSync from '../../locales/ru/sync.json';
import ukCommon from '../../locales/uk/common.json';
import ukComplaints from '../../locales/uk/complaints.json';
import ukSettings from '../../locales/uk/settings.json';
import ukValidation from '../../locales/uk/validation.json';
import ukLifecycle from '../../locales/uk/lifecycle.json';
import ukSync from '../../locales/uk/sync.json';
import enCommon from '../../locales/en/common.json';
import enComplaints from '../../locales/en/complaints.json';
import enSettings from '../../locales/en/settings.json';
import enValidation from '../../locales/en/validation.json';
import enLifecycle from '../../locales/en/lifecycle.json';
import enSync from '../../locales/en/sync.json';
import csCommon from '../../locales/cs/common.json';
import csComplaints from '../../locales/cs/complaints.json';
import csSettings from '../../locales/cs/settings.json';
import csValidation from '../../locales/cs/validation.json';
import csLifecycle from '../../locales/cs/lifecycle.json';
import csSync from '../../locales/cs/sync.json';
import koCommon from '../../locales/ko/common.json';
import koComplaints from '../../locales/ko/complaints.json';
import koSettings from '../../locales/ko/settings.json';
import koValidation from '../../locales/ko/validation.json';
import koLifecycle from '../../locales/ko/lifecycle.json';
import koSync from '../../locales/ko/sync.json';
import type { Language } from '../../shared/settings/workstation';

export const NAMESPACES = ['common', 'complaints', 'lifecycle', 'settings', 'validation', 'sync'] as const;

/** Russian is the reference catalogue: keys are typed from it, and every other language must match it. */
export const referenceResources = {
  common: ruCommon,
  complaints: ruComplaints,
  lifecycle: ruLifecycle,
  settings: ruSettings,
  validation: ruValidation,
  sync: ruSync,
};

type Catalogue = Record<(typeof NAMESPACES)[number], Record<string, unknown>>;

export const resources: Record<Language, Catalogue> = {
  ru: referenceResources,
  uk: {
    common: ukCommon,
    complaints: ukComplaints,
    lifecycle: ukLifecycle,
    settings: ukSettings,
    validation: ukValidation,
    sync: ukSync,
  },
  en: {
    common: enCommon,
    complaints: enComplaints,
    lifecycle: enLifecycle,
    settings: enSettings,
    validation: enValidation,
    sync: enSync,
  },
  cs: {
    common: csCommon,
    complaints: csComplaints,
    lifecycle: csLifecycle,
    settings: csSettings,
    validation: csValidation,
    sync: csSync,
  },
  ko: {
    common: koCommon,
    complaints: koComplaints,
    lifecycle: koLifecycle,
    settings: koSettings,
    validation: koValidation,
    sync: koSync,
  },
};
