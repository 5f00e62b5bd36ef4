import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { parsePolicyLayer, policyLayerSchema, type PolicyLayer } from '../../shared/settings/policy-layers';
import { DIRECTORY_LIMITS } from '../../shared/sync/protocol';
import { recordAudit, type AuditContext, type Queryable } from '../audit/log';
import { refreshBranchRows } from '../db/complaint-rows';
import { inTransaction } from '../db/database';
import { HqError } from '../errors';
import { nextVersion } from './versions';

/**
 * R10 (issue 15 items 3 and 7): the company's name and the policy layers HQ sets — the company's, and each
 * branch's own (shared/settings/policy-layers resolves them, at HQ and at the branch). A change gives every
 * branch it reaches a new directory version (its next pull carries the layers), recomputes those branches'
 * due moments when a deadline input changed, lets the escalation watch look at their complaints again with
 * the new delays, and is audited — all in one transaction.
 */

export interface CompanySettings {
  name: string;
  policy: PolicyLayer;
}

/** The branch layer's fields kept in their issue-14 columns (the rest: `branches.policy`). */
const COLUMN_FIELDS = [
  ['extraDaysOff', 'extra_days_off'],
  ['extraWorkingDays', 'extra_working_days'],
  ['ukraineMartialLaw', 'ukraine_martial_law'],
  ['policyId', 'policy_id'],
] as const;
const DEADLINE_FIELDS = new Set(COLUMN_FIELDS.map(([f]) => f));

export interface BranchPolicyColumns {
  extra_days_off: string[] | null;
  extra_working_days: string[] | null;
  ukraine_martial_law: boolean | null;
  policy_id: string | null;
  policy?: unknown;
}

/** The branch's layer: its policy column with its calendar and consideration-policy columns. */
export function branchLayerOf(row: BranchPolicyColumns): PolicyLayer {
  const layer: Record<string, unknown> = { ...parsePolicyLayer(row.policy ?? {}) };
  for (const [field, column] of COLUMN_FIELDS) if (row[column] !== null) layer[field] = row[column];
  return parsePolicyLayer(layer);
}

export async function readCompany(db: Queryable): Promise<CompanySettings> {
  const { rows } = await db.query<{ name: string; policy: unknown }>(
    'SELECT name, policy FROM company_settings WHERE id = 1',
  );
  return { name: rows[0]?.name ?? '', policy: parsePolicyLayer(rows[0]?.policy) };
}

/** A layer as an admin sends it: every field checked and bounded; an error names what is wrong. */
export function checkedLayer(value: unknown): PolicyLayer {
  const parsed = policyLayerSchema.safeParse(value);
  if (!parsed.success)
    throw new HqError(
      400,
      'invalid_body',
      `Not a policy: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(layer)'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

const changedDeadlines = (a: PolicyLayer, b: PolicyLayer) =>
  [...DEADLINE_FIELDS].some((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));

/** Each branch the change reaches: a new directory version, its due moments, a fresh escalation look. */
async function touchBranches(client: PoolClient, branchIds: number[], deadlines: boolean): Promise<void> {
  for (const id of branchIds) {
    const version = await nextVersion(client, id);
    await client.query('UPDATE branches SET changed_version = $2, updated_at = now() WHERE id = $1', [
      id,
      version,
    ]);
    if (deadlines) await refreshBranchRows(client, id);
    await client.query('UPDATE complaints SET escalation_check_at = NULL WHERE branch_id = $1', [id]);
  }
}

/**
 * The advisory lock (by its name, hashed as push-locks.ts hashes its keys) that orders a save of the company's
 * layer and the pushes: a push holds it shared while it computes due moments with the layer, a save alone.
 */
export const COMPANY_POLICY_LOCK = 'company:policy';

/** Replaces the company's layer. Returns it as stored. */
export async function setCompanyPolicy(pool: Pool, value: unknown, ctx: AuditContext): Promise<PolicyLayer> {
  const layer = checkedLayer(value);
  return inTransaction(pool, async (client) => {
    // Before the branches' rows: a push takes its share of this lock before it waits for its branch.
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [COMPANY_POLICY_LOCK]);
    const ids = await client.query<{ id: number }>('SELECT id FROM branches ORDER BY id FOR UPDATE');
    const before = (await readCompany(client)).policy;
    await client.query('UPDATE company_settings SET policy = $1::jsonb, updated_at = now() WHERE id = 1', [
      JSON.stringify(layer),
    ]);
    await touchBranches(
      client,
      ids.rows.map((r) => r.id),
      changedDeadlines(before, layer),
    );
    await recordAudit(client, ctx, 'policy.company', 'company', { before, after: layer });
    return layer;
  });
}

/** Replaces a branch's layer (its calendar columns included). Returns it as stored. */
export async function setBranchPolicy(
  pool: Pool,
  code: string,
  value: unknown,
  ctx: AuditContext,
): Promise<PolicyLayer> {
  const layer = checkedLayer(value);
  return inTransaction(pool, async (client) => {
    const found = await client.query<BranchPolicyColumns & { id: number }>(
      'SELECT id, extra_days_off, extra_working_days, ukraine_martial_law, policy_id, policy FROM branches WHERE code = $1 FOR UPDATE',
      [code],
    );
    const row = found.rows[0];
    if (!row) throw new HqError(404, 'not_found', `No branch ${code}.`);
    const before = branchLayerOf(row);
    const rest: Record<string, unknown> = { ...layer };
    for (const [field] of COLUMN_FIELDS) delete rest[field];
    await client.query(
      `UPDATE branches SET extra_days_off = $2::jsonb, extra_working_days = $3::jsonb, ukraine_martial_law = $4,
         policy_id = $5, policy = $6::jsonb WHERE id = $1`,
      [
        row.id,
        layer.extraDaysOff ? JSON.stringify(layer.extraDaysOff) : null,
        layer.extraWorkingDays ? JSON.stringify(layer.extraWorkingDays) : null,
        layer.ukraineMartialLaw ?? null,
        layer.policyId ?? null,
        Object.keys(rest).length > 0 ? JSON.stringify(rest) : null,
      ],
    );
    await touchBranches(client, [row.id], changedDeadlines(before, layer));
    await recordAudit(client, ctx, 'policy.branch', `branch:${code}`, { before, after: layer });
    return layer;
  });
}

export const companyNameSchema = z.string().trim().max(DIRECTORY_LIMITS.name);

/** The company's name (the phone greeting, R4): every branch gets it with its next pull. */
export async function setCompanyName(pool: Pool, value: unknown, ctx: AuditContext): Promise<string> {
  const parsed = companyNameSchema.safeParse(value);
  if (!parsed.success)
    throw new HqError(
      400,
      'invalid_body',
      `The company name may be at most ${DIRECTORY_LIMITS.name} characters`,
    );
  const name = parsed.data;
  return inTransaction(pool, async (client) => {
    const ids = await client.query<{ id: number }>('SELECT id FROM branches ORDER BY id FOR UPDATE');
    const before = (await readCompany(client)).name;
    await client.query('UPDATE company_settings SET name = $1, updated_at = now() WHERE id = 1', [name]);
    await touchBranches(
      client,
      ids.rows.map((r) => r.id),
      false,
    );
    await recordAudit(client, ctx, 'company.name', 'company', { before, after: name });
    return name;
  });
}
