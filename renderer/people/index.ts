/**
 * The people feature (issue 14, R24): who is at the counter. The sign-in and lock around the screens, the
 * signed-in employee every action is attributed to, and the branch's employees. Everything else in this
 * folder is its own business (lint: boundaries/dependencies).
 */
export { CounterProvider } from './CounterProvider';
export { CounterGate } from './CounterGate';
export { SignedInBadge } from './SignedInBadge';
export { EmployeesPage } from './EmployeesPage';
export { NotAllowed } from './NotAllowed';
export { useCounter, useSignedInEmployee } from './context';
