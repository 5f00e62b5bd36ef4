import type { Pool } from 'pg';

/**
 * Claims the due rows of one of HQ's own mail queues that keep their jobs beside mail_outbox (document_mail,
 * escalation_mail) and leases them, committed before any SMTP conversation, like claimMailJobs: pending,
 * due, not leased by a live worker, oldest due first, SKIP LOCKED so workers in several processes never take
 * the same row. `columns` are the job's columns returned (constants of the caller, never input).
 */
export async function claimLeasedJobs<T extends object>(
  pool: Pool,
  table: 'document_mail' | 'escalation_mail',
  columns: readonly string[],
  now: Date,
  options: { limit: number; leaseMs: number },
): Promise<T[]> {
  const { rows } = await pool.query<T>(
    `UPDATE ${table} o
        SET attempts = o.attempts + 1, last_attempt_at = $1,
            leased_until = $1::timestamptz + $2 * interval '1 millisecond'
      WHERE o.id IN (
        SELECT j.id FROM ${table} j
         WHERE j.status = 'pending' AND j.next_attempt_at <= $1
           AND (j.leased_until IS NULL OR j.leased_until <= $1)
         ORDER BY j.next_attempt_at
         LIMIT $3
         FOR UPDATE OF j SKIP LOCKED)
      RETURNING ${columns.map((c) => `o.${c}`).join(', ')}`,
    [now.toISOString(), options.leaseMs, options.limit],
  );
  return rows;
}
