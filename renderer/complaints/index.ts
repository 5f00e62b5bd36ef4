/**
 * The complaints feature (R1–R5, R9–R17): what the rest of the page may use of it. Everything else in this
 * folder is its own business (lint: boundaries/dependencies).
 */
export { ComplaintListPage } from './ComplaintListPage';
export { NewComplaintPage } from './NewComplaintPage';
export { ComplaintDetailPage } from './ComplaintDetailPage';
// The feedback book registers the complaint an entry belongs to, with the same fields and rules.
export { ComplaintFields } from './ComplaintFields';
export { ValidationFailed, appendEvent, registerComplaint } from './actions';
// Issue 15 (R4): promised callbacks due soon or missed, reminded on every screen to whoever is signed in.
export { CallbackReminders } from './handling/CallbackReminders';
