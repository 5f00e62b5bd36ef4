/**
 * The feedback-book feature (R6–R8, R11): what the rest of the page may use of it. Everything else in this
 * folder is its own business (lint: boundaries/dependencies).
 */
export { FeedbackBookPage } from './FeedbackBookPage';
export { BookEntryPage } from './BookEntryPage';
// Shown on every screen by the shell: entries whose 11:00 deadline is near or passed.
export { AtRiskBanner } from './AtRiskBanner';
