/**
 * R17: when the customer rejects the decision, the app shows the country's recourse routes (the company's
 * table, shared/documents/recourse.ts — the same one the decision letter prints) in the customer's language
 * and records that they were explained (`recourse_explained`: which routes, which country, which language).
 * The follow-up's "recourse explained" tick (shared/lifecycle checkFollowUp) is then already true.
 * Issue 15: the table is the one in force at the branch (HQ's configured routes, else the shipped ones), so
 * a route's id may be one HQ configured; the record keeps the ids, not the words shown.
 */
import type { FollowUpOutcome } from '../lifecycle/decision';
import type { DecisionOutcome } from '../lifecycle/decision';
import type { RefusalReason } from '../lifecycle/reasons';
import {
  DEFAULT_RECOURSE,
  MAX_RECOURSE_ROUTES,
  recourseIdSchema,
  recourseRoutesFor,
  type RecourseRoute,
  type RecourseTable,
} from '../documents/recourse';
import { isLanguage, type Country, type Language } from '../settings/workstation';

/**
 * The routes to show: every route of the country once the customer rejected the decision at follow-up
 * (even an upheld one: the customer may dispute how it was carried out); otherwise what the decision letter
 * prints for the outcome (none for an upheld complaint).
 */
export function recourseRoutesToExplain(
  country: Country,
  decision: DecisionOutcome | undefined,
  followUp: FollowUpOutcome | undefined,
  table: RecourseTable = DEFAULT_RECOURSE,
): RecourseRoute[] {
  if (followUp === 'rejected') return recourseRoutesFor(country, 'rejected', table);
  return decision ? recourseRoutesFor(country, decision, table) : [];
}

export interface RecourseExplainedData extends Record<string, unknown> {
  /** Shipped routes' ids (RecourseId) or those HQ configured. */
  routes: string[];
  country: Country;
  /** The customer's language the routes were given in. */
  language: Language;
  note?: string;
}

export function checkRecourseExplained(input: {
  routes: readonly string[];
  country: Country;
  language: string;
  note?: string;
}): { ok: true; data: RecourseExplainedData } | { ok: false; reasons: RefusalReason[] } {
  const routes = [...new Set(input.routes)].filter((r) => recourseIdSchema.safeParse(r).success);
  const reasons: RefusalReason[] = [];
  if (
    routes.length === 0 ||
    routes.length > MAX_RECOURSE_ROUTES ||
    routes.length !== new Set(input.routes).size
  )
    reasons.push('recourse_routes_required');
  if (!isLanguage(input.language)) reasons.push('change_value_invalid');
  if (reasons.length > 0) return { ok: false, reasons };
  const note = input.note?.trim();
  return {
    ok: true,
    data: { routes, country: input.country, language: input.language as Language, ...(note ? { note } : {}) },
  };
}
