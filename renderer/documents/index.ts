/**
 * Printed documents (issue 16): rendering a document from its shared model and printing it (or saving it as
 * a PDF) through the platform. A layer of the page below the features and the console (eslint.config.js): it
 * uses the UI kit, i18n and the platform only, never the branch database, so the branch app and the HQ
 * console print the very same document view. What a workstation remembers (paper, printer) is the branch
 * side's (renderer/complaints/printPreferences.ts).
 */
export { printComplaintDocument, printOutcomeMessage } from './print';
