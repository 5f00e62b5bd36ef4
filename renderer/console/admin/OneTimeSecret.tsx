import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * An enrollment code or set-password link, shown once (HQ keeps only its hash): read it out or copy it now.
 */
export function OneTimeSecret({ label, value, note }: { label: string; value: string; note: string }) {
  const { t } = useTranslation('console');
  const [copied, setCopied] = useState<boolean | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      // No clipboard permission (or not a secure context): the value stays selectable on screen.
      setCopied(false);
    }
  }
  return (
    <div className="banner banner-success one-time-secret" role="status" data-testid="one-time-secret">
      <p>
        <strong>{label}</strong>
      </p>
      <p>
        <output className="secret" data-testid="secret-value">
          {value}
        </output>{' '}
        <button type="button" onClick={() => void copy()}>
          {t('admin.copy')}
        </button>{' '}
        {copied === true && <span role="status">{t('admin.copied')}</span>}
        {copied === false && <span role="status">{t('admin.copyFailed')}</span>}
      </p>
      <p className="muted">{note}</p>
    </div>
  );
}
