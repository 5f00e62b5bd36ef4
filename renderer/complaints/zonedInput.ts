import { zonedParts, zonedTimeToInstant } from '../../shared/time/zoned';

/** `<input type="datetime-local">` speaks the PC's zone; the form speaks the branch's. */
export function toZonedInputValue(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const p = zonedParts(date, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

export function fromZonedInputValue(value: string, timeZone: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return '';
  try {
    return zonedTimeToInstant(m[1]!, Number(m[2]), Number(m[3]), timeZone).toISOString();
  } catch {
    return '';
  }
}
