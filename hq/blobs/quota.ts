import type { Pool } from 'pg';

/** 50 GiB: years of a busy branch's feedback-book pages (≈ 2 MB each); HQ_BRANCH_PHOTO_QUOTA_BYTES. */
export const BRANCH_PHOTO_QUOTA_BYTES = 50 * 1024 ** 3;

/**
 * How much photo storage a branch uses at HQ, against its quota (issue 13): one branch — or one stolen
 * device token — must not fill HQ's disk for every other branch. A branch's total is read from the
 * database once a minute and counted up in between, so an upload costs no extra query; with several HQ
 * processes each counts its own uploads, so a branch may overshoot by what the others took in that minute.
 */
export class BranchPhotoQuota {
  private readonly used = new Map<number, { bytes: number; until: number }>();

  constructor(
    private readonly pool: Pool,
    readonly quotaBytes: number,
    private readonly refreshMs = 60_000,
  ) {}

  get enabled(): boolean {
    return this.quotaBytes > 0;
  }

  /** Bytes the branch may still store (Infinity without a quota). */
  async remaining(branchId: number): Promise<number> {
    if (!this.enabled) return Infinity;
    let entry = this.used.get(branchId);
    if (!entry || entry.until <= Date.now()) {
      const { rows } = await this.pool.query<{ used: number }>(
        `SELECT coalesce(sum(p.size), 0)::bigint AS used
           FROM branch_photos bp JOIN photos p ON p.sha256 = bp.sha256 WHERE bp.branch_id = $1`,
        [branchId],
      );
      entry = { bytes: rows[0]?.used ?? 0, until: Date.now() + this.refreshMs };
      this.used.set(branchId, entry);
    }
    return Math.max(0, this.quotaBytes - entry.bytes);
  }

  /** A photo was recorded for the branch. */
  stored(branchId: number, size: number): void {
    const entry = this.used.get(branchId);
    if (entry) entry.bytes += size;
  }
}
