import { useEffect, useRef } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { canSeeInternalRegister, type EmployeeRole } from '../../../shared/people/model';
import { useDb } from '../../db/context';
import { formatTime } from '../../i18n/format';
import { platform } from '../../platform';
import { useNow } from '../../ui/useNow';
import { callbackReminders } from './queries';

const NOTIFIED_KEY = 'otklik.callbacksNotified';

function notified(): Set<string> {
  try {
    return new Set(JSON.parse(sessionStorage.getItem(NOTIFIED_KEY) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/**
 * R4: promised callbacks due soon or missed, on every screen, to whoever is signed in at the branch: a
 * banner with a link to each complaint, and a system notification once per callback and state per session
 * (like the feedback book's warning, renderer/book/AtRiskBanner).
 */
export function CallbackReminders({ timeZone, role }: { timeZone: string; role: EmployeeRole }) {
  const { t, i18n } = useTranslation('handling');
  const db = useDb();
  const now = useNow(15_000);
  const minute = Math.floor(now.getTime() / 15_000);
  const internalToo = canSeeInternalRegister(role);
  const due = useLiveQuery(() => callbackReminders(db, now, internalToo), [db, minute, internalToo]);
  const announced = useRef(notified());
  const key = (due ?? []).map((d) => `${d.complaint.progress.callback!.id}:${d.state}`).join(',');
  useEffect(() => {
    for (const d of due ?? []) {
      const callback = d.complaint.progress.callback!;
      const id = `${callback.id}:${d.state}`;
      if (announced.current.has(id)) continue;
      announced.current.add(id);
      void platform.notify(
        t(d.state === 'overdue' ? 'ui.reminder.overdueTitle' : 'ui.reminder.dueSoonTitle'),
        t('ui.reminder.body', {
          number: d.complaint.number,
          phone: callback.phone,
          time: formatTime(callback.dueAt, i18n.language, timeZone),
        }),
      );
    }
    try {
      sessionStorage.setItem(NOTIFIED_KEY, JSON.stringify([...announced.current]));
    } catch {
      // The worst case is one more notification.
    }
    // `key` summarises `due`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (!due || due.length === 0) return null;
  return (
    <div className="banner banner-warning" role="alert" data-testid="callback-reminders">
      <strong>{t('ui.reminder.title', { count: due.length })}</strong>
      <ul>
        {due.map(({ complaint, state }) => (
          <li key={complaint.id} data-testid="callback-reminder" data-state={state}>
            <Link href={`/complaints/${complaint.id}`}>{complaint.number}</Link>{' '}
            {t(state === 'overdue' ? 'ui.reminder.overdue' : 'ui.reminder.dueSoon', {
              time: formatTime(complaint.progress.callback!.dueAt, i18n.language, timeZone),
              phone: complaint.progress.callback!.phone,
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
