import type { Pool } from 'pg';
import { ATTACHMENT_MIME_TYPES, sniffAttachmentMime, SNIFF_BYTES } from '../../shared/handling/attachments';
import type { ConsoleAttachment } from '../../shared/console/protocol';
import type { ConsolePrincipal } from '../people/sessions';
import { scopeCondition } from './scope';

/**
 * Issue 15 item 2 (R3, R24): the files attached to a complaint, for the console — listed on its page and
 * downloaded one at a time, each scoped in SQL to the user's branches like the complaint itself.
 */

/** The complaint's files (of its own branch), oldest first, and whether their bytes have arrived. */
export async function complaintAttachments(
  pool: Pool,
  complaintId: string,
  branchId: number,
): Promise<ConsoleAttachment[]> {
  const { rows } = await pool.query<{
    id: string;
    file_name: string;
    mime: string;
    size: string;
    kind: string;
    added_at: string;
    added_by: string;
    arrived: boolean;
  }>(
    `SELECT a.id, a.file_name, a.mime, a.size, a.kind, a.added_at, a.added_by,
            NOT EXISTS (SELECT 1 FROM complaint_attachments_missing m WHERE m.id = a.id) AS arrived
       FROM complaint_attachments a
      WHERE a.complaint_id = $1 AND a.branch_id = $2 AND a.removed_at IS NULL
      ORDER BY a.added_at, a.id`,
    [complaintId, branchId],
  );
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    mime: r.mime,
    size: Number(r.size),
    kind: r.kind,
    addedAt: new Date(r.added_at).toISOString(),
    addedBy: r.added_by,
    arrived: r.arrived,
  }));
}

/**
 * One file of a complaint in the user's scope, when its bytes have arrived; undefined otherwise (the route
 * answers 404, exactly as for a file that does not exist).
 */
export async function scopedAttachment(
  pool: Pool,
  principal: ConsolePrincipal,
  complaintId: string,
  attachmentId: string,
): Promise<{ sha256: string; fileName: string; mime: string; number: string } | undefined> {
  const params: unknown[] = [complaintId, attachmentId];
  const scope = scopeCondition(principal, params);
  const { rows } = await pool.query<{ sha256: string; file_name: string; mime: string; number: string }>(
    `SELECT a.sha256, a.file_name, a.mime, c.number
       FROM complaint_attachments a
       JOIN complaints c ON c.id = a.complaint_id AND c.branch_id = a.branch_id
       JOIN branch_photos bp ON bp.branch_id = a.branch_id AND bp.sha256 = a.sha256
      WHERE a.complaint_id = $1 AND a.id = $2 AND a.removed_at IS NULL AND ${scope}`,
    params,
  );
  const r = rows[0];
  return r && { sha256: r.sha256, fileName: r.file_name, mime: r.mime, number: r.number };
}

/**
 * The type a download is served with: the recorded one only when it is one of the accepted types and the
 * bytes themselves are of it; anything else is served as opaque bytes. No type that a browser would run.
 */
export function safeContentType(recorded: string, bytes: Uint8Array): string {
  const sniffed = sniffAttachmentMime(bytes.subarray(0, SNIFF_BYTES));
  return (ATTACHMENT_MIME_TYPES as readonly string[]).includes(recorded) && sniffed === recorded
    ? recorded
    : 'application/octet-stream';
}

/**
 * `Content-Disposition: attachment` with the file's name (RFC 6266): an ASCII fallback with anything
 * unsafe replaced, and the exact name in UTF-8 (RFC 8187).
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const exact = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
