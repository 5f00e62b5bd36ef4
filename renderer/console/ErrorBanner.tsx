import { useTranslation } from 'react-i18next';
import { errorWording } from './api/errors';

/** A failed request in the user's language; HQ's own words, when any, as a detail for support. */
export function ErrorBanner({
  error,
  context = 'request',
  onRetry,
}: {
  error: unknown;
  context?: 'request' | 'sign_in' | 'set_password';
  onRetry?: () => void;
}) {
  const { t } = useTranslation('console');
  const wording = errorWording(error, context);
  return (
    <div className="banner banner-error" role="alert" data-testid="console-error" data-code={wording.key}>
      <p>{t(`error.${wording.key}`, { count: wording.minutes ?? 1 })}</p>
      {wording.detail && (
        <details>
          <summary>{t('error.details')}</summary>
          <code>{wording.detail}</code>
        </details>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}
