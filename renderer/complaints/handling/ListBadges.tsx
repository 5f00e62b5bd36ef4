import { useTranslation } from 'react-i18next';
import type { Complaint } from '../../../shared/complaints/model';
import { callbackState } from '../../../shared/handling/callbacks';
import { formatDateTime, formatRelative } from '../../i18n/format';

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
