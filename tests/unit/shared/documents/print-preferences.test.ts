import { describe, expect, it } from 'vitest';
import {
  defaultPrintPreferences,
  printChoice,
  readPrintPreferences,
  rememberPrintChoice,
} from '../../../../shared/documents';

describe('remembered printer and format (issue 16)', () => {
  it('starts on A4 with the system printer', () => {
    expect(printChoice(defaultPrintPreferences(), 'acknowledgement')).toEqual({ format: 'a4', printer: '' });
  });

  it('remembers the paper per document and the printer per paper', () => {
    let prefs = defaultPrintPreferences();
    prefs = rememberPrintChoice(prefs, 'acknowledgement', { format: 'receipt80', printer: 'EPSON TM-T20' });
    prefs = rememberPrintChoice(prefs, 'record', { format: 'a4', printer: 'HP Office' });
    expect(printChoice(prefs, 'acknowledgement')).toEqual({ format: 'receipt80', printer: 'EPSON TM-T20' });
    expect(printChoice(prefs, 'decision_letter')).toEqual({ format: 'a4', printer: 'HP Office' });
    expect(readPrintPreferences(JSON.parse(JSON.stringify(prefs)))).toEqual(prefs);
  });

  it.each([
    ['nothing stored', undefined],
    ['not an object', 'a4'],
    ['unknown format', { formats: { acknowledgement: 'letter' } }],
    ['printer not a string', { printers: { a4: 42 } }],
    ['printer name too long', { printers: { a4: 'x'.repeat(300) } }],
  ])('reads %s as the defaults', (_name, stored) => {
    expect(readPrintPreferences(stored)).toEqual(defaultPrintPreferences());
  });

  it('refuses to remember a format that does not exist', () => {
    const prefs = defaultPrintPreferences();
    expect(rememberPrintChoice(prefs, 'record', { format: 'letter' as 'a4', printer: '' })).toBe(prefs);
  });
});
