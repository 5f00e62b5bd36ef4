import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { historyEventKey } from '../../shared/complaints/history';
import type { ComplaintEvent } from '../../shared/complaints/model';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { formatDate, formatDateTime } from '../i18n/format';
import type { OwnerChangeData, StatusChangeData } from '../../shared/lifecycle';
import { useNow } from '../ui/useNow';
import { dueMomentsOf } from './deadlines';
import { DueMomentList } from './DueMoments';
import { LifecyclePanel } from './LifecyclePanel';
import { NoteForm } from './NoteForm';
import { JUST_REGISTERED, takeFlash } from './flash';
import { complaintHistory, getComplaint } from './queries';

export function ComplaintDetailPage({ id, settings }: { id: string; settings: WorkstationSettings }) {
  const { t, i18n } = useTranslation(['complaints', 'lifecycle']);
  const db = useDb();
  const complaint = useLiveQuery(async () => (await getComplaint(db, id)) ?? null, [db, id]);
  const history = useLiveQuery(() => complaintHistory(db, id), [db, id]);
  const [justRegistered] = useState(() => takeFlash<string>(JUST_REGISTERED) === id);
  const now = useNow();
  const when = (iso: string) => formatDateTime(iso, i18n.language, settings.timeZone);

  if (complaint === undefined) return null;
  if (complaint === null)
    return (
      <div className="page empty-state">
        <h1>{t('detail.notFound')}</h1>
        <Link href="/complaints">{t('detail.backToList')}</Link>
      </div>
    );

  const c = complaint;
  const moments = dueMomentsOf(c, settings, now);
  const dash = <span className="muted">—</span>;
  const rows: Array<[string, React.ReactNode]> = [
    [t('fields.channel'), t(`channel.${c.channel}`)],
    [t('fields.receivedAt'), when(c.receivedAt)],
    [t('fields.registeredAt'), when(c.registeredAt)],
    [t('fields.receivedBy'), c.receivedBy],
    [t('fields.category'), t(`category.${c.category}`)],
    [t('fields.severity'), t(`severity.${c.severity}`)],
  ];
  const customer: Array<[string, React.ReactNode]> = [
    [
      c.channel === 'internal' ? t('fields.employeeComplainant') : t('fields.customerName'),
      c.customer.name || dash,
    ],
    [t('fields.phone'), c.customer.phone || dash],
    [t('fields.email'), c.customer.email || dash],
    [t('fields.address'), c.customer.address || dash],
    [
      t('fields.preferredContact'),
      c.customer.preferredContact ? t(`contactMethod.${c.customer.preferredContact}`) : dash,
    ],
    [t('fields.consent'), c.consent ? t('detail.yes') : t('detail.no')],
  ];
  if (c.noContactReason) customer.push([t('fields.noContactReason'), c.noContactReason]);
  const decision = c.progress.decision;
  if (decision) {
    rows.push([t('lifecycle:decision.outcome'), t(`lifecycle:outcome.${decision.outcome}`)]);
    if (decision.justification) rows.push([t('lifecycle:decision.justification'), decision.justification]);
    if (decision.alternativeOffered)
      rows.push([t('lifecycle:decision.alternative'), decision.alternativeOffered]);
    if (decision.finding)
      rows.push([t('lifecycle:decision.finding'), t(`lifecycle:finding.${decision.finding}`)]);
  }

  return (
    <article className="page complaint-detail" aria-labelledby="complaint-number">
      {justRegistered && (
        <div className="banner banner-success" role="status" data-testid="registered-banner">
          {t('detail.registered', {
            number: c.number,
            date: formatDate(
              moments.find((m) => m.kind === 'final_answer')?.dueAt ?? new Date(),
              i18n.language,
              settings.timeZone,
            ),
          })}
        </div>
      )}
      <div className="page-header">
        <h1 id="complaint-number" className="number" data-testid="complaint-number">
          {c.number}
        </h1>
        <span className={`status status-${c.status}`} data-testid="complaint-status">
          {t(`status.${c.status}`)}
        </span>
        {c.confidential && <span className="tag">{t('form.confidential')}</span>}
        {c.healthAndSafety && <span className="tag tag-danger">{t('fields.healthAndSafety')}</span>}
      </div>

      <div className="detail-grid">
        <section>
          <h2>{t('detail.complaint')}</h2>
          <p className="customer-words" data-testid="complaint-description">
            {c.description}
          </p>
          {c.remedy && (
            <>
              <h3>{t('fields.remedy')}</h3>
              <p>{c.remedy}</p>
            </>
          )}
          {(c.concerns.product || c.concerns.service || c.concerns.employee) && (
            <dl className="facts">
              {c.concerns.product && <Fact label={t('fields.product')} value={c.concerns.product} />}
              {c.concerns.service && <Fact label={t('fields.service')} value={c.concerns.service} />}
              {c.concerns.employee && (
                <Fact label={t('fields.employeeConcerned')} value={c.concerns.employee} />
              )}
            </dl>
          )}
          <dl className="facts">
            {rows.map(([label, value]) => (
              <Fact key={label} label={label} value={value} />
            ))}
          </dl>
        </section>
        <section>
          <h2>{c.channel === 'internal' ? t('detail.employee') : t('detail.customer')}</h2>
          <dl className="facts">
            {customer.map(([label, value]) => (
              <Fact key={label} label={label} value={value} />
            ))}
          </dl>
        </section>
      </div>

      <div className="detail-grid">
        <section aria-labelledby="deadlines">
          <h2 id="deadlines">{t('lifecycle:due.title')}</h2>
          <DueMomentList moments={moments} settings={settings} now={now} />
        </section>
        <LifecyclePanel complaint={c} settings={settings} />
      </div>

      <section className="history">
        <h2>{t('detail.history')}</h2>
        <ol data-testid="history">
          {(history ?? []).map((e) => (
            <li key={e.id} data-testid="history-event" data-type={e.type}>
              <time dateTime={e.at}>{when(e.at)}</time> <strong>{e.actor}</strong> <EventText event={e} />
            </li>
          ))}
        </ol>
        <NoteForm complaintId={c.id} actor={settings.employeeName} />
      </section>
    </article>
  );
}

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function EventText({ event }: { event: ComplaintEvent }) {
  const { t } = useTranslation(['complaints', 'lifecycle']);
  const text = typeof event.data.text === 'string' ? event.data.text : '';
  switch (event.type) {
    case 'created':
      return <span>{t('event.created', { number: String(event.data.number ?? '') })}</span>;
    case 'note_added':
      return (
        <span>
          {t('event.note_added')}: <q>{String(event.data.text ?? '')}</q>
        </span>
      );
    case 'status_changed': {
      const data = event.data as StatusChangeData;
      const details = [
        data.decision && t(`lifecycle:outcome.${data.decision.outcome}`),
        data.followUp && t(`lifecycle:followUpOutcome.${data.followUp.outcome}`),
        data.reason,
        data.note,
      ].filter(Boolean);
      return (
        <span>
          {t('event.status_changed')}: {t(`status.${data.from}`)} → {t(`status.${data.to}`)}
          {details.length > 0 && <q>{details.join('; ')}</q>}
        </span>
      );
    }
    case 'book_entry_linked':
      return (
        <span>
          {t('event.book_entry_linked', { count: Number(event.data.pages ?? 0) })}{' '}
          <Link href={`/book/${String(event.data.entryId ?? '')}`}>{t('event.openEntry')}</Link>
        </span>
      );
    case 'owner_changed': {
      const owner = (event.data as Partial<OwnerChangeData>).owner;
      return (
        <span>
          {t(historyEventKey(event.type))}
          {owner?.name && <q>{owner.name}</q>}
        </span>
      );
    }
    case 'preliminary_answer_sent':
    case 'term_extended':
      return (
        <span>
          {t(historyEventKey(event.type))}
          {text && <q>{text}</q>}
        </span>
      );
  }
}
