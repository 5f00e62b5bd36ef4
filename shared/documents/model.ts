/**
 * What each printed document says (issue 16; R9, R15, R17, R25), as data: the values and codes a template
 * turns into words in the customer's language. Pure, so HQ can produce the same documents for its e-mail copy.
 */
import type {
  Category,
  Channel,
  ComplaintEventType,
  ComplaintStatus,
  Concerns,
  ContactMethod,
  Severity,
} from '../complaints/model';
import type { DueKind, DueState } from '../deadlines';
import type {
  DecisionOutcome,
  RecordedDecision,
  RecordedFollowUp,
  UnfoundedCriterion,
} from '../lifecycle/decision';
import type { FollowUpOutcome } from '../lifecycle/decision';
import type { Language } from '../settings/workstation';
import type { LocalDate } from '../time/local-date';
import type { BranchDetails } from './branch';
import type { Money } from './money';
import type { RecourseRoute } from './recourse';

export const DOCUMENT_KINDS = ['acknowledgement', 'decision_letter', 'record'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface DocumentBase {
  kind: DocumentKind;
  /** The customer's language (R25): the whole document is in it. */
  language: Language;
  number: string;
  /** 8 characters; see check-code.ts. */
  checkCode: string;
  branch: BranchDetails;
  /** ISO instant the document was produced. */
  printedAt: string;
}

export interface ContactLine {
  kind: 'phone' | 'email' | 'address';
  value: string;
}

/** The contacts recorded (R3, R9), in a fixed order, empty ones left out. */
export interface CustomerBlock {
  name: string;
  contacts: ContactLine[];
  preferredContact: ContactMethod | '';
  /** Why no contact is recorded, when none is. */
  noContactReason: string;
}

/** A deadline as a document prints it: a date, with the time only for an hour-based term. */
export interface DocumentDue {
  /** Local date in the branch's zone. */
  date: LocalDate;
  /** ISO instant. */
  at: string;
  withTime: boolean;
}

export interface AcknowledgementDocument extends DocumentBase {
  kind: 'acknowledgement';
  channel: Channel;
  receivedAt: string;
  registeredAt: string;
  /** Who registered it at the counter. */
  employee: string;
  customer: CustomerBlock;
  description: string;
  /** The remedy the customer asks for. */
  demand: string;
  /** R9: the date by which the answer will be given — the final-answer deadline the app shows. */
  answerBy: DocumentDue;
  /** R10: written complaints also get a preliminary answer by this date, when the policy has one. */
  preliminaryAnswerBy?: DocumentDue;
  qrPayload: string;
}

export interface DecisionLetterDocument extends DocumentBase {
  kind: 'decision_letter';
  /** ISO instant of the decision. */
  decidedAt: string;
  /** Who took the decision (the actor of the decide event). */
  signedBy: string;
  /** The addressee. */
  customer: { name: string; address: string; email: string };
  receivedAt: string;
  description: string;
  demand: string;
  outcome: DecisionOutcome;
  justification?: string;
  alternativeOffered?: string;
  unfoundedCriterion?: UnfoundedCriterion;
  compensation?: Money;
  /** R17: empty when the complaint is upheld. */
  recourse: RecourseRoute[];
}

export interface RecordDue {
  kind: DueKind;
  due: DocumentDue;
  state: DueState;
  projected: boolean;
  doneAt?: string;
  late?: boolean;
}

/** One event of the history, with the details each type carries (unknown shapes are dropped, not guessed). */
export interface HistoryLine {
  at: string;
  actor: string;
  type: ComplaintEventType;
  from?: ComplaintStatus;
  to?: ComplaintStatus;
  decision?: RecordedDecision;
  followUp?: RecordedFollowUp;
  /** A note's text, a reopening's reason, a preliminary answer's or an extension's text. */
  text?: string;
  /** Pages of a linked feedback-book entry. */
  pages?: number;
}

export interface ComplaintRecordDocument extends DocumentBase {
  kind: 'record';
  status: ComplaintStatus;
  channel: Channel;
  confidential: boolean;
  receivedAt: string;
  registeredAt: string;
  receivedBy: string;
  customer: CustomerBlock;
  description: string;
  demand: string;
  concerns: Concerns;
  category: Category;
  severity: Severity;
  healthAndSafety: boolean;
  consent: boolean;
  decision?: RecordedDecision;
  decidedAt?: string;
  followUpOutcome?: FollowUpOutcome;
  reopenCount: number;
  termExtended: boolean;
  compensation?: Money;
  due: RecordDue[];
  history: HistoryLine[];
}

export type ComplaintDocument = AcknowledgementDocument | DecisionLetterDocument | ComplaintRecordDocument;
