import type { Pool } from 'pg';
import type { MailErrorKind, MailJobKind, MailJobStatus } from '../../shared/mail/policy';
import { mailStateOf, type MailState } from '../../shared/mail/state';

/** One unsent mail job as an HQ admin sees it (`npm run hq -- mail-status`). */
export interface MailJobReport {
  id: string;
  entryId: string;
  kind: MailJobKind;
  branchCode: string;
  complaintNumber: string | null;
  state: MailState;
  attempts: number;
  deadline: string;
  deadlineSource: string | null;
  nextAttemptAt: string;
  missingPhotos: number;
  lastError: string | null;
  lastErrorKind: MailErrorKind | null;
}

/**
 * Every job not sent yet (waiting, retrying, failed for good), the nearest deadline first; only those of
 * `branchIds` when given (the console, scoped to the user's branches).
 */
export async function unsentMailJobs(pool: Pool, branchIds?: readonly number[]): Promise<MailJobReport[]> {
  const { rows } = await pool.query<{
    id: string;
    entry_id: string;
    kind: MailJobKind;
    code: string;
    complaint_number: string | null;
    status: MailJobStatus;
    attempts: number;
    deadline: Date;
    deadline_source: string | null;
    next_attempt_at: Date;
    last_error: string | null;
    last_error_kind: MailErrorKind | null;
    missing: number;
  }>(
    `SELECT j.id, j.entry_id, j.kind, b.code, e.complaint_number, j.status, j.attempts, j.deadline, j.deadline_source,
            j.next_attempt_at, j.last_error, j.last_error_kind,
            CASE WHEN j.kind = 'escalation' THEN 0 ELSE
              (SELECT count(*)::int FROM book_entry_photos_missing m WHERE m.entry_id = j.entry_id) END AS missing
       FROM mail_outbox j JOIN branches b ON b.id = j.branch_id JOIN book_entries e ON e.id = j.entry_id
      WHERE j.status <> 'sent' AND ($1::bigint[] IS NULL OR j.branch_id = ANY($1))
      ORDER BY j.deadline, j.id`,
    [branchIds ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    entryId: r.entry_id,
    kind: r.kind,
    branchCode: r.code,
    complaintNumber: r.complaint_number,
    state: mailStateOf({
      status: r.status,
      attempts: r.attempts,
      lastErrorKind: r.last_error_kind,
      missingPhotos: r.missing,
    }),
    attempts: r.attempts,
    deadline: new Date(r.deadline).toISOString(),
    deadlineSource: r.deadline_source,
    nextAttemptAt: new Date(r.next_attempt_at).toISOString(),
    missingPhotos: r.missing,
    lastError: r.last_error,
    lastErrorKind: r.last_error_kind,
  }));
}

/** The admin command's text: one block per job, or a line saying all is sent. */
export function formatMailReport(jobs: readonly MailJobReport[]): string {
  if (jobs.length === 0) return 'All mail is sent.';
  const lines = [`${jobs.length} mail job(s) not sent:`];
  for (const j of jobs) {
    lines.push(
      '',
      `${j.id}  [${j.state}]`,
      `  branch ${j.branchCode}, complaint ${j.complaintNumber ?? '—'}, ${j.kind === 'escalation' ? 'escalation to the head of sales' : 'entry to the manager'}`,
      `  deadline ${j.deadline}${j.deadlineSource ? ` (${j.deadlineSource === 'branch' ? "branch's calendar" : "HQ's calendar"})` : ''}, attempts ${j.attempts}${j.state === 'failed' ? '' : `, next ${j.nextAttemptAt}`}`,
    );
    if (j.missingPhotos > 0) lines.push(`  waiting for ${j.missingPhotos} photo(s) from the branch`);
    if (j.lastError) lines.push(`  last error: ${j.lastError}`);
  }
  return lines.join('\n');
}
