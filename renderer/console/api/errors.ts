import { z } from 'zod';
import { CONFLICT_REASONS, type ConflictReason } from '../../../shared/console/protocol';
import { errorBodySchema } from '../../../shared/sync/protocol';

/**
 * HQ adds `reasons` to a refused lifecycle step (422, or 409 when the complaint moved meanwhile) and
 * `reason` to every 409 `conflict` (shared/console/protocol CONFLICT_REASONS). A reason this console does
 * not know yet is kept, and worded as a conflict in general.
 */
const consoleErrorSchema = errorBodySchema.extend({
  reasons: z.array(z.string().max(64)).max(32).optional(),
  reason: z.string().max(64).optional(),
});

/**
 * Why a console request failed. `code` is HQ's own (`unauthorized`, `forbidden`, `csrf`, `rate_limited`,
 * `conflict`, `not_found`, `invalid_body`…) or one of ours: `network` (HQ not reached), `timeout`,
 * `bad_answer` (HQ answered something the contract does not describe).
 */
export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait, from HQ's Retry-After (rate limiting). */
    readonly retryAfter?: number,
    /** Why a lifecycle step was refused: shared/lifecycle refusal codes. */
    readonly reasons?: readonly string[],
    /** Which conflict a 409 was (shared/console/protocol CONFLICT_REASONS, or a newer one). */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'ConsoleApiError';
  }
}

/** HQ's `{code, message}` from an error response, or a `bad_answer` when the body is not one. */
export async function errorOf(response: Response): Promise<ConsoleApiError> {
  const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const parsed = consoleErrorSchema.safeParse(body);
  if (parsed.success)
    return new ConsoleApiError(
      response.status,
      parsed.data.code,
      parsed.data.message,
      retryAfter,
      parsed.data.reasons,
      parsed.data.reason,
    );
  return new ConsoleApiError(
    response.status,
    response.status >= 500 ? 'internal_error' : 'bad_answer',
    `HTTP ${response.status}`,
    retryAfter,
  );
}

/** Retry-After as seconds: a number of seconds or an HTTP date (RFC 9110); absent or unreadable → undefined. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The error codes the console words itself (locales/<lng>/console.json `error.*`); others get HQ's words. */
export const WORDED_ERRORS = [
  'network',
  'timeout',
  'bad_answer',
  'unauthorized',
  'session_expired',
  'wrong_password',
  'forbidden',
  'csrf',
  'rate_limited',
  'conflict',
  'conflict_user_exists',
  'conflict_branch_exists',
  'conflict_own_account',
  'conflict_mail_not_waiting',
  'conflict_unknown',
  'not_found',
  'invalid_body',
  'bad_request',
  'internal_error',
  'unavailable',
  'link_invalid',
] as const;
export type WordedError = (typeof WORDED_ERRORS)[number];

/**
 * Which message explains an error to the user. `context` tells a sign-in (a 401 there is a wrong password,
 * elsewhere an expired session) and a set-password link (a 400/401/404 there is a used or expired link).
 */
export function errorWording(
  error: unknown,
  context: 'request' | 'sign_in' | 'set_password' = 'request',
): { key: WordedError; minutes?: number; detail?: string } {
  if (!(error instanceof ConsoleApiError)) return { key: 'bad_answer', detail: String(error) };
  const detail = error.message;
  if (error.code === 'unauthorized')
    return { key: context === 'sign_in' ? 'wrong_password' : 'session_expired' };
  if (
    context === 'set_password' &&
    [400, 401, 404, 410].includes(error.status) &&
    error.code !== 'invalid_body'
  )
    return { key: 'link_invalid', detail };
  if (error.code === 'rate_limited' || error.status === 429)
    return {
      key: 'rate_limited',
      minutes: Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60)),
    };
  if (error.code === 'conflict') return { key: conflictKey(error.reason), detail };
  if ((WORDED_ERRORS as readonly string[]).includes(error.code))
    return { key: error.code as WordedError, detail };
  if (error.status >= 500) return { key: 'internal_error', detail };
  return { key: 'bad_request', detail };
}

/**
 * A 409 in words of its own: the complaint moved meanwhile (`error.conflict`, also what an HQ without
 * reasons meant), a user or branch that exists already, one's own account, mail sent meanwhile; a reason
 * this console does not know gets a general sentence, HQ's words as the detail.
 */
function conflictKey(reason: string | undefined): WordedError {
  if (reason === undefined || reason === 'complaint_changed') return 'conflict';
  if (!(CONFLICT_REASONS as readonly string[]).includes(reason)) return 'conflict_unknown';
  return `conflict_${reason as Exclude<ConflictReason, 'complaint_changed'>}`;
}
