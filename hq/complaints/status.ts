import type { Pool } from 'pg';
import type { Complaint } from '../../shared/complaints/model';
import { statusPageFacts, type StatusPageFacts } from '../../shared/documents/status-page';
import { isLanguage } from '../../shared/settings/workstation';
import { branchDeadlineInputs } from '../db/complaint-rows';

/**
 * Issue 16 item 6: the public status page's look-up — one complaint by its number (unique across
 * branches), checked against the receipt's check code by shared/documents/status-page.ts. Null for an
 * unknown number, a wrong code and the internal register alike.
 */
export async function complaintStatusFor(
  pool: Pool,
  number: string,
  code: string,
  now: Date,
): Promise<StatusPageFacts | null> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ record: Complaint; branch_id: number; language: string }>(
      `SELECT c.record, c.branch_id, b.language FROM complaints c JOIN branches b ON b.id = c.branch_id
        WHERE c.number = $1 AND NOT c.confidential`,
      [number],
    );
    const row = rows[0];
    if (!row) return null;
    const { calendar, policy } = await branchDeadlineInputs(client, row.branch_id);
    return statusPageFacts({
      complaint: row.record,
      code,
      calendar,
      policy,
      branchLanguage: isLanguage(row.language) ? row.language : 'ru',
      now,
    });
  } finally {
    client.release();
  }
}
