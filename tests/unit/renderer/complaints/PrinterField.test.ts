import { act, createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PrinterField } from '../../../../renderer/complaints/PrinterField';
import { pageRoots } from '../fixtures';
import { initI18n, i18next } from '../../../../renderer/i18n';
import { platform } from '../../../../renderer/platform';

// Issue 16: the printer choice of the Print panel. The desktop app's printers come through the platform
// bridge (mocked here: there is no Electron binary); a browser has none and shows no choice.

const roots = pageRoots();
beforeAll(() => initI18n('en'));
afterEach(() => {
  vi.restoreAllMocks();
});

async function render(printer: string, onChange = vi.fn()) {
  const { root, host } = roots.mount();
  await act(async () => {
    root.render(
      createElement(
        I18nextProvider,
        { i18n: i18next },
        createElement(PrinterField, { printer, disabled: false, onChange }),
      ),
    );
  });
  return { host, onChange };
}

describe('PrinterField', () => {
  it('lists the system printers after the default, shows the remembered one, and reports a choice', async () => {
    vi.spyOn(platform, 'printers').mockResolvedValue([
      { name: 'EPSON_TM_T20', displayName: 'EPSON TM-T20 (receipt)', description: '' },
      { name: 'HP_A4', displayName: 'HP LaserJet', description: '' },
    ]);
    const { host, onChange } = await render('HP_A4');
    const select = host.querySelector<HTMLSelectElement>('[data-testid="print-printer"]')!;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Default printer (choose when printing)',
      'EPSON TM-T20 (receipt)',
      'HP LaserJet',
    ]);
    expect(select.value).toBe('HP_A4');
    await act(async () => {
      select.value = 'EPSON_TM_T20';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(onChange).toHaveBeenCalledWith('EPSON_TM_T20');
  });

  it('a remembered printer that is gone stays visible, to be changed', async () => {
    vi.spyOn(platform, 'printers').mockResolvedValue([{ name: 'HP_A4', displayName: 'HP', description: '' }]);
    const { host } = await render('Old_Printer');
    const select = host.querySelector<HTMLSelectElement>('[data-testid="print-printer"]')!;
    expect(select.value).toBe('Old_Printer');
  });

  it('no printers (a browser, or the list failed): no choice shown', async () => {
    vi.spyOn(platform, 'printers').mockRejectedValue(new Error('no bridge'));
    const { host } = await render('');
    expect(host.querySelector('[data-testid="print-printer"]')).toBeNull();
  });
});
