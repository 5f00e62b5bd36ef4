import { isValidBranchCode, isValidStation } from '../complaints/numbering';
import { isValidTimeZone } from '../time/zoned';

/** Countries whose working-day calendars the deadline engine knows (shared/deadlines). */
export const COUNTRIES = ['RU', 'UA', 'CZ', 'KR'] as const;
export type Country = (typeof COUNTRIES)[number];

export const DEFAULT_TIME_ZONE: Record<Country, string> = {
  RU: 'Europe/Moscow',
  UA: 'Europe/Kyiv',
  CZ: 'Europe/Prague',
  KR: 'Asia/Seoul',
};

/** R25. Russian is the main language of the users and the default. */
export const LANGUAGES = ['ru', 'uk', 'en', 'cs', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ru';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** This PC at the counter: the branch it belongs to and who is working at it. */
export interface WorkstationSettings {
  branchCode: string;
  branchName: string;
  country: Country;
  /** IANA zone of the branch: every local date and deadline is computed in it, never in the PC's zone. */
  timeZone: string;
  language: Language;
  /** The employee at the counter; recorded as "received by" and on every history event. */
  employeeName: string;
  /** 1–9, unique within the branch: keeps complaint numbers of two offline PCs apart. */
  station: number;
  /** HQ server address, e.g. https://hq.example.com; empty until the branch is connected. */
  hqUrl: string;
}

export type SettingsField = keyof WorkstationSettings;
export type SettingsErrorCode =
  | 'required'
  | 'invalid_branch_code'
  | 'invalid_choice'
  | 'invalid_time_zone'
  | 'invalid_station'
  | 'invalid_url'
  | 'too_long';

export interface SettingsError {
  field: SettingsField;
  code: SettingsErrorCode;
  params?: { max?: number };
}

export function normalizeWorkstationSettings(s: WorkstationSettings): WorkstationSettings {
  return {
    ...s,
    branchCode: s.branchCode.trim().toUpperCase(),
    branchName: s.branchName.trim(),
    timeZone: s.timeZone.trim(),
    employeeName: s.employeeName.trim(),
    hqUrl: s.hqUrl.trim().replace(/\/+$/, ''),
  };
}

export function isValidHqUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === ''
    );
  } catch {
    return false;
  }
}

export function validateWorkstationSettings(raw: WorkstationSettings): SettingsError[] {
  const s = normalizeWorkstationSettings(raw);
  const errors: SettingsError[] = [];
  const add = (field: SettingsField, code: SettingsErrorCode, params?: SettingsError['params']) =>
    errors.push(params ? { field, code, params } : { field, code });

  if (!s.branchCode) add('branchCode', 'required');
  else if (!isValidBranchCode(s.branchCode)) add('branchCode', 'invalid_branch_code');
  if (!s.branchName) add('branchName', 'required');
  else if (s.branchName.length > 120) add('branchName', 'too_long', { max: 120 });
  if (!(COUNTRIES as readonly string[]).includes(s.country)) add('country', 'invalid_choice');
  if (!isValidTimeZone(s.timeZone)) add('timeZone', 'invalid_time_zone');
  if (!isLanguage(s.language)) add('language', 'invalid_choice');
  if (!s.employeeName) add('employeeName', 'required');
  else if (s.employeeName.length > 120) add('employeeName', 'too_long', { max: 120 });
  if (!isValidStation(s.station)) add('station', 'invalid_station');
  if (s.hqUrl && !isValidHqUrl(s.hqUrl)) add('hqUrl', 'invalid_url');
  return errors;
}
