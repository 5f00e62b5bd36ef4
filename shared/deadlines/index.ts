/**
 * The deadline engine (R7, R9–R11): branch working-day calendars and consideration policies.
 * Pure: used by the renderer (countdowns, warnings) and by HQ (escalation) alike.
 */
export {
  addWorkingDays,
  bookPhotoDeadline,
  BOOK_PHOTO_DEADLINE_HOUR,
  calendarDataStatus,
  explainDay,
  isWorkingDay,
  onOrNextWorkingDay,
  UKRAINE_MARTIAL_LAW_DEFAULT,
  validateBranchCalendar,
  type BranchCalendar,
  type CalendarDataStatus,
  type CalendarProblem,
  type DayExplanation,
  type WorkingDayReason,
} from './calendar';
export { isSupportedCountry, libraryCorrectionProblems } from './library-holidays';
export {
  DESIGNATED_DAYS,
  LIBRARY_CORRECTIONS,
  RU_TRANSFER_DECREES,
  type DayTransfer,
  type DesignatedDay,
  type TransferDecree,
} from './corrections';
export {
  CALLBACK_DUE_SOON_MS,
  CHANNEL_FORM,
  DEFAULT_DUE_SOON,
  DEFAULT_POLICY_ID,
  DUE_KINDS,
  POLICY_PRESET_IDS,
  POLICY_PRESETS,
  TERM_DUE_KINDS,
  validatePolicy,
  type ChannelForm,
  type ChannelTerms,
  type ConsiderationPolicy,
  type DueKind,
  type DueSoonSettings,
  type PolicyPresetId,
  type PolicyProblem,
  type PolicyProblemCode,
  type TermCounting,
  type TermRule,
  type TermDueKind,
  type TermStart,
  type TermUnit,
} from './policies';
export {
  complaintDueMoments,
  DUE_STATES,
  mostUrgentState,
  nextDue,
  termDeadline,
  type ComplaintTimeline,
  type DueMoment,
  type DueState,
  type TermDeadline,
} from './due';
export { urgencyAt, urgencyWindow, type UrgencyState, type UrgencyWindow } from './urgency';
