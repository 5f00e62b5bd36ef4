import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterInfo } from '../../shared/ipc/contract';
import { platform } from '../platform';

/**
 * Issue 16: the printer for the chosen paper, remembered with it on this PC. Only the desktop app lists its
 * printers; in a browser there are none and the browser's print dialog chooses, so nothing is shown.
 */
export function PrinterField({
  printer,
  disabled,
  onChange,
}: {
  printer: string;
  disabled: boolean;
  onChange: (printer: string) => void;
}) {
  const { t } = useTranslation('documents');
  const [printers, setPrinters] = useState<PrinterInfo[]>([]);
  useEffect(() => {
    let live = true;
    platform
      .printers()
      .then((list) => live && setPrinters(list))
      .catch(() => live && setPrinters([]));
    return () => {
      live = false;
    };
  }, []);
  if (printers.length === 0) return null;
  // A remembered printer that is gone is still shown, so the choice is visible and can be changed.
  const names =
    printers.some((p) => p.name === printer) || !printer
      ? printers
      : [...printers, { name: printer, displayName: printer, description: '' }];
  return (
    <div className="field">
      <label htmlFor="print-printer">{t('print.printer')}</label>
      <select
        id="print-printer"
        value={printer}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        data-testid="print-printer"
      >
        <option value="">{t('print.defaultPrinter')}</option>
        {names.map((p) => (
          <option key={p.name} value={p.name}>
            {p.displayName || p.name}
          </option>
        ))}
      </select>
    </div>
  );
}
