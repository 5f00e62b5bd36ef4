import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CONSOLE_PATHS } from '../../shared/console/protocol';
import {
  companyNameChangeSchema,
  policyChangeSchema,
  type ConsolePolicies,
} from '../../shared/console/admin';
import type { PolicyLayer } from '../../shared/settings/policy-layers';
import type { AuditContext } from '../audit/log';
import {
  branchLayerOf,
  readCompany,
  setBranchPolicy,
  setCompanyName,
  setCompanyPolicy,
  type BranchPolicyColumns,
} from '../branches/policy';
import { HqError } from '../errors';

const codeParams = z.object({ code: z.string().min(1).max(16) });

/**
 * Issue 15 items 3 and 7 (R10): the policies HQ sets for the company and per branch, and the company's
 * name. The admin changes them (audited by the domain, hq/branches/policy); the auditor reads them. The
 * session is checked before the body is read (console authentication, onRequest).
 */
export async function consolePolicyRoutes(app: FastifyInstance) {
  const pool = () => app.hq.db.pool;
  const allow = (request: FastifyRequest, auditorToo: boolean): AuditContext => {
    const { user } = app.consoleUser(request);
    if (user.role !== 'admin' && !(auditorToo && user.role === 'auditor'))
      throw new HqError(403, 'forbidden', 'Only an administrator sets the policies.');
    return { actor: { kind: 'hq_user', id: user.id, name: user.name }, ip: request.ip };
  };

  async function policies(): Promise<ConsolePolicies> {
    const company = await readCompany(pool());
    const { rows } = await pool().query<BranchPolicyColumns & { code: string; name: string }>(
      `SELECT code, name, extra_days_off, extra_working_days, ukraine_martial_law, policy_id, policy
         FROM branches ORDER BY code`,
    );
    return {
      companyName: company.name,
      company: company.policy,
      branches: rows.map((r) => ({ code: r.code, name: r.name, layer: branchLayerOf(r) })),
    };
  }

  app.get(CONSOLE_PATHS.policy, async (request): Promise<ConsolePolicies> => {
    allow(request, true);
    return policies();
  });

  app.put(CONSOLE_PATHS.companyPolicy, async (request): Promise<PolicyLayer> => {
    const ctx = allow(request, false);
    const { layer } = app.parse(policyChangeSchema, request.body);
    return setCompanyPolicy(pool(), layer, ctx);
  });

  app.put('/v1/console/policy/branches/:code', async (request): Promise<PolicyLayer> => {
    const ctx = allow(request, false);
    const code = app.parse(codeParams, request.params).code.toUpperCase();
    const { layer } = app.parse(policyChangeSchema, request.body);
    return setBranchPolicy(pool(), code, layer, ctx);
  });

  app.put(CONSOLE_PATHS.companyName, async (request): Promise<{ name: string }> => {
    const ctx = allow(request, false);
    const { name } = app.parse(companyNameChangeSchema, request.body);
    return { name: await setCompanyName(pool(), name, ctx) };
  });
}
