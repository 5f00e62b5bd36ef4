/**
 * Consideration terms as data (R9, R10): named rules a company picks or edits per branch. Every number here
 * is a preset, not a constant of the program.
 */
import type { Channel } from '../complaints/model';

export type TermCounting = 'working' | 'calendar';
export type TermUnit = 'hours' | 'days' | 'weeks' | 'months';
/** The event the term runs from. Terms from a later event are projected until that event happens. */
export type TermStart = 'received' | 'registered' | 'decided' | 'customer_informed';

export interface TermRule {
  /** Stable id, shown in reports and the audit trail, e.g. 'ru_zozpp_22_10_days'. */
  id: string;
  /**
   * 'working': count only the branch's working days (hours: only hours of working days);
   * 'calendar': count every day, and a term ending on a day off ends on the next working day (R10).
   * Weeks and months are calendar spans: they are always counted as 'calendar'.
   */
  counting: TermCounting;
  /** Whole number >= 0; 0 means "immediately" (at the start event). */
  amount: number;
  unit: TermUnit;
  from: TermStart;
  /** Where the term comes from (law and article, or company policy): printed on receipts, kept for audits. */
  basis: string;
}

/** The due moments a consideration policy's terms define. */
export const TERM_DUE_KINDS = ['acknowledge', 'preliminary_answer', 'final_answer', 'follow_up'] as const;
export type TermDueKind = (typeof TERM_DUE_KINDS)[number];
/**
 * Every kind of due moment: the policy's terms, and (issue 15, R4) a promised callback, whose time is the
 * one promised to the customer rather than a term of the policy.
 */
export const DUE_KINDS = [...TERM_DUE_KINDS, 'callback'] as const;
export type DueKind = (typeof DUE_KINDS)[number];

/** R4: a promised callback is due soon (and reminded) this long before its time. */
export const CALLBACK_DUE_SOON_MS = 15 * 60_000;

/** R10 treats written and oral complaints differently. Typed over every channel, so a new one needs a decision. */
export type ChannelForm = 'written' | 'oral';
export const CHANNEL_FORM: Record<Channel, ChannelForm> = {
  post: 'written',
  email: 'written',
  web: 'written',
  feedback_book: 'written',
  // A filled-in questionnaire and an employee's internal complaint arrive as text, answered in writing.
  questionnaire: 'written',
  internal: 'written',
  in_person: 'oral',
  phone: 'oral',
  hotline: 'oral',
};

export interface ChannelTerms {
  acknowledge?: TermRule;
  preliminaryAnswer?: TermRule;
  finalAnswer: TermRule;
  /** The longest term when it has been extended (UA: 45 days); used for complaints marked `termExtended`. */
  finalAnswerExtended?: TermRule;
  followUp?: TermRule;
}

/**
 * When a moment turns "due soon" (R11). Day-based terms: from 00:00 of the n-th working day before the due
 * date (default 1: the working day before and the due day itself). Hour-based terms: in the last fraction of
 * the term (default 0.25: the last 6 hours of 24).
 */
export interface DueSoonSettings {
  workingDaysBefore: number;
  hoursFraction: number;
}

export const DEFAULT_DUE_SOON: DueSoonSettings = { workingDaysBefore: 1, hoursFraction: 0.25 };

export interface ConsiderationPolicy {
  id: string;
  written: ChannelTerms;
  oral: ChannelTerms;
  dueSoon?: DueSoonSettings;
}

const COMPANY = 'Company complaint-handling policy';

const rule = (
  id: string,
  amount: number,
  unit: TermUnit,
  counting: TermCounting,
  from: TermStart,
  basis: string,
): TermRule => ({ id, amount, unit, counting, from, basis });

/**
 * At the counter or on the phone the receipt is given at once (R9): "at once" is the moment the complaint is
 * registered during the conversation, which is always a little after the customer started speaking.
 * A letter is thanked within 2 working days of its arrival (R10).
 */
const ACK_ORAL = rule('ack_immediately', 0, 'hours', 'calendar', 'registered', `${COMPANY} (R9)`);
const ACK_WRITTEN = rule('ack_2_working_days', 2, 'days', 'working', 'received', `${COMPANY} (R10)`);
/** R17: check satisfaction after the promised time; 5 working days after the customer was told is the preset. */
const FOLLOW_UP = rule(
  'follow_up_5_working_days',
  5,
  'days',
  'working',
  'customer_informed',
  `${COMPANY} (R17)`,
);
const FINAL_10_WD = rule('final_10_working_days', 10, 'days', 'working', 'registered', `${COMPANY} (R9)`);

const RESOLVE_1_MONTH = rule('resolve_1_month', 1, 'months', 'calendar', 'received', `${COMPANY} (R10)`);

const RU_ZOZPP_22 = rule(
  'ru_zozpp_22_10_days',
  10,
  'days',
  'calendar',
  'received',
  'Закон РФ «О защите прав потребителей», ст. 22',
);

const CZ_OZ_2173 = rule(
  'cz_oz_2173_30_days',
  30,
  'days',
  'calendar',
  'received',
  '§ 2173 občanského zákoníku; § 19 zákona o ochraně spotřebitele',
);

const UA_APPEALS = 'Закон України «Про звернення громадян», ст. 20';
const UA_APPEALS_20 = {
  preliminaryAnswer: rule('ua_appeals_20_15_days', 15, 'days', 'calendar', 'received', UA_APPEALS),
  finalAnswer: rule('ua_appeals_20_1_month', 1, 'months', 'calendar', 'received', UA_APPEALS),
  finalAnswerExtended: rule('ua_appeals_20_45_days', 45, 'days', 'calendar', 'received', UA_APPEALS),
  followUp: FOLLOW_UP,
} satisfies Omit<ChannelTerms, 'acknowledge'>;

