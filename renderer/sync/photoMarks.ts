import type { OtklikDatabase, PhotoRow } from '../db/database';

/** Marks written together once this many wait (issue 17 item 2). */
export const MARK_BATCH = 8;
/** How long a mark waits for others before it is written with those that came (ms). */
export const MARK_WAIT_MS = 250;

interface Mark {
  sha256: string;
  changes: Partial<PhotoRow>;
  written: () => void;
  failed: (error: unknown) => void;
}

/**
 * The marks of photos HQ has, written to their rows a few at a time, in one IndexedDB transaction (issue 17
 * item 2). A transaction of its own for each mark cost the branch PC 3–4 ms of CPU in Chromium: 50 marks,
 * 0.14–0.21 CPU-s of the browser's processes, a third to a half of what the engine's upload of 50 photos of
 * 2 MB cost it beyond a plain PUT of the same kind of bytes (bench:sync). A mark is written once
 * `MARK_BATCH` wait, or `MARK_WAIT_MS` after the first of them, or at `flush()`.
 * - One lost with the page before it was written leaves its photo pending: the next cycle sends it again
 *   and HQ, which has it, answers "already" (R23: HQ keeps each photo once either way).
 * - Until it is written the row reads as pending: the Sync screen's count follows up to `MARK_WAIT_MS`
 *   later, and a page removed meanwhile takes its photo's bytes with it (renderer/book/actions.ts dropPage),
 *   as it did before the write of a mark of its own; HQ keeps its copy.
 */
export class PhotoMarks {
  private queued: Mark[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly db: OtklikDatabase,
    private readonly batch = MARK_BATCH,
    private readonly waitMs = MARK_WAIT_MS,
  ) {}

  /** Resolves once the row is written (rejects with the write's error, as every mark of its batch does). */
  mark(sha256: string, changes: Partial<PhotoRow>): Promise<void> {
    const written = new Promise<void>((resolve, reject) =>
      this.queued.push({ sha256, changes, written: resolve, failed: reject }),
    );
    if (this.queued.length >= this.batch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.waitMs);
    return written;
  }

  /** Writes the marks that wait, now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const marks = this.queued;
    this.queued = [];
    if (marks.length === 0) return;
    this.db
      .transaction('rw', this.db.photos, async () => {
        for (const m of marks) await this.db.photos.update(m.sha256, m.changes);
      })
      .then(
        () => marks.forEach((m) => m.written()),
        (error: unknown) => marks.forEach((m) => m.failed(error)),
      );
  }
}
