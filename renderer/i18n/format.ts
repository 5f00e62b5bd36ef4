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

export function formatTime(iso: string, lng: string, timeZone: string): string {
  return formatter(lng, timeZone, { timeStyle: 'short' }).format(new Date(iso));
}

export function regionName(region: string, lng: string): string {
  return new Intl.DisplayNames([lng], { type: 'region' }).of(region) ?? region;
}

/** A language's name in that language itself, so everyone can find their own in the switcher. */
export function endonym(language: string): string {
  const name = new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

export function joinOr(items: string[], lng: string): string {
  return new Intl.ListFormat(lng, { type: 'disjunction' }).format(items);
}
