import { LEGACY_PUSH_BATCH, MAX_PUSH_BATCH } from './protocol';

/**
 * Issue 17: how a workstation fills a push. Pure rules, used by the sync engine (renderer/sync/outbox.ts).
 */

/**
 * How many operations go in one push: what HQ said it takes (`maxPushBatch` of its enrollment answer or its
 * last pull), never more than this version sends; LEGACY_PUSH_BATCH when HQ has not said (an older HQ, or a
 * link stored before HQ said it).
 */
export function pushBatchSize(hqTakes: number | undefined): number {
  return Math.max(1, Math.min(hqTakes ?? LEGACY_PUSH_BATCH, MAX_PUSH_BATCH));
}

/**
 * A push's body: `{ ops }` as JSON for the first operations that keep it within `maxChars` characters (the
 * first always goes, however large, or the queue would stop behind it). Each operation that goes is
 * serialized once (the first that does not fit is serialized too, and left); `count` says how many of `ops`
 * the body holds.
 */
export function pushBody(ops: readonly unknown[], maxChars: number): { count: number; body: string } {
  const parts: string[] = [];
  let chars = '{"ops":[]}'.length;
  for (const op of ops) {
    const json = JSON.stringify(op);
    const added = json.length + (parts.length > 0 ? 1 : 0); // and its comma
    if (parts.length > 0 && chars + added > maxChars) break;
    parts.push(json);
    chars += added;
  }
  return { count: parts.length, body: `{"ops":[${parts.join(',')}]}` };
}