export const POLICY_PRESET_IDS = [
  'working_days_10',
  'written_2d_2w',
  'respond_24h_resolve_1m',
  'ru_money_claim_10d',
  'ua_citizens_appeals',
  'cz_consumer_claim_30d',
] as const;
export type PolicyPresetId = (typeof POLICY_PRESET_IDS)[number];

export const POLICY_PRESETS: Record<PolicyPresetId, ConsiderationPolicy> = {
  /** R9 default: the customer is told at registration that the answer comes within 10 working days. */
  working_days_10: {
    id: 'working_days_10',
    written: { acknowledge: ACK_WRITTEN, finalAnswer: FINAL_10_WD, followUp: FOLLOW_UP },
    oral: { acknowledge: ACK_ORAL, finalAnswer: FINAL_10_WD, followUp: FOLLOW_UP },
  },
  /** R10: written — thanks and a preliminary answer within 2 (working) days, the decision within 2 weeks. */
  written_2d_2w: {
    id: 'written_2d_2w',
    written: {
      acknowledge: ACK_WRITTEN,
      preliminaryAnswer: rule(
        'preliminary_2_working_days',
        2,
        'days',
        'working',
        'received',
        `${COMPANY} (R10)`,
      ),
      finalAnswer: rule('final_2_weeks', 2, 'weeks', 'calendar', 'received', `${COMPANY} (R10)`),
      followUp: FOLLOW_UP,
    },
    // Oral complaints are resolved at once where possible; otherwise the R9 default term applies.
    oral: { acknowledge: ACK_ORAL, finalAnswer: FINAL_10_WD, followUp: FOLLOW_UP },
  },
  /** "Respond within 24 hours, resolve within one month" (R10). */
  respond_24h_resolve_1m: {
    id: 'respond_24h_resolve_1m',
    written: {
      acknowledge: rule('respond_24_hours', 24, 'hours', 'calendar', 'received', `${COMPANY} (R10)`),
      finalAnswer: RESOLVE_1_MONTH,
      followUp: FOLLOW_UP,
    },
    oral: {
      acknowledge: ACK_ORAL,
      finalAnswer: RESOLVE_1_MONTH,
      followUp: FOLLOW_UP,
    },
  },
  /** Russia, money claims: 10 days from the day the demand was presented (Закон «О защите прав потребителей», ст. 22). */
  ru_money_claim_10d: {
    id: 'ru_money_claim_10d',
    written: { acknowledge: ACK_WRITTEN, finalAnswer: RU_ZOZPP_22, followUp: FOLLOW_UP },
    oral: { acknowledge: ACK_ORAL, finalAnswer: RU_ZOZPP_22, followUp: FOLLOW_UP },
  },
  /**
   * Ukraine (Закон «Про звернення громадян», ст. 20): at most one month from receipt; without additional study
   * at once, no later than 15 days (tracked as the preliminary answer: by then the customer has the answer or
   * is told the matter needs study); extended, 45 days at most.
   */
  ua_citizens_appeals: {
    id: 'ua_citizens_appeals',
    written: { acknowledge: ACK_WRITTEN, ...UA_APPEALS_20 },
    oral: { acknowledge: ACK_ORAL, ...UA_APPEALS_20 },
  },
  /**
   * Czech Republic, consumer complaint (reklamace): settled within 30 days of being raised (§ 2173 OZ, § 19 ZOS);
   * a written confirmation is due when it is raised (§ 19 ZOS) — at once at the counter, within a working day
   * for a letter.
   */
  cz_consumer_claim_30d: {
    id: 'cz_consumer_claim_30d',
    written: {
      acknowledge: rule(
        'cz_zos_19_confirmation_1_working_day',
        1,
        'days',
        'working',
        'received',
        '§ 19 zákona o ochraně spotřebitele',
      ),
      finalAnswer: CZ_OZ_2173,
      followUp: FOLLOW_UP,
    },
    oral: {
      acknowledge: rule(
        'cz_zos_19_confirmation_immediately',
        0,
        'hours',
        'calendar',
        'registered',
        '§ 19 zákona o ochraně spotřebitele',
      ),
      finalAnswer: CZ_OZ_2173,
      followUp: FOLLOW_UP,
    },
  },
};

export const DEFAULT_POLICY_ID: PolicyPresetId = 'working_days_10';

export type PolicyProblemCode = 'amount_invalid' | 'span_requires_calendar_counting' | 'due_soon_invalid';

export interface PolicyProblem {
  /** e.g. 'written.finalAnswer' */
  where: string;
  code: PolicyProblemCode;
}

/** Settings check for an edited policy: an empty list means it is usable. */
export function validatePolicy(policy: ConsiderationPolicy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const form of ['written', 'oral'] as const) {
    const terms = policy[form];
    for (const key of [
      'acknowledge',
      'preliminaryAnswer',
      'finalAnswer',
      'finalAnswerExtended',
      'followUp',
    ] as const) {
      const term = terms[key];
      if (!term) continue;
      const where = `${form}.${key}`;
      if (!Number.isInteger(term.amount) || term.amount < 0) problems.push({ where, code: 'amount_invalid' });
      if ((term.unit === 'weeks' || term.unit === 'months') && term.counting === 'working') {
        problems.push({ where, code: 'span_requires_calendar_counting' });
      }
    }
  }
  const soon = policy.dueSoon;
  if (
    soon &&
    (!Number.isInteger(soon.workingDaysBefore) ||
      soon.workingDaysBefore < 0 ||
      !(soon.hoursFraction >= 0 && soon.hoursFraction <= 1))
  ) {
    problems.push({ where: 'dueSoon', code: 'due_soon_invalid' });
  }
  return problems;
}
