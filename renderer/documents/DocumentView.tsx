import type { ComplaintDocument, PaperFormat } from '../../shared/documents';
import { Acknowledgement } from './Acknowledgement';
import { ComplaintRecord } from './ComplaintRecord';
import { DecisionLetter } from './DecisionLetter';
import type { DocT } from './parts';

/** One document on its paper: the article every print path (Electron, browser, PDF) puts on the page. */
export function DocumentView({ doc, format, t }: { doc: ComplaintDocument; format: PaperFormat; t: DocT }) {
  return (
    <article
      className={`doc doc-${format} doc-kind-${doc.kind}`}
      lang={doc.language}
      data-testid="document"
      data-kind={doc.kind}
      data-format={format}
    >
      {doc.kind === 'acknowledgement' && <Acknowledgement doc={doc} t={t} />}
      {doc.kind === 'decision_letter' && <DecisionLetter doc={doc} t={t} />}
      {doc.kind === 'record' && <ComplaintRecord doc={doc} t={t} />}
    </article>
  );
}
