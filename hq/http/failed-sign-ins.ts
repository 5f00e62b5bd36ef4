/**
 * Failed console sign-ins per account (issue 14). Only a wrong password counts: the account's owner signing
 * in is never refused for signing in often, and a successful sign-in wipes the account's count, so whoever
 * knows an e-mail cannot lock its owner out by signing in… only by guessing wrong `max` times in a window,
 * which is what the limit is for.
 *
 * An attempt is counted when it starts (so parallel guesses cannot slip past the limit while passwords are
 * being hashed) and then settled: a 401 keeps it, a success resets the account, anything else (a malformed
 * request, an HQ fault) gives it back. In memory, like the other rate limits; at most `capacity` accounts
 * are tracked (the per-address limit bounds how fast anyone can add new ones), expired ones go first.
 */
export class FailedSignIns {
  private readonly counts = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly capacity = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts an attempt: the seconds to wait when the account is over its budget, or undefined to go on. */
  begin(account: string): number | undefined {
    const now = this.now();
    let entry = this.counts.get(account);
    if (entry && now - entry.since >= this.windowMs) entry = undefined;
    if (entry && entry.count >= this.max)
      return Math.max(1, Math.ceil((entry.since + this.windowMs - now) / 1000));
    if (!entry) {
      this.makeRoom(now);
      entry = { count: 0, since: now };
    }
    entry.count += 1;
    this.counts.delete(account);
    this.counts.set(account, entry);
    return undefined;
  }

  /** Settles an attempt begun with `begin`. */
  settle(account: string, outcome: 'failed' | 'succeeded' | 'not_an_attempt'): void {
    if (outcome === 'succeeded') this.counts.delete(account);
    else if (outcome === 'not_an_attempt') {
      const entry = this.counts.get(account);
      if (entry && entry.count > 0) entry.count -= 1;
    }
  }

  private makeRoom(now: number): void {
    if (this.counts.size < this.capacity) return;
    for (const [key, entry] of this.counts) if (now - entry.since >= this.windowMs) this.counts.delete(key);
    // Still full: the least recently tried account goes (Map keeps insertion order; `begin` re-inserts).
    while (this.counts.size >= this.capacity) this.counts.delete(this.counts.keys().next().value!);
  }
}
