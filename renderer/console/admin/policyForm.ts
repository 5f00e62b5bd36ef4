import { DEFAULT_APPROVAL_THRESHOLDS } from '../../../shared/handling/compensation';
import { minorDigits } from '../../../shared/documents/money';
import {
  POLICY_OVERRIDABLE,
  policyLayerSchema,
  type PolicyLayer,
  type PolicyOverridable,
} from '../../../shared/settings/policy-layers';
import { recourseConfigOfForm, recourseFieldOf, recourseFormOf, type RecourseForm } from './recourseForm';

/**
 * R10 (issue 15 item 7): the console's policy form — one layer (the company's or a branch's) as text the
 * admin types, and back. An empty field is "not set in this layer" (the layer below applies); amounts are
 * typed in major units (5000 for RUB 5 000.00) and stored in minor units.
 */
export const THRESHOLD_CURRENCIES = Object.keys(DEFAULT_APPROVAL_THRESHOLDS);

export interface PolicyFormValue {
  policyId: string;
  bookWarnHours: string;
  officeOpens: string;
  officeCloses: string;
  ukraineMartialLaw: '' | 'yes' | 'no';
  extraDaysOff: string;
  extraWorkingDays: string;
  thresholds: Record<string, string>;
  branchManagerAfterMinutes: string;
  headOfSalesAfterHours: string;
  windowDays: string;
  mayOverride: PolicyOverridable[];
  /** R17 (issue 15): the recourse routes of the countries this layer sets (recourseForm.ts). */
  recourse: RecourseForm;
}
export type PolicyFormField =
  Exclude<keyof PolicyFormValue, 'thresholds' | 'recourse'> | `thresholds.${string}` | `recourse.${string}`;

const text = (v: number | string | undefined) => (v === undefined ? '' : String(v));
const major = (minor: number, currency: string) => String(minor / 10 ** minorDigits(currency));

export function policyFormOf(layer: PolicyLayer): PolicyFormValue {
  const h = layer.handling;
  return {
    policyId: layer.policyId ?? '',
    bookWarnHours: text(layer.bookWarnHours),
    officeOpens: layer.officeOpens ?? '',
    officeCloses: layer.officeCloses ?? '',
    ukraineMartialLaw: layer.ukraineMartialLaw === undefined ? '' : layer.ukraineMartialLaw ? 'yes' : 'no',
    extraDaysOff: (layer.extraDaysOff ?? []).join(', '),
    extraWorkingDays: (layer.extraWorkingDays ?? []).join(', '),
    thresholds: Object.fromEntries(
      THRESHOLD_CURRENCIES.map((c) => {
        const minor = h?.approvalThresholds?.[c];
        return [c, minor === undefined ? '' : major(minor, c)];
      }),
    ),
    branchManagerAfterMinutes: text(h?.escalation?.branchManagerAfterMinutes),
    headOfSalesAfterHours: text(h?.escalation?.headOfSalesAfterHours),
    windowDays: text(h?.duplicates?.windowDays),
    mayOverride: [...(layer.branchMayOverride ?? [])],
    recourse: recourseFormOf(layer.recourse),
  };
}

/** A typed number, or NaN when it is not one (the schema then names the field). */
const num = (s: string) => (/^\s*-?\d+(?:[.,]\d+)?\s*$/.test(s) ? Number(s.replace(',', '.')) : Number.NaN);
const dates = (s: string) => s.split(/[\s,;]+/).filter(Boolean);

/** Where a schema problem shows in the form. */
function fieldOf(path: ReadonlyArray<PropertyKey>): PolicyFormField {
  const [first, second, third] = path.map(String);
  if (first === 'recourse') return recourseFieldOf(path.slice(1));
  if (first === 'handling') {
    if (second === 'approvalThresholds') return `thresholds.${third ?? ''}`;
    if (second === 'duplicates') return 'windowDays';
    return third === 'headOfSalesAfterHours' ? 'headOfSalesAfterHours' : 'branchManagerAfterMinutes';
  }
  if (first === 'branchMayOverride') return 'mayOverride';
  return first as PolicyFormField;
}

/** The layer the form says, or the fields that are wrong (bounds as HQ checks them). */
export function layerOf(
  form: PolicyFormValue,
): { layer: PolicyLayer; problems?: undefined } | { layer?: undefined; problems: PolicyFormField[] } {
  const raw: Record<string, unknown> = {};
  if (form.policyId) raw.policyId = form.policyId;
  if (form.bookWarnHours.trim()) raw.bookWarnHours = num(form.bookWarnHours);
  if (form.officeOpens) raw.officeOpens = form.officeOpens;
  if (form.officeCloses) raw.officeCloses = form.officeCloses;
  if (form.ukraineMartialLaw) raw.ukraineMartialLaw = form.ukraineMartialLaw === 'yes';
  if (form.extraDaysOff.trim()) raw.extraDaysOff = dates(form.extraDaysOff);
  if (form.extraWorkingDays.trim()) raw.extraWorkingDays = dates(form.extraWorkingDays);
  const handling: Record<string, unknown> = {};
  const thresholds = Object.entries(form.thresholds).filter(([, v]) => v.trim());
  if (thresholds.length > 0)
    handling.approvalThresholds = Object.fromEntries(
      thresholds.map(([c, v]) => [c, Math.round(num(v) * 10 ** minorDigits(c))]),
    );
  const escalation: Record<string, number> = {};
  if (form.branchManagerAfterMinutes.trim())
    escalation.branchManagerAfterMinutes = num(form.branchManagerAfterMinutes);
  if (form.headOfSalesAfterHours.trim()) escalation.headOfSalesAfterHours = num(form.headOfSalesAfterHours);
  if (Object.keys(escalation).length > 0) handling.escalation = escalation;
  if (form.windowDays.trim()) handling.duplicates = { windowDays: num(form.windowDays) };
  if (Object.keys(handling).length > 0) raw.handling = handling;
  if (form.mayOverride.length > 0)
    raw.branchMayOverride = POLICY_OVERRIDABLE.filter((o) => form.mayOverride.includes(o));
  const recourse = recourseConfigOfForm(form.recourse);
  if (recourse) raw.recourse = recourse;
  const parsed = policyLayerSchema.safeParse(raw);
  if (parsed.success) return { layer: parsed.data };
  return { problems: [...new Set(parsed.error.issues.map((i) => fieldOf(i.path)))] };
}
