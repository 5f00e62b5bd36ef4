import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileDurably } from './durable-file';
import { normaliseHqOrigin } from '../shared/security/csp';
import { hqUrlProblem } from '../shared/security/hq-url';

/** Another HQ than the one this workstation is enrolled to: a person must confirm it (hq-change-dialog.ts). */
export interface HqOriginChange {
  from: string;
  to: string;
  /** The page's language, for the question. */
  language?: string;
}

interface StoredOrigin {
  origin: string;
  since?: string;
  /** Every HQ this workstation was moved away from, and when (the record of the explicit step). */
  previous?: Array<{ origin: string; until: string }>;
}

/**
 * The one HQ server the page may reach (CSP connect-src, ARCHITECTURE.md "Electron shell"). The enrollment
 * names it once (the first address the workstation connects to) and it is kept in the user-data folder,
 * so every later start allows it from the first request. OTKLIK_HQ_URL (deployment) is the value until one
 * is set.
 *
 * Issue 13: the page may not widen that to any server it likes — a compromised page could otherwise send
 * every complaint elsewhere. Once an HQ is remembered, moving to another one is an explicit step: a person
 * confirms it in a dialog of the main process (which the page cannot answer), and the move is recorded.
 * Plain http is allowed only to this very computer.
 */
export class HqOriginStore {
  private stored: StoredOrigin | undefined;
  private readonly fallback: string | undefined;

  constructor(
    private readonly file: string,
    fallback?: string,
    private readonly log: { warn(message: string, data?: unknown): void } = console,
    private readonly confirmChange: (change: HqOriginChange) => Promise<boolean> = async () => false,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.stored = this.read();
    this.fallback = fallback ? this.safe(fallback) : undefined;
  }

  current(): string | undefined {
    return this.stored?.origin ?? this.fallback;
  }

  /**
   * Throws for anything but an https address (http only to this computer) without credentials. The first
   * HQ is remembered; another one only when a person confirms it — otherwise the answer names the HQ that
   * stays allowed. `changed`: the page must reload for the new policy to apply.
   */
  async allow(url: string, language?: string): Promise<{ changed: boolean; origin: string }> {
    const origin = normaliseHqOrigin(url);
    if (hqUrlProblem(origin) === 'insecure')
      throw new Error(`HQ origin must use https unless it is this computer: "${origin}"`);
    const before = this.current();
    const stored = this.stored;
    if (stored?.origin === origin) return { changed: false, origin };
    if (stored) {
      const change = { from: stored.origin, to: origin, ...(language ? { language } : {}) };
      if (!(await this.confirmChange(change))) {
        this.log.warn('Connecting to another HQ was not confirmed', change);
        return { changed: false, origin: stored.origin };
      }
      this.log.warn('This workstation moves to another HQ (confirmed)', change);
    }
    const at = this.now().toISOString();
    this.write({
      origin,
      since: at,
      previous: stored ? [...(stored.previous ?? []), { origin: stored.origin, until: at }] : [],
    });
    return { changed: origin !== before, origin };
  }

  private write(value: StoredOrigin): void {
    mkdirSync(dirname(this.file), { recursive: true });
    // A crash or a power cut never leaves half a file, nor an empty one: the HQ remembered, and the record
    // of earlier ones that gates a move to another, would be lost.
    writeFileDurably(this.file, JSON.stringify(value));
    this.stored = value;
  }

  private read(): StoredOrigin | undefined {
    try {
      const value = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<StoredOrigin>;
      const origin = typeof value.origin === 'string' ? this.safe(value.origin) : undefined;
      return origin ? { ...value, origin } : undefined;
    } catch {
      return undefined;
    }
  }

  private safe(value: string): string | undefined {
    try {
      return normaliseHqOrigin(value);
    } catch (err) {
      this.log.warn('Ignoring an invalid HQ address', { value, error: String(err) });
      return undefined;
    }
  }
}
