import { REFUSAL_REASONS } from '../lifecycle/reasons';
import { OP_REJECTIONS } from './rules';

/**
 * Why talking to HQ failed, as data: a kind and its parameters, stored with the pending item and put into
 * words by the UI in the reader's language. `detail` is the raw technical text (HQ's English message, the
 * browser's error), kept for support and never the main message.
 */
export type SyncProblem =
  | { kind: 'offline' }
  | { kind: 'network'; detail?: string }
  | { kind: 'timeout'; seconds: number }
  | { kind: 'http'; status: number; code?: string; detail?: string }
  | { kind: 'unauthorized'; code?: string; detail?: string }
  | { kind: 'refused'; status: number; code?: string; detail?: string }
  | { kind: 'not_hq'; status: number }
  | { kind: 'bad_answer'; detail?: string }
  | { kind: 'unacknowledged' }
  | { kind: 'not_connected' }
  | { kind: 'unknown'; detail?: string };

/** HQ codes with their own explanation (shared/sync/protocol HQ_ERROR_CODES); others get a generic one. */
const EXPLAINED_HQ_CODES = new Set([
  'invalid_body',
  'bad_request',
  'payload_too_large',
  'hash_mismatch',
  'unsupported_media_type',
  'enrollment_code_invalid',
  'branch_mismatch',
  // issue 13
  'rate_limited',
  'request_timeout',
  'device_revoked',
  'device_expired',
  'branch_quota_exceeded',
  'insufficient_storage',
]);

/** A translation key (namespace `sync`) with its values, and the raw detail for support. */
export interface ProblemText {
  key: string;
  values: Record<string, string | number>;
  detail?: string;
}

/**
 * The message for a stored problem. A plain string is an error text stored by an older version of the
 * app: it gets the generic message, the text itself becoming the detail.
 */
export function problemText(problem: SyncProblem | string): ProblemText {
  if (typeof problem === 'string') return { key: 'problem.legacy', values: {}, detail: problem };
  const detail = 'detail' in problem ? problem.detail : undefined;
  const code = 'code' in problem ? problem.code : undefined;
  const raw = [
    'status' in problem ? `HTTP ${problem.status}` : undefined,
    code,
    detail ?? (problem.kind === 'timeout' ? `timeout ${problem.seconds} s` : undefined),
  ]
    .filter(Boolean)
    .join(' · ');
  const withDetail = (key: string, values: Record<string, string | number> = {}): ProblemText =>
    raw ? { key, values, detail: raw } : { key, values };
  switch (problem.kind) {
    case 'timeout':
      return withDetail('problem.timeout', { seconds: problem.seconds });
    case 'http':
      // HQ says what the trouble is (its photo storage is full…): that, not "a problem at HQ".
      return code && EXPLAINED_HQ_CODES.has(code)
        ? withDetail(`problem.hq.${code}`, { status: problem.status })
        : withDetail('problem.http', { status: problem.status });
    case 'unauthorized':
      return code && EXPLAINED_HQ_CODES.has(code)
        ? withDetail(`problem.hq.${code}`)
        : withDetail('problem.unauthorized');
    case 'refused':
      return code && EXPLAINED_HQ_CODES.has(code)
        ? withDetail(`problem.hq.${code}`, { status: problem.status })
        : withDetail('problem.refused', { status: problem.status });
    case 'not_hq':
      return withDetail('problem.not_hq', { status: problem.status });
    default:
      return withDetail(`problem.${problem.kind}`);
  }
}

/**
 * Why HQ refused an op, as a translation key: lifecycle reasons are worded in `lifecycle`, op rejections in
 * `sync`; a reason this version does not know gets a generic message (the code stays visible for support).
 */
export function rejectionText(reason: string): { key: string } {
  if ((REFUSAL_REASONS as readonly string[]).includes(reason)) return { key: `lifecycle:refusal.${reason}` };
  if ((OP_REJECTIONS as readonly string[]).includes(reason))
    return { key: `sync:rejected.reasons.${reason}` };
  return { key: 'sync:rejected.reasons.other' };
}
