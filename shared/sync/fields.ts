import { z } from 'zod';

/**
 * The field types every sync schema is built of (operations, events). Issue 13: every string and array is
 * bounded by the app's own limits (LIMITS), so HQ refuses as `invalid_payload` exactly what the app could
 * never produce — and stores nothing larger.
 */

/** An ISO instant with its offset, as the app writes every time. */
export const isoInstant = z.iso.datetime({ offset: true });

/** A string of at most `max` characters. */
export const text = (max: number) => z.string().max(max);
