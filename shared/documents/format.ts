import type { DocumentDue } from './model';
import { majorAmount, minorDigits, type Money } from './money';
import type { LocalDate } from '../time/local-date';

/**
 * Dates and sums on documents: the document's language, the branch's zone (never the PC's), long forms
 * for paper ("28 сентября 2026 г.", "2026년 9월 28일").
 */
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lng: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lng}|${timeZone}|${withTime}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lng, {
      dateStyle: 'long',
      ...(withTime ? { timeStyle: 'short' } : {}),
      timeZone,
    });
    cache.set(key, f);
  }
  return f;
}

export function docDate(iso: string | Date, lng: string, timeZone: string): string {
  return formatter(lng, timeZone, false).format(new Date(iso));
}

export function docDateTime(iso: string | Date, lng: string, timeZone: string): string {
  return formatter(lng, timeZone, true).format(new Date(iso));
}

/** A calendar date as it is (noon UTC, formatted in UTC, cannot slip to a neighbouring day). */
export function docLocalDate(date: LocalDate, lng: string): string {
  return formatter(lng, 'UTC', false).format(new Date(`${date}T12:00:00Z`));
}

/** A deadline: its date in the branch zone, with the time only for an hour-based term. */
export function docDue(due: DocumentDue, lng: string, timeZone: string): string {
  return due.withTime ? docDateTime(due.at, lng, timeZone) : docLocalDate(due.date, lng);
}

export function docMoney(money: Money, lng: string): string {
  const digits = minorDigits(money.currency);
  return new Intl.NumberFormat(lng, {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(majorAmount(money));
}
