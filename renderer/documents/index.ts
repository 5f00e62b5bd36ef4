/**
 * Printed documents (issue 16): what the rest of the page may use of this feature — printing a document on
 * the chosen paper, wording the outcome, and this PC's remembered paper and printer.
 */
export { printComplaintDocument, printOutcomeMessage } from './print';
export { loadPrintPreferences, rememberPrint } from './preferences';
