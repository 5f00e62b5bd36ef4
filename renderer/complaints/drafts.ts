import type { DraftRow, OtklikDatabase } from '../db/database';
import { NEW_COMPLAINT_DRAFT } from './actions';
import { isBlank } from './useDraftAutosave';

/**
 * Issue 13 (R22): one New complaint draft per window. Two windows shared one draft, and registering in one
 * deleted what was being typed in the other. A window's draft is kept under the window's own id, which
 * survives a reload or a crash of that window (sessionStorage); the window holds a Web Lock named after it
 * for as long as it lives, so a draft whose lock nobody holds belongs to a window that is gone (closed,
 * crashed with the whole app, or an older version's single draft) — it is offered to the next New
 * complaint form, never dropped silently.
 */
const DRAFT_PREFIX = `${NEW_COMPLAINT_DRAFT}:`;
const WINDOW_KEY = 'otklik.windowId';
const LOCK_PREFIX = 'otklik-window:';

/** Holds the window's lock until the window goes away; false when another window holds it. */
function holdLock(id: string): Promise<boolean> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return Promise.resolve(true);
  return new Promise((resolve) => {
    void locks.request(LOCK_PREFIX + id, { ifAvailable: true }, (lock) => {
      resolve(lock !== null);
      return lock ? new Promise<never>(() => undefined) : undefined;
    });
  });
}

/**
 * Claims a draft id for this window: the one it had before a reload, unless another window holds it (a
 * duplicated tab copies the window's session), else a new one.
 */
export async function claimWindowDraftId(storage: Storage = sessionStorage): Promise<string> {
  const stored = storage.getItem(WINDOW_KEY);
  if (stored && (await holdLock(stored))) return DRAFT_PREFIX + stored;
  for (;;) {
    const fresh = crypto.randomUUID();
    if (await holdLock(fresh)) {
      storage.setItem(WINDOW_KEY, fresh);
      return DRAFT_PREFIX + fresh;
    }
  }
}

let claimed: Promise<string> | undefined;

/** This window's draft id (claimed once per page). */
export function windowDraftId(): Promise<string> {
  claimed ??= claimWindowDraftId();
  return claimed;
}

async function liveWindows(): Promise<Set<string>> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return new Set();
  const { held = [] } = await locks.query();
  return new Set(
    held.flatMap((l) =>
      l.name?.startsWith(LOCK_PREFIX) ? [DRAFT_PREFIX + l.name.slice(LOCK_PREFIX.length)] : [],
    ),
  );
}

/**
 * Drafts of windows that are gone, newest first. Without Web Locks no window can be told from another, and
 * every other draft is offered.
 */
export async function orphanDrafts(db: OtklikDatabase, mine: string): Promise<DraftRow[]> {
  const live = await liveWindows();
  const rows = await db.drafts.toArray();
  return rows
    .filter((r) => r.id !== mine && (r.id === NEW_COMPLAINT_DRAFT || r.id.startsWith(DRAFT_PREFIX)))
    .filter((r) => !live.has(r.id) && !isBlank(r.input))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/**
 * A gone window's draft becomes this window's, in one transaction; undefined if another window took it
 * first. This window's own draft is replaced (the form offers it only while that one is blank).
 */
export async function adoptDraft(
  db: OtklikDatabase,
  orphanId: string,
  mine: string,
): Promise<DraftRow | undefined> {
  return db.transaction('rw', db.drafts, async () => {
    const row = await db.drafts.get(orphanId);
    if (!row) return undefined;
    await db.drafts.delete(orphanId);
    const adopted = { ...row, id: mine };
    await db.drafts.put(adopted);
    return adopted;
  });
}
