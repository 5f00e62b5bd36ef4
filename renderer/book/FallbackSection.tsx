import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { BookEntry } from '../../shared/book/model';
import type { EntryRisk, HqReach } from '../../shared/book/risk';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { useSignedInEmployee } from '../people';
import { formatDateTime } from '../i18n/format';
import { mailProblem } from './BookDeadline';
import { DirectoryIncomplete, exportFallbackEml, LanguageUnavailable } from './fallback';
import { ImageRejected } from './imaging';
import { saveFailureText } from '../ui/saveFailure';

/**
 * The R7 fallback, on the capture screen (pages taken, entry not saved yet) and on a saved entry: a ready
 * `.eml` to the manager with a copy to the head of sales. The addresses come from the directory (HQ's, or
 * Settings until HQ sets them); what is missing is said before the button is pressed.
 */
export function FallbackSection({
  entry,
  risk,
  reach,
  settings,
}: {
  entry: BookEntry;
  risk: EntryRisk;
  reach: HqReach;
  settings: WorkstationSettings;
}) {
  const { t, i18n } = useTranslation('book');
  const db = useDb();
  const me = useSignedInEmployee();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const lng = i18n.language;
  if (risk.urgency === 'delivered') return null;

  async function fallback() {
    setMessage(null);
    try {
      const name = await exportFallbackEml(db, entry, settings, me);
      setMessage({ kind: 'ok', text: t('fallback.done', { file: name }) });
    } catch (err) {
      setMessage({
        kind: 'error',
        text:
          err instanceof DirectoryIncomplete
            ? t('fallback.noManager')
            : err instanceof LanguageUnavailable
              ? t('fallback.languageUnavailable')
              : err instanceof ImageRejected
                ? t(`rejected.${err.code}`)
                : saveFailureText(err, (text) => t('rejected.failed', { message: text })),
      });
    }
  }

  // HQ reported it cannot send (refused for good, no manager address): the branch's own e-mail is the way out.
  const problem = mailProblem(entry);
  const urgent =
    risk.urgency !== 'waiting' ||
    reach.kind === 'not_connected' ||
    problem === 'failed' ||
    problem === 'no_manager';
  return (
    <section className="fallback" data-testid="fallback">
      <h2>{t('fallback.title')}</h2>
      <p>{t('fallback.text')}</p>
      {!settings.managerEmail ? (
        <p className="banner banner-warning" role="status" data-testid="fallback-no-manager">
          {t('fallback.noManager')} <Link href="/settings">{t('fallback.toSettings')}</Link>
        </p>
      ) : (
        !settings.headOfSalesEmail && (
          <p className="hint" data-testid="fallback-no-head-of-sales">
            {t('fallback.noHeadOfSales')}
          </p>
        )
      )}
      <button
        type="button"
        className={urgent ? 'primary' : ''}
        onClick={() => void fallback()}
        data-testid="fallback-eml"
      >
        {t('fallback.button')}
      </button>
      {message && (
        <p
          className={`banner banner-${message.kind === 'ok' ? 'success' : 'error'}`}
          role="status"
          data-testid="fallback-message"
        >
          {message.text}
        </p>
      )}
      {entry.fallbacks.length > 0 && (
        <ul data-testid="fallback-records">
          {entry.fallbacks.map((f) => (
            <li key={f.at}>
              {t('fallback.record', { by: f.by, time: formatDateTime(f.at, lng, settings.timeZone) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
