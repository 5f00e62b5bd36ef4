import type { HqErrorCode } from '../shared/sync/protocol';

/** A client mistake (4xx) or a known server condition, answered as `{code, message}`. */
export class HqError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: HqErrorCode,
    message: string,
    /** More for a machine to read, beside code and message (e.g. a refusal's reasons). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
