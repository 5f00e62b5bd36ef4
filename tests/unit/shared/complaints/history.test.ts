import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { HISTORY_EVENT_KEYS, historyEventKey } from '../../../../shared/complaints/history';
import { EVENT_TYPES } from '../../../../shared/complaints/model';
import { LANGUAGES, type Language } from '../../../../shared/settings/workstation';

// R12/R25, issue 19: a history line reads as an event that happened («Іваненко продовжив(-ла) строк розгляду»),
// in every language, for every event type: never the button that records it («Продовжити строк розгляду»).

const root = join(import.meta.dirname, '../../../../locales');
const load = (lng: string, ns: string) => JSON.parse(readFileSync(join(root, lng, `${ns}.json`), 'utf8'));

/** How a past-tense event phrase starts (or ends) in each language. */
const PAST_TENSE: Record<Language, RegExp> = {
  ru: /^\p{Ll}+л\(а\)/u, // зарегистрировал(а), продлил(а)
  uk: /^\p{Ll}+в\(-ла\)/u, // зареєстрував(-ла), продовжив(-ла)
  en: /^(?:[a-z]+ed|gave|sent|made)\b/u, // registered, extended, gave
  cs: /^\p{Ll}+l\(a\)/u, // zaevidoval(a), prodloužil(a)
  ko: /함(?:\(|$)/u, // 접수함, 연장함
};

async function translator(lng: Language) {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng,
    resources: { [lng]: { complaints: load(lng, 'complaints'), lifecycle: load(lng, 'lifecycle') } },
    ns: ['complaints', 'lifecycle'],
    defaultNS: 'complaints',
    interpolation: { escapeValue: false },
  });
  return i18n;
}

/** The labels of the buttons and forms that record events and steps: imperatives, not events. */
function buttonLabels(lng: Language): string[] {
  const lifecycle = load(lng, 'lifecycle') as Record<string, Record<string, string>>;
  return [...Object.values(lifecycle.timeline!), ...Object.values(lifecycle.transition!)];
}

describe('historyEventKey', () => {
  it('has a phrase for every event type, all in the past-tense event.* section', () => {
    expect(Object.keys(HISTORY_EVENT_KEYS).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) expect(historyEventKey(type)).toBe(`event.${type}`);
  });

  describe.each(LANGUAGES)('%s', (lng) => {
    it.each([...EVENT_TYPES])('%s reads as a past event, not as a button label', async (type) => {
      const i18n = await translator(lng);
      const t = i18n.getFixedT(lng, 'complaints');
      for (const count of [1, 3]) {
        const key = historyEventKey(type);
        expect(i18n.exists(`complaints:${key}`, { count })).toBe(true);
        const line = t(key, { number: 'MSK-01-2026-100001', count });
        expect(line).not.toContain('event.');
        expect(line).toMatch(PAST_TENSE[lng]);
        for (const label of buttonLabels(lng))
          expect(line.toLowerCase(), `«${line}» vs the button «${label}»`).not.toContain(label.toLowerCase());
      }
    });
  });
});
