import { acknowledgementOf } from './acknowledgement';
import { decisionLetterOf } from './decision-letter';
import type { ComplaintDocument, DocumentKind } from './model';
import { complaintRecordOf } from './record';
import type { DocumentSource } from './source';

/** The document of this kind for a complaint as it stands; null when it has none (no decision in force). */
export function documentOf(kind: DocumentKind, source: DocumentSource): ComplaintDocument | null {
  switch (kind) {
    case 'acknowledgement':
      return acknowledgementOf(source);
    case 'decision_letter':
      return decisionLetterOf(source);
    case 'record':
      return complaintRecordOf(source);
  }
}
