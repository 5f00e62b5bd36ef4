import type { OfficeHours } from '../book/risk';
import { isValidBranchCode, isValidStation } from '../complaints/numbering';
import { UKRAINE_MARTIAL_LAW_DEFAULT, type BranchCalendar } from '../deadlines/calendar';
import {
  DEFAULT_POLICY_ID,
  POLICY_PRESET_IDS,
  POLICY_PRESETS,
  type ConsiderationPolicy,
  type PolicyPresetId,
} from '../deadlines/policies';
import { DUPLICATE_WINDOW_RANGE } from '../handling/duplicates';
import { isLocalDate } from '../time/local-date';
import { COUNTRIES, type Country } from './countries';
import { isLanguage, type Language } from './languages';
import { isValidTimeZone } from '../time/zoned';

export { COUNTRIES, type Country } from './countries';

export const DEFAULT_TIME_ZONE: Record<Country, string> = {
  RU: 'Europe/Moscow',
  UA: 'Europe/Kyiv',
  CZ: 'Europe/Prague',
  KR: 'Asia/Seoul',
};

// R25: the five languages live in ./languages (the complaint model names the customer's language too).
export { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from './languages';

/** Issue 14: the idle times the workstation may lock after; 5 minutes unless the branch chose otherwise. */
export const AUTO_LOCK_CHOICES = [30, 60, 120, 300, 600, 900, 1800] as const;
export type AutoLockSeconds = (typeof AUTO_LOCK_CHOICES)[number];

/** This PC at the counter: the branch it belongs to and how it works. */
export interface WorkstationSettings {
  branchCode: string;
  branchName: string;
  /**
   * How customers reach the branch, printed on every document (R9): postal address, phone, e-mail. Optional:
   * a profile saved before they existed has them empty, and a document then names the branch alone.
   */
  branchAddress?: string;
  branchPhone?: string;
  branchEmail?: string;
  /** Issue 16 item 3: opening hours as text, set only by HQ's directory (printed on documents). */
  branchHours?: string;
  country: Country;
  /** IANA zone of the branch: every local date and deadline is computed in it, never in the PC's zone. */
  timeZone: string;
  language: Language;
  /**
   * Issue 14: the screen locks after this many seconds with no input (customer data is on screen at a public
   * counter). Who is at the counter is no longer a setting: it is the employee signed in (renderer/people).
   */
  autoLockSeconds: AutoLockSeconds;
  /** 1–9, unique within the branch: keeps complaint numbers of two offline PCs apart. */
  station: number;
  /** HQ server address, e.g. https://hq.example.com; empty until the branch is connected. */
  hqUrl: string;
  /** Branch calendar: 'YYYY-MM-DD' dates the branch is closed although a working day… */
  extraDaysOff: string[];
  /** …and dates it works although a weekend or holiday. */
  extraWorkingDays: string[];
  /** Ukraine only: martial law suspends public holidays (they are working days). */
  ukraineMartialLaw: boolean;
  /** Consideration terms (R9, R10): one of shared/deadlines POLICY_PRESETS. */
  policyId: PolicyPresetId;
  /**
   * R7 managers' directory, kept locally until HQ provides it: who receives the feedback-book photos
   * (the branch's direct manager) and who gets a copy (the head of sales and customer service).
   */
  managerName: string;
  managerEmail: string;
  headOfSalesName: string;
  headOfSalesEmail: string;
  /** R7 early warning: this many working hours before the 11:00 deadline… */
  bookWarnHours: number;
  /** …or when the link to HQ has been down this many minutes. */
  offlineWarnMinutes: number;
  /** The branch's counter hours, 'HH:MM' in the branch's zone: the working hours of that warning. */
  officeOpens: string;
  officeCloses: string;
  /** Stored and mailed photos: long edge in pixels and JPEG quality (readable handwriting, small files). */
  photoLongEdge: number;
  photoQuality: number;
  /**
   * R10 (issue 15): the branch's own approval thresholds (integer minor units by currency) and duplicate
   * window, set by its branch manager; in force only where HQ allows it (shared/handling/policy
   * `effectiveHandlingPolicy`: thresholds only stricter than HQ's). Absent: HQ's values.
   */
  localHandling?: LocalHandling;
}

export interface LocalHandling {
  approvalThresholds?: Record<string, number>;
  duplicates?: { windowDays?: number };
}

/** Currencies the branch's own thresholds may list (as HQ's: shared/handling/policy). */
const MAX_LOCAL_THRESHOLDS = 20;

/** Bounds of the numeric settings, shown in the form and checked on save. */
export const NUMERIC_SETTING_RANGES = {
  bookWarnHours: { min: 0, max: 24, step: 1 },
  offlineWarnMinutes: { min: 5, max: 1440, step: 5 },
  photoLongEdge: { min: 1000, max: 4000, step: 100 },
  photoQuality: { min: 0.5, max: 0.95, step: 0.05 },
} as const;
export type NumericSetting = keyof typeof NUMERIC_SETTING_RANGES;

/** What a profile saved before a field existed gets for it. */
export const SETTINGS_DEFAULTS = {
  extraDaysOff: [] as string[],
  extraWorkingDays: [] as string[],
  ukraineMartialLaw: UKRAINE_MARTIAL_LAW_DEFAULT,
  policyId: DEFAULT_POLICY_ID as PolicyPresetId,
  hqUrl: '',
  branchAddress: '',
  branchPhone: '',
  branchEmail: '',
  managerName: '',
  managerEmail: '',
  headOfSalesName: '',
  headOfSalesEmail: '',
  bookWarnHours: 2,
  offlineWarnMinutes: 60,
  officeOpens: '09:00',
  officeCloses: '18:00',
  photoLongEdge: 2000,
  photoQuality: 0.85,
  autoLockSeconds: 300 as AutoLockSeconds,
};

export function withSettingsDefaults(stored: Partial<WorkstationSettings>): WorkstationSettings {
  return { ...SETTINGS_DEFAULTS, ...stored } as WorkstationSettings;
}

export function branchCalendarOf(s: WorkstationSettings): BranchCalendar {
  return {
    country: s.country,
    timeZone: s.timeZone,
    extraDaysOff: s.extraDaysOff,
    extraWorkingDays: s.extraWorkingDays,
    ukraineMartialLaw: s.ukraineMartialLaw,
  };
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of a 'HH:MM' wall-clock time, or null when it is not one. */
export function minutesOfDay(value: string): number | null {
  const m = TIME_OF_DAY.exec(value.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** The office hours the at-risk rule counts in (R7); the defaults stand in for a value that is not valid. */
export function officeHoursOf(s: WorkstationSettings): OfficeHours {
  const opens = minutesOfDay(s.officeOpens);
  const closes = minutesOfDay(s.officeCloses);
  if (opens === null || closes === null || closes <= opens)
    return {
      opensMinute: minutesOfDay(SETTINGS_DEFAULTS.officeOpens)!,
      closesMinute: minutesOfDay(SETTINGS_DEFAULTS.officeCloses)!,
    };
  return { opensMinute: opens, closesMinute: closes };
}

export function policyOf(s: WorkstationSettings): ConsiderationPolicy {
  return POLICY_PRESETS[s.policyId] ?? POLICY_PRESETS[DEFAULT_POLICY_ID];
}

export const MAX_EXTRA_DAYS = 400;
export const BRANCH_ADDRESS_MAX = 300;
export const BRANCH_PHONE_MAX = 40;

export type SettingsField = keyof WorkstationSettings;
export type SettingsErrorCode =
  | 'required'
  | 'invalid_branch_code'
  | 'invalid_choice'
  | 'invalid_time_zone'
  | 'invalid_station'
  | 'invalid_url'
  | 'invalid_email'
  | 'out_of_range'
  | 'invalid_date'
  | 'date_in_both_lists'
  | 'too_many'
  | 'too_long'
  | 'invalid_time'
  | 'closes_before_opens';

export interface SettingsError {
  field: SettingsField;
  code: SettingsErrorCode;
  params?: { max?: number; min?: number; date?: string };
}

export function normalizeWorkstationSettings(s: WorkstationSettings): WorkstationSettings {
  return {
    ...s,
    branchCode: s.branchCode.trim().toUpperCase(),
    branchName: s.branchName.trim(),
    branchAddress: (s.branchAddress ?? '').trim(),
    branchPhone: (s.branchPhone ?? '').trim(),
    branchEmail: (s.branchEmail ?? '').trim(),
    ...(s.branchHours !== undefined ? { branchHours: s.branchHours.trim() } : {}),
    timeZone: s.timeZone.trim(),
    hqUrl: s.hqUrl.trim().replace(/\/+$/, ''),
    managerName: s.managerName.trim(),
    managerEmail: s.managerEmail.trim(),
    headOfSalesName: s.headOfSalesName.trim(),
    headOfSalesEmail: s.headOfSalesEmail.trim(),
    officeOpens: s.officeOpens.trim(),
    officeCloses: s.officeCloses.trim(),
    extraDaysOff: [...new Set(s.extraDaysOff.map((d) => d.trim()))].sort(),
    extraWorkingDays: [...new Set(s.extraWorkingDays.map((d) => d.trim()))].sort(),
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

/** A practical check (what mail clients accept), not the full RFC 5322 grammar. */
export function isValidEmail(value: string): boolean {
  return /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:.]{2,}$/.test(value) && value.length <= 254;
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
  if (s.branchAddress!.length > BRANCH_ADDRESS_MAX)
    add('branchAddress', 'too_long', { max: BRANCH_ADDRESS_MAX });
  if (s.branchPhone!.length > BRANCH_PHONE_MAX) add('branchPhone', 'too_long', { max: BRANCH_PHONE_MAX });
  if (s.branchEmail && !isValidEmail(s.branchEmail)) add('branchEmail', 'invalid_email');
  if (!(COUNTRIES as readonly string[]).includes(s.country)) add('country', 'invalid_choice');
  if (!isValidTimeZone(s.timeZone)) add('timeZone', 'invalid_time_zone');
  if (!isLanguage(s.language)) add('language', 'invalid_choice');
  if (!(AUTO_LOCK_CHOICES as readonly number[]).includes(s.autoLockSeconds))
    add('autoLockSeconds', 'invalid_choice');
  if (!isValidStation(s.station)) add('station', 'invalid_station');
  if (s.hqUrl && !isValidHqUrl(s.hqUrl)) add('hqUrl', 'invalid_url');
  for (const field of ['extraDaysOff', 'extraWorkingDays'] as const) {
    const bad = s[field].find((d) => !isLocalDate(d));
    if (bad !== undefined) add(field, 'invalid_date', { date: bad });
    else if (s[field].length > MAX_EXTRA_DAYS) add(field, 'too_many', { max: MAX_EXTRA_DAYS });
  }
  const both = s.extraWorkingDays.find((d) => s.extraDaysOff.includes(d));
  if (both !== undefined) add('extraWorkingDays', 'date_in_both_lists', { date: both });
  if (!(POLICY_PRESET_IDS as readonly string[]).includes(s.policyId)) add('policyId', 'invalid_choice');
  for (const field of ['managerName', 'headOfSalesName'] as const)
    if (s[field].length > 120) add(field, 'too_long', { max: 120 });
  for (const field of ['managerEmail', 'headOfSalesEmail'] as const)
    if (s[field] && !isValidEmail(s[field])) add(field, 'invalid_email');
  const opens = minutesOfDay(s.officeOpens);
  const closes = minutesOfDay(s.officeCloses);
  if (opens === null) add('officeOpens', 'invalid_time');
  if (closes === null) add('officeCloses', 'invalid_time');
  else if (opens !== null && closes <= opens) add('officeCloses', 'closes_before_opens');
  for (const [field, range] of Object.entries(NUMERIC_SETTING_RANGES) as [
    NumericSetting,
    (typeof NUMERIC_SETTING_RANGES)[NumericSetting],
  ][]) {
    const v = s[field];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < range.min || v > range.max)
      add(field, 'out_of_range', { min: range.min, max: range.max });
  }
  const own = s.localHandling;
  const thresholds = Object.entries(own?.approvalThresholds ?? {});
  if (
    thresholds.length > MAX_LOCAL_THRESHOLDS ||
    thresholds.some(([c, v]) => !/^[A-Z]{3}$/.test(c) || !Number.isSafeInteger(v) || v < 0)
  )
    add('localHandling', 'out_of_range', { min: 0 });
  const days = own?.duplicates?.windowDays;
  if (
    days !== undefined &&
    (!Number.isInteger(days) || days < DUPLICATE_WINDOW_RANGE.min || days > DUPLICATE_WINDOW_RANGE.max)
  )
    add('localHandling', 'out_of_range', DUPLICATE_WINDOW_RANGE);
  return errors;
}
