import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { DEFAULT_URGENCY_LEVEL } from '../../shared/complaints/model';
import { canSeeInternalRegister } from '../../shared/people/model';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { customerLanguageOf } from '../../shared/documents/language';
import { endonym, formatDate, formatDateTime } from '../i18n/format';
import { useNow } from '../ui/useNow';
import { NotAllowed, useSignedInEmployee } from '../people';
import { dueMomentsOf } from './deadlines';
import { DueMomentList } from './DueMoments';
import { LifecyclePanel } from './LifecyclePanel';
import { HistorySection } from './HistorySection';
import { PrintPanel } from './PrintPanel';
import { JUST_REGISTERED, takeFlash } from './flash';
import { complaintHistory, getComplaint } from './queries';
import { HandlingSection } from './handling/HandlingSection';

export function ComplaintDetailPage({ id, settings }: { id: string; settings: WorkstationSettings }) {
  const { t, i18n } = useTranslation(['complaints', 'lifecycle']);
  const db = useDb();
  const complaint = useLiveQuery(async () => (await getComplaint(db, id)) ?? null, [db, id]);
  const history = useLiveQuery(() => complaintHistory(db, id), [db, id]);
  const [justRegistered] = useState(() => takeFlash<string>(JUST_REGISTERED) === id);
  const me = useSignedInEmployee();
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

  // R2, R24: the internal register is confidential; a direct link does not open it for a counter employee.
  if (complaint.confidential && !canSeeInternalRegister(me.role))
    return <NotAllowed what="internal" registered={justRegistered ? complaint.number : undefined} />;

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
    [t('fields.urgencyLevel'), t(`urgencyLevel.${c.urgencyLevel ?? DEFAULT_URGENCY_LEVEL}`)],
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
    [t('fields.customerLanguage'), endonym(customerLanguageOf(c, settings.language))],
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

      <PrintPanel complaint={c} settings={settings} />

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

      {/* Keyed: another complaint's page starts with its own forms, not what was typed or queued for this one. */}
      <HandlingSection key={c.id} complaint={c} history={history ?? []} settings={settings} />

      <HistorySection complaint={c} history={history ?? []} settings={settings} />
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
