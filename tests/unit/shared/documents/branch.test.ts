import { describe, expect, it } from 'vitest';
import { branchDetailsOf, branchDetailsOfDirectory } from '../../../../shared/documents';
import { SETTINGS_DEFAULTS, type WorkstationSettings } from '../../../../shared/settings/workstation';

// Issue 16 item 3: the branch as its documents name it — from the workstation's settings (HQ's directory
// values included once pulled) and from HQ's directory (e-mailed copies, the console).
describe('branchDetailsOfDirectory', () => {
  const entry = { code: 'PRG-01', name: 'Praha', country: 'CZ', timeZone: 'Europe/Prague', language: 'cs' };
  it.each([
    ['nothing set: the branch alone', {}, { address: '', phone: '', email: '', opens: '', closes: '' }],
    [
      'address, phone and hours, trimmed',
      {
        address: ' Národní 12 ',
        phone: ' +420 221 123 456 ',
        hours: ' po–pá 9–18 ',
        headOfSalesName: ' Jiří ',
      },
      { address: 'Národní 12', phone: '+420 221 123 456', hours: 'po–pá 9–18', headOfSalesName: 'Jiří' },
    ],
    [
      'a country or language this version does not know',
      { country: 'XX', language: 'xx' },
      { country: 'RU', language: 'ru' },
    ],
  ] as const)('%s', (_name, patch, expected) => {
    const details = branchDetailsOfDirectory({ ...entry, ...patch });
    expect(details).toMatchObject({ code: 'PRG-01', name: 'Praha', timeZone: 'Europe/Prague', ...expected });
    if (!('hours' in patch)) expect(details.hours).toBeUndefined();
  });
});

describe('branchDetailsOf', () => {
  it('opening hours set by HQ are printed; without them the office hours are', () => {
    const s = { ...SETTINGS_DEFAULTS, branchCode: 'MSK-01', branchName: 'Москва' } as WorkstationSettings;
    expect(branchDetailsOf(s).hours).toBeUndefined();
    expect(branchDetailsOf(s)).toMatchObject({ opens: s.officeOpens, closes: s.officeCloses });
    expect(branchDetailsOf({ ...s, branchHours: ' пн–пт 9–18 ' }).hours).toBe('пн–пт 9–18');
  });
});
