import type { AcknowledgementDocument } from '../../shared/documents';
import { formatCheckCode } from '../../shared/documents';
import { docDateTime, docDue } from '../../shared/documents/format';
import { BranchHeader, BranchReach, Contacts, Field, Fields, Footer, NumberLine, type DocT } from './parts';
import { QrCode } from './QrCode';

/** R9: the receipt the customer takes away. One template for A4 and the 80 mm roll; the stylesheet adapts. */
export function Acknowledgement({ doc, t }: { doc: AcknowledgementDocument; t: DocT }) {
  const lng = doc.language;
  const tz = doc.branch.timeZone;
  return (
    <>
      <BranchHeader branch={doc.branch} t={t} />
      <h1>{t('title.acknowledgement')}</h1>
      <NumberLine number={doc.number} checkCode={doc.checkCode} t={t} />
      <p className="doc-answer" data-testid="doc-answer-by">
        {t('ack.answerBy', { date: docDue(doc.answerBy, lng, tz) })}
      </p>
      {doc.preliminaryAnswerBy && (
        <p data-testid="doc-preliminary-by">
          {t('ack.preliminaryBy', { date: docDue(doc.preliminaryAnswerBy, lng, tz) })}
        </p>
      )}
      <Fields>
        <Field label={t('ack.receivedAt')}>{docDateTime(doc.receivedAt, lng, tz)}</Field>
        {doc.registeredAt !== doc.receivedAt && (
          <Field label={t('ack.registeredAt')}>{docDateTime(doc.registeredAt, lng, tz)}</Field>
        )}
        <Field label={t('ack.channel')}>{t(`complaints:channel.${doc.channel}`)}</Field>
        <Field label={t('ack.employee')}>{doc.employee}</Field>
        <Field label={t('ack.customer')}>{doc.customer.name}</Field>
        <Field label={t('ack.contacts')}>
          <Contacts customer={doc.customer} t={t} />
        </Field>
      </Fields>
      <h2>{t('ack.description')}</h2>
      <p className="doc-text">{doc.description}</p>
      <h2>{t('ack.demand')}</h2>
      <p className="doc-text" data-testid="doc-demand">
        {doc.demand || t('ack.noDemand')}
      </p>
      <h2>{t('branch.reach')}</h2>
      <div>
        <div>{doc.branch.name}</div>
        {doc.branch.address && <div>{doc.branch.address}</div>}
        <BranchReach branch={doc.branch} t={t} />
      </div>
      <div className="doc-qr-block">
        <QrCode payload={doc.qrPayload} label={t('ack.qrCaption')} />
        <p className="doc-muted">
          {t('ack.qrCaption')}: {doc.number} / {formatCheckCode(doc.checkCode)}. {t('ack.keep')}
        </p>
      </div>
      <p className="doc-signature">
        {t('ack.signature')}
        <span className="doc-signature-line" />
      </p>
      <Footer>{t('common.printedAt', { date: docDateTime(doc.printedAt, lng, tz) })}</Footer>
    </>
  );
}
