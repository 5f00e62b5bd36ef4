import { v7 as uuidv7 } from 'uuid';
import type { ComplaintEvent } from '../../../shared/complaints/model';
import {
  checkApprovalAnswer,
  checkCompensation,
  type ApprovalThresholds,
  type CompensationInput,
} from '../../../shared/handling/compensation';
import {
  applyCorrections,
  checkRecordChange,
  type RecordChangeRequest,
} from '../../../shared/handling/corrections';
import { checkTask, checkTaskStatus, tasksOf, type TaskInput } from '../../../shared/handling/tasks';
import type { TaskStatus } from '../../../shared/handling/codes';
import type { EmployeeRole } from '../../../shared/people/model';
import type { LocalDate } from '../../../shared/time/local-date';
import type { OtklikDatabase } from '../../db/database';
import type { Signer } from '../../db/employees';
import { ValidationFailed } from '../actions';
import { appendHandlingEvents, type HandlingStep } from './actions';

/**
 * R16 compensation, its approval and the department tasks; R3/R13 corrections and re-assessment. Each one
 * local transaction with its outbox operations (appendHandlingEvents), checked by shared/handling.
 */

function taskStep(input: TaskInput, today: LocalDate): HandlingStep {
  return {
    type: 'task_created',
    check: ({ complaint }) => {
      const r = checkTask(complaint, input, uuidv7(), today);
      return r.ok ? { ok: true, data: r.data } : r;
    },
  };
}

/**
 * R16: the compensation decided with the aid's answers (status `decided`), and the department tasks that
 * carry it out, all in one transaction. Above the threshold (`thresholds`: the effective policy) it waits
 * for approval.
 */
export async function decideCompensation(
  db: OtklikDatabase,
  complaintId: string,
  input: CompensationInput,
  tasks: readonly Omit<TaskInput, 'compensationId'>[],
  thresholds: ApprovalThresholds,
  today: LocalDate,
  signer: Signer,
  now = new Date(),
): Promise<ComplaintEvent[]> {
  const compensationId = uuidv7();
  return appendHandlingEvents(
    db,
    complaintId,
    [
      {
        type: 'compensation_decided',
        check: ({ complaint }) => {
          const r = checkCompensation(complaint, input, compensationId, thresholds);
          return r.ok ? { ok: true, data: r.data } : r;
        },
      },
      ...tasks.map((t) => taskStep({ ...t, compensationId }, today)),
    ],
    signer,
    now,
  );
}

/**
 * R16: a branch manager signed in at the branch approves or refuses the compensation in force — never one
 * they decided themselves (the decide event's actor).
 */
export function answerApproval(
  db: OtklikDatabase,
  complaintId: string,
  answer: { approve: boolean; reason?: string },
  approver: Signer & { role: EmployeeRole },
  now = new Date(),
) {
  return appendHandlingEvents(
    db,
    complaintId,
    [
      {
        type: answer.approve ? 'compensation_approved' : 'compensation_refused',
        check: ({ complaint, history }) => {
          const decided = history.findLast(
            (e) =>
              e.type === 'compensation_decided' &&
              (e.data as { compensationId?: string }).compensationId === complaint.progress.compensation?.id,
          );
          const r = checkApprovalAnswer(complaint.progress, answer, approver, decided?.actorId);
          return r.ok ? { ok: true, data: r.data } : r;
        },
      },
    ],
    approver,
    now,
  );
}

/** R16: one more department task. */
export function createTask(
  db: OtklikDatabase,
  complaintId: string,
  input: TaskInput,
  today: LocalDate,
  signer: Signer,
  now = new Date(),
) {
  return appendHandlingEvents(db, complaintId, [taskStep(input, today)], signer, now);
}

/** R16: a task done, open again, or cancelled (the last two say why). */
export function changeTaskStatus(
  db: OtklikDatabase,
  complaintId: string,
  change: { taskId: string; status: TaskStatus; note?: string },
  signer: Signer,
  now = new Date(),
) {
  return appendHandlingEvents(
    db,
    complaintId,
    [
      {
        type: 'task_status_changed',
        check: ({ complaint, history }) => {
          const r = checkTaskStatus(complaint, tasksOf(history), change);
          return r.ok ? { ok: true, data: r.data } : r;
        },
      },
    ],
    signer,
    now,
  );
}

/** Field problems of a refused correction, as the intake form shows them. */
export class CorrectionRefused extends ValidationFailed {}

/**
 * R3 (`correction`) or R13 (`assessment`): fields changed with a reason; the event keeps before and after,
 * and the record itself changes in the same transaction (shared/handling/corrections applyCorrections).
 */
export function changeRecord(
  db: OtklikDatabase,
  complaintId: string,
  kind: 'correction' | 'assessment',
  request: RecordChangeRequest,
  signer: Signer,
  now = new Date(),
) {
  return appendHandlingEvents(
    db,
    complaintId,
    [
      {
        type: kind === 'correction' ? 'fields_corrected' : 'assessment_changed',
        check: ({ complaint }) => {
          const r = checkRecordChange(complaint, kind, request);
          if (!r.ok && r.fieldErrors.length > 0) throw new CorrectionRefused(r.fieldErrors);
          return r.ok ? { ok: true, data: { reason: request.reason.trim(), changes: r.changes } } : r;
        },
      },
    ],
    signer,
    now,
    (complaint, event) => {
      const next = applyCorrections(complaint, [event]);
      const { id: _id, ...fields } = next;
      return fields;
    },
  );
}
