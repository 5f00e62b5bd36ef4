/**
 * Issue 13: this workstation's clock against HQ's. Capture times, deadlines and complaint numbers (the
 * year) all come from the workstation's clock, so a clock far off is said on every screen. HQ sends its
 * time with each pull; the offset is measured at the middle of the request, so the network's delay counts
 * at most half.
 */

/** Off by more than this, the workstation warns. */
export const CLOCK_SKEW_WARN_MS = 5 * 60_000;

/** HQ's clock minus this workstation's, in ms (positive: this clock is behind); undefined without HQ's time. */
export function clockOffsetMs(
  serverTime: string | undefined,
  sentAt: number,
  receivedAt: number,
): number | undefined {
  if (!serverTime) return undefined;
  const server = Date.parse(serverTime);
  if (!Number.isFinite(server) || !Number.isFinite(sentAt) || receivedAt < sentAt) return undefined;
  return Math.round(server - (sentAt + receivedAt) / 2);
}

export interface ClockSkew {
  /** This workstation's clock against HQ's. */
  direction: 'ahead' | 'behind';
  offsetMs: number;
}

/** The warning to show, or null when the clock is close enough (or nothing is known). */
export function clockSkew(offsetMs: number | undefined): ClockSkew | null {
  if (offsetMs === undefined || Math.abs(offsetMs) <= CLOCK_SKEW_WARN_MS) return null;
  return { direction: offsetMs < 0 ? 'ahead' : 'behind', offsetMs: Math.abs(offsetMs) };
}

/** The offset in the unit a person reads it in: minutes up to two hours, then hours up to two days, then days. */
export function skewAmount(offsetMs: number): { value: number; unit: 'minute' | 'hour' | 'day' } {
  const minutes = Math.round(offsetMs / 60_000);
  if (minutes < 120) return { value: minutes, unit: 'minute' };
  const hours = Math.round(offsetMs / 3_600_000);
  if (hours < 48) return { value: hours, unit: 'hour' };
  return { value: Math.round(offsetMs / 86_400_000), unit: 'day' };
}
