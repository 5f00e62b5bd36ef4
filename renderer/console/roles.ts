import type { HqRole } from '../../shared/people/model';
import { canAdminister, complaintScopeOf } from '../../shared/people/model';

/** The console's sections, in the order of the navigation (Alt+1…). */
export const SECTIONS = [
  { path: '/queues', key: 'nav.queues' },
  { path: '/register', key: 'nav.register' },
  { path: '/admin', key: 'nav.admin' },
] as const;
export type Section = (typeof SECTIONS)[number];

/** Which sections a role sees: complaint screens for those with a complaint scope, administration for admins. */
export function sectionsFor(role: HqRole): Section[] {
  const readsComplaints = complaintScopeOf(role, []).kind !== 'none';
  return SECTIONS.filter((s) => (s.path === '/admin' ? canAdminister(role) : readsComplaints));
}

/** Where a role starts: the queues (R11, R14), or administration for an admin. */
export function homeOf(role: HqRole): string {
  return sectionsFor(role)[0]?.path ?? '/admin';
}
