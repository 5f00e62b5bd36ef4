import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Complaint } from '../../../shared/complaints/model';
import { callbackState } from '../../../shared/handling/callbacks';
import { useDb } from '../../db/context';
import type { Register } from '../../db/listKeys';
import { formatDateTime, formatRelative } from '../../i18n/format';
import { openSafetyComplaints } from './queries';

/** R4: the promised callback in a list row: when, counted down, and its state. */
export function CallbackTag(props: { complaint: Complaint; now: Date; timeZone: string }) {
  const { t, i18n } = useTranslation('handling');
  const callback = props.complaint.progress.callback;
  const state = callbackState(callback, props.now);
  if (!callback || !state) return null;
  return (
    <span
      className={`tag due-state-${state}`}
      data-testid="callback-tag"
      data-state={state}
      title={formatDateTime(callback.dueAt, i18n.language, props.timeZone)}
    >
      {t('ui.list.callback', { when: formatRelative(new Date(callback.dueAt), props.now, i18n.language) })}
    </span>
  );
}

/** R13: open health-and-safety complaints, first on the list page whatever the order below. */
export function SafetyFirst({ register }: { register: Register }) {
  const { t } = useTranslation(['handling', 'complaints']);
  const db = useDb();
  const rows = useLiveQuery(() => openSafetyComplaints(db, register), [db, register]);
  if (!rows || rows.length === 0) return null;
  return (
    <div className="banner banner-error" data-testid="safety-first">
      <strong>{t('ui.list.safetyTitle', { count: rows.length })}</strong>
      <ul>
        {rows.map((c) => (
          <li key={c.id} data-testid="safety-row">
            <Link href={`/complaints/${c.id}`} className="number">
              {c.number}
            </Link>{' '}
            <span className="excerpt">{c.description}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
