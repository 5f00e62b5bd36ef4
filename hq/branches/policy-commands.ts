import { parseArgs } from 'node:util';
import { cliActor } from '../audit/log';
import type { HqConfig } from '../config';
import { adminConnection } from '../db/admin-connection';
import { branchLayerOf, readCompany, setBranchPolicy, setCompanyName, setCompanyPolicy } from './policy';

/**
 * `npm run hq -- policy show [--branch CODE]` prints the company's layer (and a branch's);
 * `policy set --company|--branch CODE --json '{…}'` replaces that layer (shared/settings/policy-layers,
 * README "Using it"); `policy company-name --name "…"` sets the name the phone greeting uses. Audited
 * (`--actor`, else the operating-system user).
 */
export async function policyCommand(args: string[], config: HqConfig) {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      company: { type: 'boolean' },
      branch: { type: 'string' },
      json: { type: 'string' },
      name: { type: 'string' },
      actor: { type: 'string' },
    },
  });
  const ctx = cliActor(values.actor);
  if (sub !== 'show' && sub !== 'set' && sub !== 'company-name')
    throw new Error('policy needs show, set or company-name (see --help)');
  if (sub === 'set' && (values.company === !!values.branch || values.json === undefined))
    throw new Error("policy set needs either --company or --branch CODE, and --json '{…}'");
  if (sub === 'company-name' && values.name === undefined) throw new Error('company-name needs --name "…"');
  let parsed: unknown;
  if (sub === 'set') {
    try {
      parsed = JSON.parse(values.json!);
    } catch {
      throw new Error('--json is not JSON');
    }
  }
  const { pool, close } = await adminConnection(config, 'policy');
  try {
    if (sub === 'company-name') {
      console.log(`Company: ${await setCompanyName(pool, values.name, ctx)}`);
    } else if (sub === 'set' && values.company) {
      console.log(JSON.stringify(await setCompanyPolicy(pool, parsed, ctx), null, 2));
    } else if (sub === 'set') {
      console.log(
        JSON.stringify(await setBranchPolicy(pool, values.branch!.toUpperCase(), parsed, ctx), null, 2),
      );
    } else {
      const company = await readCompany(pool);
      console.log(`Company: ${company.name || '(no name set)'}`);
      console.log(JSON.stringify(company.policy, null, 2));
      if (values.branch) {
        const { rows } = await pool.query('SELECT * FROM branches WHERE code = $1', [
          values.branch.toUpperCase(),
        ]);
        if (!rows[0]) throw new Error(`No branch ${values.branch}`);
        console.log(`Branch ${values.branch.toUpperCase()}:`);
        console.log(JSON.stringify(branchLayerOf(rows[0]), null, 2));
      }
    }
  } finally {
    await close();
  }
}
