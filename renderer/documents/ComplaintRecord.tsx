import type { ComplaintRecordDocument, HistoryLine } from '../../shared/documents';
import { docDateTime, docDue, docMoney } from '../../shared/documents/format';
import { BranchHeader, Contacts, Field, Fields, Footer, NumberLine, type DocT } from './parts';

/** The complaint record for the file (a manager, an inspector): every field and the whole history. */
export function ComplaintRecord({ doc, t }: { doc: ComplaintRecordDocument; t: DocT }) {
  const lng = doc.language;
  const tz = doc.branch.timeZone;
  const yesNo = (v: boolean) => (v ? t('complaints:detail.yes') : t('complaints:detail.no'));
  const d = doc.decision;
  return (
    <>
      <BranchHeader branch={doc.branch} t={t} />
      <h1>{t('title.record')}</h1>
      {doc.confidential && <p className="doc-confidential">{t('record.confidential')}</p>}
      <NumberLine number={doc.number} checkCode={doc.checkCode} t={t} />
      <Fields>
        <Field label={t('complaints:fields.status')}>{t(`complaints:status.${doc.status}`)}</Field>
        <Field label={t('complaints:fields.channel')}>{t(`complaints:channel.${doc.channel}`)}</Field>
        <Field label={t('complaints:fields.receivedAt')}>{docDateTime(doc.receivedAt, lng, tz)}</Field>
        <Field label={t('complaints:fields.registeredAt')}>{docDateTime(doc.registeredAt, lng, tz)}</Field>
        <Field label={t('complaints:fields.receivedBy')}>{doc.receivedBy}</Field>
        <Field label={t('complaints:fields.customerName')}>{doc.customer.name}</Field>
        <Field label={t('ack.contacts')}>
          <Contacts customer={{ ...doc.customer, noContactReason: '' }} t={t} />
        </Field>
        <Field label={t('complaints:fields.preferredContact')}>
          {doc.customer.preferredContact && t(`complaints:contactMethod.${doc.customer.preferredContact}`)}
        </Field>
        <Field label={t('complaints:fields.noContactReason')}>{doc.customer.noContactReason}</Field>
        <Field label={t('complaints:fields.product')}>{doc.concerns.product}</Field>
        <Field label={t('complaints:fields.service')}>{doc.concerns.service}</Field>
        <Field label={t('complaints:fields.employeeConcerned')}>{doc.concerns.employee}</Field>
        <Field label={t('complaints:fields.category')}>{t(`complaints:category.${doc.category}`)}</Field>
        <Field label={t('complaints:fields.severity')}>{t(`complaints:severity.${doc.severity}`)}</Field>
        <Field label={t('complaints:fields.healthAndSafety')}>{yesNo(doc.healthAndSafety)}</Field>
        <Field label={t('complaints:fields.consent')}>{yesNo(doc.consent)}</Field>
        <Field label={t('record.reopenCount')}>{String(doc.reopenCount)}</Field>
        <Field label={t('record.termExtended')}>{yesNo(doc.termExtended)}</Field>
      </Fields>
      <h2>{t('complaints:fields.description')}</h2>
      <p className="doc-text">{doc.description}</p>
      <h2>{t('complaints:fields.remedy')}</h2>
      <p className="doc-text" data-testid="doc-demand">
        {doc.demand || t('ack.noDemand')}
      </p>
      {d && (
        <>
          <h2>{t('letter.decision')}</h2>
          <Fields>
            <Field label={t('lifecycle:decision.outcome')}>{t(`lifecycle:outcome.${d.outcome}`)}</Field>
            <Field label={t('record.decidedAt')}>
              {doc.decidedAt && docDateTime(doc.decidedAt, lng, tz)}
            </Field>
            <Field label={t('lifecycle:decision.criterion')}>
              {d.unfoundedCriterion && t(`lifecycle:criterion.${d.unfoundedCriterion}`)}
            </Field>
            <Field label={t('lifecycle:decision.justification')}>{d.justification}</Field>
            <Field label={t('lifecycle:decision.alternative')}>{d.alternativeOffered}</Field>
            <Field label={t('lifecycle:decision.finding')}>
              {d.finding && t(`lifecycle:finding.${d.finding}`)}
            </Field>
            <Field label={t('lifecycle:decision.overrideReason')}>{d.findingOverrideReason}</Field>
            <Field label={t('lifecycle:decision.factsMissing')}>{yesNo(d.factsMissing)}</Field>
          </Fields>
        </>
      )}
      {doc.compensation && <p>{t('letter.compensation', { amount: docMoney(doc.compensation, lng) })}</p>}
      {doc.followUpOutcome && (
        <p>
          {t('lifecycle:followUp.outcome')}: {t(`lifecycle:followUpOutcome.${doc.followUpOutcome}`)}
        </p>
      )}
      <h2>{t('lifecycle:due.title')}</h2>
      <table className="doc-table" data-testid="doc-due">
        <tbody>
          {doc.due.map((m) => (
            <tr key={m.kind}>
              <td>{t(`lifecycle:due.kind.${m.kind}`)}</td>
              <td>
                {m.projected ? t('lifecycle:due.projected') : t('lifecycle:due.until')}{' '}
                {docDue(m.due, lng, tz)}
              </td>
              <td>
                {m.doneAt
                  ? t(m.late ? 'lifecycle:due.doneLate' : 'lifecycle:due.doneOnTime', {
                      date: docDateTime(m.doneAt, lng, tz),
                    })
                  : t(`lifecycle:due.state.${m.state}`)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('complaints:detail.history')}</h2>
      <table className="doc-table" data-testid="doc-history">
        <thead>
          <tr>
            <th className="doc-col-when">{t('record.when')}</th>
            <th className="doc-col-who">{t('record.who')}</th>
            <th>{t('record.what')}</th>
          </tr>
        </thead>
        <tbody>
          {doc.history.map((line, i) => (
            <tr key={i}>
              <td>{docDateTime(line.at, lng, tz)}</td>
              <td>{line.actor}</td>
              <td>
                <HistoryText line={line} number={doc.number} t={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Footer>{t('common.printedAt', { date: docDateTime(doc.printedAt, lng, tz) })}</Footer>
    </>
  );
}

function HistoryText({ line, number, t }: { line: HistoryLine; number: string; t: DocT }) {
  let what: string;
  if (line.type === 'created') what = t('complaints:event.created', { number });
  else if (line.type === 'book_entry_linked')
    what = t('complaints:event.book_entry_linked', { count: line.pages ?? 0 });
  else what = t(`complaints:event.${line.type}`);
  return (
    <>
      {what}
      {line.from &&
        line.to &&
        `: ${t(`complaints:status.${line.from}`)} → ${t(`complaints:status.${line.to}`)}`}
      {line.decision && <div>{t(`lifecycle:outcome.${line.decision.outcome}`)}</div>}
      {line.followUp && (
        <div>
          {t(`lifecycle:followUpOutcome.${line.followUp.outcome}`)}
          {line.followUp.satisfaction !== undefined && ` (${line.followUp.satisfaction}/5)`}
        </div>
      )}
      {line.text && <div className="doc-text">{line.text}</div>}
    </>
  );
}
