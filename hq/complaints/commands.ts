import { parseArgs } from 'node:util';
import { STATUSES, type ComplaintStatus } from '../../shared/complaints/model';
import { LIMITS } from '../../shared/complaints/validation';
import { cliActor } from '../audit/log';
import type { HqConfig } from '../config';
import { adminConnection } from '../db/admin-connection';
import { transitionAtHq } from './transitions';

/** `npm run hq -- transition --complaint NUMBER --to STATUS --actor NAME [--reason R]`, audited. */
export async function transitionCommand(args: string[], config: HqConfig) {
  const { values } = parseArgs({
    args,
    options: {
      complaint: { type: 'string' },
      to: { type: 'string' },
      actor: { type: 'string' },
      reason: { type: 'string' },
    },
  });
  if (!values.complaint || !values.to || !values.actor)
    throw new Error('transition needs --complaint, --to and --actor');
  if (!(STATUSES as readonly string[]).includes(values.to))
    throw new Error(`--to must be one of ${STATUSES.join(', ')}`);
  // What HQ records goes down to the branch, which holds it to the app's limits (issue 13).
  if (values.actor.length > LIMITS.person || (values.reason?.length ?? 0) > LIMITS.note)
    throw new Error(`--actor may be at most ${LIMITS.person} characters, --reason ${LIMITS.note}`);
  const { pool, close } = await adminConnection(config, 'transition');
  try {
    const r = await transitionAtHq(
      pool,
      values.complaint,
      {
        to: values.to as ComplaintStatus,
        actor: values.actor,
        ...(values.reason ? { reason: values.reason } : {}),
      },
      new Date(),
      cliActor(values.actor),
    );
    console.log(`${values.complaint}: ${r.from} → ${r.to}`);
  } finally {
    await close();
  }
}
