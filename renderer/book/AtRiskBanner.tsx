import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { platform } from '../platform';
import { useNow } from '../shell/useNow';
import { useOfflineSince } from './connectivity';
import { riskOf, useEntries } from './queries';

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
 * been offline for long), with the way out (the ready e-mail file on the entry's page). Each entry is also
 * announced once per session with a system notification.
 */
export function AtRiskBanner({ settings }: { settings: WorkstationSettings }) {
  const { t } = useTranslation('book');
  const entries = useEntries();
  const now = useNow(30_000);
  const offlineSince = useOfflineSince();
  const risky = (entries ?? [])
    .map((e) => ({ ...e, risk: riskOf(e.entry, settings, now, offlineSince) }))
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
        t('notify.body', { number: r.entry.complaintNumber ?? t('notSubmitted') }),
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
  return (
    <div className="banner banner-error at-risk" role="alert" data-testid="book-at-risk">
      <strong>{t('atRisk.title', { count: risky.length })}</strong>
      <ul>
        {risky.map(({ entry, risk }) => (
          <li key={entry.id}>
            <Link href={`/book/${entry.id}`}>{entry.complaintNumber ?? t('notSubmitted')}</Link>{' '}
            {risk.urgency === 'late'
              ? t('atRisk.late')
              : risk.reasons.includes('offline_long')
                ? t('atRisk.offline')
                : t('atRisk.near')}
          </li>
        ))}
      </ul>
      <p>{t('atRisk.action')}</p>
    </div>
  );
}
