import { majorAmount, type Money } from '../../shared/documents/money';
import { ENDONYMS, isLanguage } from '../../shared/settings/languages';
import { zonedParts } from '../../shared/time/zoned';

/** Dates are shown in the branch's zone and the user's language, whatever the PC is set to. */
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lng: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lng}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lng, { ...options, timeZone });
    cache.set(key, f);
  }
  return f;
}

export function formatDateTime(iso: string, lng: string, timeZone: string): string {
  return formatter(lng, timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string | Date, lng: string, timeZone: string): string {
  return formatter(lng, timeZone, { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatTime(iso: string, lng: string, timeZone: string): string {
  return formatter(lng, timeZone, { timeStyle: 'short' }).format(new Date(iso));
}

/**
 * "in 3 days", "2 hours ago": minutes within the hour, hours within two days, days beyond. The countdown
 * of a deadline (R7, R11) in the user's language.
 */
export function formatRelative(target: Date, now: Date, lng: string): string {
  const diff = target.getTime() - now.getTime();
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(lng, { numeric: 'always' });
  if (abs < 3_600_000) return rtf.format(Math.round(diff / 60_000), 'minute');
  if (abs < 48 * 3_600_000) return rtf.format(Math.round(diff / 3_600_000), 'hour');
  return rtf.format(Math.round(diff / 86_400_000), 'day');
}

/** A deadline at the very end of a day (day-based terms) reads as that date alone. */
export function isEndOfDay(instant: Date, timeZone: string): boolean {
  const p = zonedParts(instant, timeZone);
  return p.hour === 23 && p.minute === 59;
}

export function regionName(region: string, lng: string): string {
  return new Intl.DisplayNames([lng], { type: 'region' }).of(region) ?? region;
}

/** A language's name in the screen's language («чешский», "Czech"); the code when the runtime has none. */
export function languageName(code: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A language's name in that language itself, so everyone can find their own in the switcher. */
export function endonym(language: string): string {
  if (isLanguage(language)) return ENDONYMS[language];
  const name = new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

export function joinOr(items: string[], lng: string): string {
  return new Intl.ListFormat(lng, { type: 'disjunction' }).format(items);
}

/** A file's size for people: "830 КБ", "2,4 MB" — in the user's language (binary units, as the 25 MB limit). */
export function formatFileSize(bytes: number, lng: string): string {
  const [value, unit] =
    bytes < 1024
      ? [bytes, 'byte']
      : bytes < 1024 ** 2
        ? [bytes / 1024, 'kilobyte']
        : [bytes / 1024 ** 2, 'megabyte'];
  return new Intl.NumberFormat(lng, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 && unit !== 'byte' ? 1 : 0,
  }).format(value);
}

/** R16: an amount in integer minor units, in its currency and the user's language. */
export function formatMoney(money: Money, lng: string): string {
  return new Intl.NumberFormat(lng, { style: 'currency', currency: money.currency }).format(
    majorAmount(money),
  );
}
