/** The complaint lifecycle (R12, R15, R17): transitions, their guards and refusal codes, milestones. */
export {
  findTransition,
  INITIAL_STATUS,
  isOpenStatus,
  lifecycleSubjectOf,
  nextStatuses,
  transition,
  TRANSITION_NAMES,
  TRANSITIONS,
  type LifecycleSubject,
  type StatusChangeData,
  type StatusChangeEvent,
  type TransitionName,
  type TransitionRequest,
  type TransitionResult,
  type TransitionRule,
} from './machine';
export {
  checkDecision,
  checkFollowUp,
  DECISION_OUTCOMES,
  FINDING_WHEN_FACTS_MISSING,
  FINDINGS,
  FOLLOW_UP_OUTCOMES,
  UNFOUNDED_CRITERIA,
  type DecisionInput,
  type DecisionOutcome,
  type Finding,
  type FollowUpInput,
  type FollowUpOutcome,
  type RecordedDecision,
  type RecordedFollowUp,
  type UnfoundedCriterion,
} from './decision';
export { REFUSAL_REASONS, type RefusalReason } from './reasons';
export { milestonesFromEvents, timelineOf } from './milestones';
export {
  takeOver,
  TAKE_OVER_REFUSALS,
  type OwnerChangeData,
  type OwnerChangeEvent,
  type TakeOverRefusal,
  type TakeOverSubject,
} from './ownership';
