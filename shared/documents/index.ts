/** Printed documents (issue 16; R9, R15, R17, R25): what each says, as pure data for the templates. */
export { acknowledgementOf } from './acknowledgement';
export {
  branchDetailsOf,
  branchDetailsOfDirectory,
  type BranchDetails,
  type DirectoryBranchDetails,
} from './branch';
export {
  CHECK_CODE_LENGTH,
  complaintCheckCode,
  formatCheckCode,
  isCheckCodeOf,
  normalizeCheckCode,
} from './check-code';
export { decisionLetterOf } from './decision-letter';
export { customerLanguageOf } from './language';
export {
  DOCUMENT_KINDS,
  type AcknowledgementDocument,
  type ComplaintDocument,
  type ComplaintRecordDocument,
  type ContactLine,
  type CustomerBlock,
  type DecisionLetterDocument,
  type DocumentDue,
  type DocumentKind,
  type HistoryLine,
  type RecordDue,
} from './model';
export { majorAmount, minorDigits, type Money } from './money';
export {
  isPaperFormat,
  MAX_RECEIPT_MM,
  PAPER,
  PAPER_FORMATS,
  pageSizeMicrons,
  pxToMm,
  QR_MIN_MM,
  type PaperFormat,
} from './paper';
export {
  defaultPrintPreferences,
  printChoice,
  readPrintPreferences,
  rememberPrintChoice,
  type PrintChoice,
  type PrintPreferences,
} from './print-preferences';
export { parseQrPayload, qrPayload, type QrContent } from './qr-payload';
export { complaintRecordOf, historyLine } from './record';
export {
  DEFAULT_RECOURSE,
  RECOURSE_IDS,
  RECOURSE_KINDS,
  recourseApplies,
  recourseRoutesFor,
  type RecourseId,
  type RecourseKind,
  type RecourseRoute,
  type RecourseTable,
} from './recourse';
export { documentOf } from './document-of';
export { type DocumentSource } from './source';
