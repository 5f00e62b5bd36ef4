import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ComplaintListItem } from '../../../shared/console/protocol';
import { formatDateTime, formatMoney, formatRelative } from '../../i18n/format';
import { useNow } from '../../ui/useNow';
import { isDueKind, viewerTimeZone } from '../format';

/** R11 at a glance: the next due moment, coloured by HQ's due state. */
function DueChip({ item, now }: { item: ComplaintListItem; now: Date }) {
  const { t, i18n } = useTranslation(['console', 'lifecycle']);
  if (!item.nextDueAt || item.dueState === 'none') return <span className="muted">—</span>;
  const kind = item.nextDueKind;
  return (
    <span
      className={`due-chip due-state-${item.dueState === 'soon' ? 'due_soon' : item.dueState}`}
      data-testid="due-chip"
      data-state={item.dueState}
    >
      {kind && isDueKind(kind) ? `${t(`lifecycle:due.short.${kind}`)} ` : ''}
      {formatRelative(new Date(item.nextDueAt), now, i18n.language)}
      <span className="visually-hidden"> ({t(`console:due.${item.dueState}`)})</span>
    </span>
  );
}

/** Complaints as rows; the number opens the complaint page. Health and safety flagged, escalation marked. */
export function ComplaintTable({ items, caption }: { items: ComplaintListItem[]; caption: string }) {
  const { t, i18n } = useTranslation(['console', 'complaints']);
  const now = useNow();
  const zone = viewerTimeZone();
  return (
    <table className="complaint-table console-table" data-testid="complaint-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('complaints:fields.number')}</th>
          <th scope="col">{t('console:list.branch')}</th>
          <th scope="col">{t('complaints:fields.registeredAt')}</th>
          <th scope="col">{t('complaints:fields.status')}</th>
          <th scope="col">{t('console:list.what')}</th>
          <th scope="col">{t('console:list.due')}</th>
          <th scope="col">{t('console:list.owner')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr
            key={c.id}
            data-testid="complaint-row"
            data-number={c.number}
            className={c.healthAndSafety ? 'row-safety' : undefined}
          >
            <td>
              <Link href={`/complaints/${c.id}`} className="number">
                {c.number}
              </Link>
              {c.healthAndSafety && (
                <span className="tag tag-danger" data-testid="safety-flag">
                  {t('complaints:list.safety')}
                </span>
              )}
              {c.confidential && <span className="tag">{t('console:list.confidential')}</span>}
            </td>
            <td>{c.branchCode}</td>
            <td>
              <time dateTime={c.registeredAt}>{formatDateTime(c.registeredAt, i18n.language, zone)}</time>
            </td>
            <td>
              <span className={`status status-${c.status}`}>{t(`complaints:status.${c.status}`)}</span>
            </td>
            <td className="summary">
              <span className="muted">
                {t(`complaints:channel.${c.channel}`)} · {t(`complaints:category.${c.category}`)} ·{' '}
                {t(`complaints:severity.${c.severity}`)}
              </span>
              <br />
              <strong>{c.customerName || t('complaints:list.anonymous')}</strong> {c.summary}
              {c.awaitingApproval && (
                <>
                  <br />
                  <span className="tag tag-warn" data-testid="approval-flag">
                    {t('console:list.awaitingApproval', {
                      amount: formatMoney(c.awaitingApproval.amount, i18n.language),
                    })}
                  </span>
                </>
              )}
            </td>
            <td>
              <DueChip item={c} now={now} />
            </td>
            <td>
              {c.owner?.name ?? <span className="muted">—</span>}
              {c.escalated && (
                <span className="tag tag-warn" data-testid="escalated-flag">
                  {t('console:list.escalated')}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
