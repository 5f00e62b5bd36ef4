import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { formatDateTime } from '../i18n/format';
import { platform } from '../platform';
import { useNow } from '../ui/useNow';
import { useHqReach } from './connectivity';
import { riskOf, useOpenEntries } from './queries';
import { FOCUS_SAVE } from './focusSave';

const NOTIFIED_KEY = 'otklik.bookNotified';

function notifiedIds(): Set<string> {
  try {
    return new Set(JSON.parse(sessionStorage.getItem(NOTIFIED_KEY) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/**
 * R7 "warned early", on every screen: entries not yet delivered whose deadline is near (or whose branch has
 * been offline for long, or is not connected to HQ at all), with the way out: a saved entry has the ready
 * e-mail file on its page; one still being captured must be completed and saved (its capture screen offers
 * the e-mail file too). Each entry is also announced once per session with a system notification.
 */
export function AtRiskBanner({ settings }: { settings: WorkstationSettings }) {
  const { t, i18n } = useTranslation('book');
  const entries = useOpenEntries();
  const now = useNow(30_000);
  const reach = useHqReach();
  const risky = (entries ?? [])
    .map((e) => ({ ...e, risk: riskOf(e.entry, settings, now, reach, e.photosRefused) }))
    .filter((e) => e.risk.urgency === 'at_risk' || e.risk.urgency === 'late');
  const announced = useRef(notifiedIds());
  const key = risky.map((r) => `${r.entry.id}:${r.risk.urgency}`).join(',');
  useEffect(() => {
    for (const r of risky) {
      const id = `${r.entry.id}:${r.risk.urgency}`;
      if (announced.current.has(id)) continue;
      announced.current.add(id);
      void platform.notify(
        t(r.risk.urgency === 'late' ? 'notify.lateTitle' : 'notify.atRiskTitle'),
        r.entry.state === 'submitted'
          ? t('notify.body', { number: r.entry.complaintNumber ?? '' })
          : t('notify.bodyUnsaved', {
              time: formatDateTime(r.entry.capturedAt, i18n.language, settings.timeZone),
            }),
      );
    }
    try {
      sessionStorage.setItem(NOTIFIED_KEY, JSON.stringify([...announced.current]));
    } catch {
      // The worst case is one more notification.
    }
    // `key` summarises `risky`; re-running on every render would re-read the set for nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (risky.length === 0) return null;
  const unsaved = risky.some((r) => r.entry.state !== 'submitted');
  const saved = risky.some((r) => r.entry.state === 'submitted');
  return (
    <div className="banner banner-error at-risk" role="alert" data-testid="book-at-risk">
      <strong>{t('atRisk.title', { count: risky.length })}</strong>
      <ul>
        {risky.map(({ entry, risk }) => (
          <li key={entry.id} data-testid="book-at-risk-entry">
            <Link href={`/book/${entry.id}`}>
              {entry.state === 'submitted'
                ? entry.complaintNumber
                : `${t('notSubmitted')} (${formatDateTime(entry.capturedAt, i18n.language, settings.timeZone)})`}
            </Link>{' '}
            {risk.urgency === 'late'
              ? t('atRisk.late')
              : risk.reasons.includes('photo_refused')
                ? t('atRisk.photoRefused')
                : risk.reasons.includes('hq_cannot_send')
                  ? t('atRisk.hqCannotSend')
                  : risk.reasons.includes('not_connected')
                    ? t('atRisk.notConnected')
                    : risk.reasons.includes('offline_long')
                      ? t('atRisk.offline')
                      : t('atRisk.near')}{' '}
            {entry.state !== 'submitted' && (
              <Link
                href={`/book/${entry.id}`}
                state={FOCUS_SAVE}
                className="button"
                data-testid="book-at-risk-finish"
              >
                {t('atRisk.finish')}
              </Link>
            )}
          </li>
        ))}
      </ul>
      {saved && <p>{t('atRisk.action')}</p>}
      {unsaved && <p>{t('atRisk.actionUnsaved')}</p>}
    </div>
  );
}
