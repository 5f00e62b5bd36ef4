import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_URGENCY_LEVEL } from '../../../shared/complaints/model';
import type { ComplaintDetail } from '../../../shared/console/protocol';
import { formatDateTime } from '../../i18n/format';

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** Every field of the complaint (R3), times in the branch's zone and the user's language. */
export function Facts({ detail }: { detail: ComplaintDetail }) {
  const { t, i18n } = useTranslation(['complaints', 'lifecycle', 'console']);
  const c = detail.complaint;
  const when = (iso: string) => formatDateTime(iso, i18n.language, detail.branch.timeZone);
  const dash = <span className="muted">—</span>;
  const or = (v: string) => v || dash;
  const facts: Array<[string, ReactNode]> = [
    [t('complaints:fields.channel'), t(`complaints:channel.${c.channel}`)],
    [t('complaints:fields.receivedAt'), when(c.receivedAt)],
    [t('complaints:fields.registeredAt'), when(c.registeredAt)],
    [t('complaints:fields.receivedBy'), c.receivedBy],
    [t('complaints:fields.category'), t(`complaints:category.${c.category}`)],
    [t('complaints:fields.severity'), t(`complaints:severity.${c.severity}`)],
    [
      t('complaints:fields.urgencyLevel'),
      t(`complaints:urgencyLevel.${c.urgencyLevel ?? DEFAULT_URGENCY_LEVEL}`),
    ],
    [
      t('complaints:fields.healthAndSafety'),
      c.healthAndSafety ? t('complaints:detail.yes') : t('complaints:detail.no'),
    ],
    [t('complaints:fields.product'), or(c.concerns.product)],
    [t('complaints:fields.service'), or(c.concerns.service)],
    [t('complaints:fields.employeeConcerned'), or(c.concerns.employee)],
  ];
  const decision = c.progress.decision;
  if (decision) {
    facts.push([t('lifecycle:decision.outcome'), t(`lifecycle:outcome.${decision.outcome}`)]);
    if (decision.justification) facts.push([t('lifecycle:decision.justification'), decision.justification]);
    if (decision.alternativeOffered)
      facts.push([t('lifecycle:decision.alternative'), decision.alternativeOffered]);
    if (decision.finding)
      facts.push([t('lifecycle:decision.finding'), t(`lifecycle:finding.${decision.finding}`)]);
  }
  const customer: Array<[string, ReactNode]> = [
    [
      c.channel === 'internal'
        ? t('complaints:fields.employeeComplainant')
        : t('complaints:fields.customerName'),
      or(c.customer.name),
    ],
    [t('complaints:fields.phone'), or(c.customer.phone)],
    [t('complaints:fields.email'), or(c.customer.email)],
    [t('complaints:fields.address'), or(c.customer.address)],
    [
      t('complaints:fields.preferredContact'),
      c.customer.preferredContact ? t(`complaints:contactMethod.${c.customer.preferredContact}`) : dash,
    ],
    [t('complaints:fields.consent'), c.consent ? t('complaints:detail.yes') : t('complaints:detail.no')],
  ];
  if (c.noContactReason) customer.push([t('complaints:fields.noContactReason'), c.noContactReason]);

  return (
    <div className="detail-grid">
      <section aria-labelledby="complaint-text">
        <h2 id="complaint-text">{t('complaints:detail.complaint')}</h2>
        <p className="customer-words" data-testid="complaint-description">
          {c.description}
        </p>
        {c.remedy && (
          <>
            <h3>{t('complaints:fields.remedy')}</h3>
            <p data-testid="complaint-remedy">{c.remedy}</p>
          </>
        )}
        <dl className="facts" data-testid="complaint-facts">
          {facts.map(([label, value]) => (
            <Fact key={label} label={label} value={value} />
          ))}
        </dl>
      </section>
      <section aria-labelledby="complaint-customer">
        <h2 id="complaint-customer">
          {c.channel === 'internal' ? t('complaints:detail.employee') : t('complaints:detail.customer')}
        </h2>
        <dl className="facts">
          {customer.map(([label, value]) => (
            <Fact key={label} label={label} value={value} />
          ))}
        </dl>
      </section>
    </div>
  );
}
