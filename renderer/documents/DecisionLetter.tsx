import type { DecisionLetterDocument } from '../../shared/documents';
import { recourseLine } from '../../shared/documents/recourse';
import { docDate, docMoney } from '../../shared/documents/format';
import { BranchHeader, Field, Fields, Footer, NumberLine, type DocT } from './parts';

/** R15, R17: the answer to the customer, in their language. */
export function DecisionLetter({ doc, t }: { doc: DecisionLetterDocument; t: DocT }) {
  const lng = doc.language;
  const tz = doc.branch.timeZone;
  return (
    <>
      <BranchHeader branch={doc.branch} t={t} />
      <Fields>
        <Field label={t('letter.to')}>
          {doc.customer.name || t('letter.customer')}
          {doc.customer.address && <div>{doc.customer.address}</div>}
          {!doc.customer.address && doc.customer.email && <div>{doc.customer.email}</div>}
        </Field>
        <Field label={t('letter.date')}>{docDate(doc.decidedAt, lng, tz)}</Field>
      </Fields>
      <h1>{t('title.decision_letter')}</h1>
      <NumberLine number={doc.number} checkCode={doc.checkCode} t={t} />
      <p>{t('letter.greeting')}</p>
      <p>{t('letter.intro', { number: doc.number, date: docDate(doc.receivedAt, lng, tz) })}</p>
      <h2>{t('letter.demand')}</h2>
      <p className="doc-text" data-testid="doc-demand">
        {doc.demand || doc.description}
      </p>
      <h2>{t('letter.decision')}</h2>
      <p className="doc-answer" data-testid="doc-outcome">
        {t(`letter.outcome.${doc.outcome}`)}
      </p>
      {doc.unfoundedCriterion && (
        <p>
          {t('letter.criterion')}: {t(`lifecycle:criterion.${doc.unfoundedCriterion}`)}
        </p>
      )}
      {doc.justification && (
        <>
          <h2>{t('letter.justification')}</h2>
          <p className="doc-text" data-testid="doc-justification">
            {doc.justification}
          </p>
        </>
      )}
      {doc.alternativeOffered && (
        <>
          <h2>{t('letter.alternative')}</h2>
          <p className="doc-text" data-testid="doc-alternative">
            {doc.alternativeOffered}
          </p>
        </>
      )}
      {doc.compensation && (
        <p data-testid="doc-compensation">
          {t('letter.compensation', { amount: docMoney(doc.compensation, lng) })}
        </p>
      )}
      {doc.recourse.length > 0 && (
        <section data-testid="doc-recourse">
          <h2>{t('letter.recourseTitle')}</h2>
          <p>{t('letter.recourseIntro')}</p>
          <ul className="doc-list">
            {doc.recourse.map((route) => (
              <li key={route.id} data-testid={`doc-recourse-${route.id}`}>
                {recourseLine(route, lng, doc.branch.headOfSalesName, (key, params) =>
                  String(t(key as never, params as never)),
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="doc-signature">
        <p>{t('letter.closing')}</p>
        <p>
          {doc.signedBy}
          {doc.signedBy && ', '}
          {doc.branch.name}
        </p>
      </div>
      <Footer>{t('common.reference', { number: doc.number })}</Footer>
    </>
  );
}
