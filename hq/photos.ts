import type { Pool } from 'pg';

export async function branchHasPhoto(pool: Pool, branchId: number, sha256: string): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM branch_photos WHERE branch_id = $1 AND sha256 = $2', [
    branchId,
    sha256,
  ]);
  return (rowCount ?? 0) > 0;
}

/** The bytes are in the blob store: record them (once) and that this branch has delivered them. */
export async function recordPhoto(pool: Pool, branchId: number, sha256: string, size: number): Promise<void> {
  // One statement: the foreign key is checked at its end, when the CTE's row is there.
  await pool.query(
    `WITH p AS (INSERT INTO photos (sha256, size) VALUES ($2, $3) ON CONFLICT (sha256) DO NOTHING)
     INSERT INTO branch_photos (branch_id, sha256) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [branchId, sha256, size],
  );
}
