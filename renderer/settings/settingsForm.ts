import type { i18n as I18n } from 'i18next';
import {
  DEFAULT_TIME_ZONE,
  withSettingsDefaults,
  type Country,
  type Language,
  type SettingsError,
  type WorkstationSettings,
} from '../../shared/settings/workstation';
import { formatDate } from '../i18n/format';

/** First run: the country follows the interface language, the zone the PC's when it is one of ours. */
export function firstRunSettings(language: Language): WorkstationSettings {
  const machineZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const country: Country =
    language === 'uk' ? 'UA' : language === 'cs' ? 'CZ' : language === 'ko' ? 'KR' : 'RU';
  const zone = Object.values(DEFAULT_TIME_ZONE).includes(machineZone)
    ? machineZone
    : DEFAULT_TIME_ZONE[country];
  return withSettingsDefaults({
    branchCode: '',
    branchName: '',
    country,
    timeZone: zone,
    language,
    station: 1,
  });
}

/** The sentence under a settings field for one validation error, in the user's language. */
export function settingsErrorMessage(i18n: I18n, e: SettingsError): string {
  const t = i18n.t;
  // A calendar date is shown as the user reads dates; noon UTC keeps it the same day in any zone.
  const date = e.params?.date ? formatDate(`${e.params.date}T12:00:00Z`, i18n.language, 'UTC') : '';
  switch (e.code) {
    case 'too_long':
      return t('validation:too_long', { count: e.params?.max ?? 0 });
    case 'out_of_range':
      return t('validation:out_of_range', { min: e.params?.min ?? 0, max: e.params?.max ?? 0 });
    case 'too_many':
      return t('validation:too_many', { count: e.params?.max ?? 0 });
    case 'invalid_date':
      return t('validation:invalid_calendar_date', { date: e.params?.date ?? '' });
    case 'date_in_both_lists':
      return t('validation:date_in_both_lists', { date });
    default:
      return t(`validation:${e.code}`);
  }
}
