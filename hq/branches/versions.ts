import type { PoolClient } from 'pg';

/**
 * The branch's version counter: the pull cursor (HQ's order, never client clocks). Every row a branch
 * pulls carries the version it last changed at; versions are unique within a branch and handed out in the
 * transaction that writes the row, so a branch's versions commit in order.
 */

/**
 * Versions for one transaction's writes, reserved from the branch in blocks (one UPDATE per block instead of
 * one per row). The first reservation locks the branch row until the transaction ends, so versions of a
 * branch commit in order; numbers reserved and not used leave gaps, which a cursor does not mind.
 */
export class BranchVersions {
  private next = 1;
  private last = 0;

  constructor(
    private readonly client: PoolClient,
    readonly branchId: number,
    private readonly block = 64,
  ) {}

  async take(): Promise<number> {
    if (this.next > this.last) {
      const { rows } = await this.client.query<{ version: number }>(
        'UPDATE branches SET version = version + $2 WHERE id = $1 RETURNING version',
        [this.branchId, this.block],
      );
      this.last = rows[0]!.version;
      this.next = this.last - this.block + 1;
    }
    return this.next++;
  }

  /**
   * `count` versions in ascending order, with at most one UPDATE (issue 17: a set-based push takes the
   * versions of a whole run at once). What was left of the current block is skipped: a gap.
   */
  async takeMany(count: number): Promise<number[]> {
    if (this.last - this.next + 1 < count) {
      const block = Math.max(this.block, count);
      const { rows } = await this.client.query<{ version: number }>(
        'UPDATE branches SET version = version + $2 WHERE id = $1 RETURNING version',
        [this.branchId, block],
      );
      this.last = rows[0]!.version;
      this.next = this.last - block + 1;
    }
    const first = this.next;
    this.next += count;
    return Array.from({ length: count }, (_, i) => first + i);
  }

  /**
   * Versions `last - count + 1 … last` were reserved by the caller's own statement (issue 17: a push reserves
   * them in the statement that locks the branch): handed out before any other.
   */
  adopt(last: number, count: number): void {
    this.last = last;
    this.next = last - count + 1;
  }

  /**
   * A savepoint was rolled back. A reservation made in it was rolled back with the branch's counter: those
   * numbers are no longer reserved, and handing them out would let another transaction hand them out again.
   * (One made before it, as a push's, still stands: dropping it only leaves a gap.) The next take reserves a
   * new block (what was skipped is a gap, which a cursor does not mind).
   */
  dropReservation(): void {
    this.next = 1;
    this.last = 0;
  }
}

/** A transaction that writes one branch's data: its connection and the branch's versions. */
export interface BranchTx {
  client: PoolClient;
  branchId: number;
  versions: BranchVersions;
}

export function branchTx(client: PoolClient, branchId: number, block?: number): BranchTx {
  return { client, branchId, versions: new BranchVersions(client, branchId, block) };
}

/** Hands out the branch's next version: the pull cursor. Locks the branch row until the transaction ends. */
export async function nextVersion(client: PoolClient, branchId: number): Promise<number> {
  const { rows } = await client.query<{ version: number }>(
    'UPDATE branches SET version = version + 1 WHERE id = $1 RETURNING version',
    [branchId],
  );
  return rows[0]!.version;
}

/**
 * Locks the branch's row (its version counter) until the transaction ends, before any other row: a
 * transaction that writes a branch's data takes this lock first, so all take their locks in one order. What
 * it then needs of the branch or the company it reads in later statements, which see what a writer it
 * waited for committed (this statement's own snapshot predates the wait).
 */
export async function lockBranch(client: PoolClient, branchId: number): Promise<void> {
  await client.query('SELECT 1 FROM branches WHERE id = $1 FOR UPDATE', [branchId]);
}
