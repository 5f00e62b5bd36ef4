import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { normaliseHqOrigin } from '../shared/security/csp';

/**
 * The one HQ server the page may reach (CSP connect-src, ARCHITECTURE.md "Electron shell"). It is learned
 * when the workstation is connected to HQ in Settings and kept in the user-data folder, so every later
 * start allows it from the first request. OTKLIK_HQ_URL (deployment) is the value until one is set.
 */
export class HqOriginStore {
  private origin: string | undefined;

  constructor(
    private readonly file: string,
    fallback?: string,
    private readonly log: { warn(message: string, data?: unknown): void } = console,
  ) {
    this.origin = this.read() ?? (fallback ? this.safe(fallback) : undefined);
  }

  current(): string | undefined {
    return this.origin;
  }

  /** Throws for anything but an http(s) address without credentials. */
  allow(url: string): { changed: boolean; origin: string } {
    const origin = normaliseHqOrigin(url);
    if (origin === this.origin) return { changed: false, origin };
    mkdirSync(dirname(this.file), { recursive: true });
    // Written aside and renamed: a crash never leaves half a file.
    writeFileSync(`${this.file}.tmp`, JSON.stringify({ origin }));
    renameSync(`${this.file}.tmp`, this.file);
    this.origin = origin;
    return { changed: true, origin };
  }

  private read(): string | undefined {
    try {
      const { origin } = JSON.parse(readFileSync(this.file, 'utf8')) as { origin?: unknown };
      return typeof origin === 'string' ? this.safe(origin) : undefined;
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
