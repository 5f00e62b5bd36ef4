import { describe, expect, it } from 'vitest';
import { emptyComplaintInput } from '../../../../shared/complaints/model';
import { NEW_COMPLAINT_DRAFT, registerComplaint, saveDraft } from '../../../../renderer/complaints/actions';
import { adoptDraft, claimWindowDraftId, orphanDrafts } from '../../../../renderer/complaints/drafts';
import { OLGA, input, now, openDb, settings } from '../fixtures';

// Issue 13 (R22): one New complaint draft per window. Two windows shared one, and registering in one
// deleted what the other was typing. Each window now keeps its own, which comes back after a reload of
// that window; drafts of windows that are gone are offered, never lost. Windows are told apart by a Web
// Lock each holds while it lives — here, in one page, as several windows would.

/** A window: its session storage and the lock it holds until `close()`. */
function windowSession() {
  const values = new Map<string, string>();
  const storage = {
    getItem: (k: string) => values.get(k) ?? null,
    setItem: (k: string, v: string) => void values.set(k, v),
  } as Storage;
  return { storage };
}

/** Holds `name` (a window that is open) until the returned function is called (the window closes). */
async function holdLock(name: string): Promise<() => void> {
  let release!: () => void;
  await new Promise<void>((held) => {
    void navigator.locks.request(name, () => {
      held();
      return new Promise<void>((r) => (release = r));
    });
  });
  return release;
}

describe('drafts per window', () => {
  it('registering in one window keeps the other window’s draft', async () => {
    const db = openDb();
    const [a, b] = [
      await claimWindowDraftId(windowSession().storage),
      await claimWindowDraftId(windowSession().storage),
    ];
    expect(a).not.toBe(b);
    await saveDraft(db, a, input('окно A'), now);
    await saveDraft(db, b, input('окно B'), now);
    await registerComplaint(db, input('окно A'), settings(), OLGA, now, { draftId: a });
    expect(await db.drafts.get(a)).toBeUndefined();
    expect((await db.drafts.get(b))?.input.description).toBe('окно B');
  });

  it('a reloaded window gets its own id back; a copy of its session (a duplicated tab) gets a new one', async () => {
    const session = windowSession();
    const first = await claimWindowDraftId(session.storage);
    // The reload: the old page is gone (its lock released), the session is the same.
    const windowId = first.slice(`${NEW_COMPLAINT_DRAFT}:`.length);
    const locks = await navigator.locks.query();
    expect(locks.held?.some((l) => l.name === `otklik-window:${windowId}`)).toBe(true);
    // While the first still holds its lock, the same session claims again: another window (a duplicate).
    const duplicate = await claimWindowDraftId(session.storage);
    expect(duplicate).not.toBe(first);
    // A new session whose stored id is free again (the window that had it reloaded) keeps that id.
    const reloaded = windowSession();
    const free = crypto.randomUUID();
    reloaded.storage.setItem('otklik.windowId', free);
    expect(await claimWindowDraftId(reloaded.storage)).toBe(`${NEW_COMPLAINT_DRAFT}:${free}`);
  });

  it('offers the drafts of windows that are gone — and of the single draft before issue 13 — newest first', async () => {
    const db = openDb();
    const mine = `${NEW_COMPLAINT_DRAFT}:${crypto.randomUUID()}`;
    const openId = crypto.randomUUID();
    const closeOpen = await holdLock(`otklik-window:${openId}`);
    const open = `${NEW_COMPLAINT_DRAFT}:${openId}`;
    const gone = `${NEW_COMPLAINT_DRAFT}:${crypto.randomUUID()}`;
    const at = (min: number) => new Date(now.getTime() + min * 60_000);
    await saveDraft(db, mine, input('моё'), at(0));
    await saveDraft(db, open, input('в открытом окне'), at(1));
    await saveDraft(db, gone, input('окно закрыто'), at(2));
    await saveDraft(db, NEW_COMPLAINT_DRAFT, input('старая версия'), at(3));
    // Nothing typed in it: no draft worth offering.
    await saveDraft(
      db,
      `${NEW_COMPLAINT_DRAFT}:${crypto.randomUUID()}`,
      emptyComplaintInput('phone', now),
      at(4),
    );
    expect((await orphanDrafts(db, mine)).map((d) => d.input.description)).toEqual([
      'старая версия',
      'окно закрыто',
    ]);
    // The open window closes (or the whole app crashed): its draft is offered too.
    closeOpen();
    await new Promise((r) => setTimeout(r, 10));
    expect((await orphanDrafts(db, mine)).map((d) => d.id)).toEqual([NEW_COMPLAINT_DRAFT, gone, open]);
  });

  it('continuing a gone window’s draft makes it this window’s; a second window cannot take it too', async () => {
    const db = openDb();
    const [mine, other, gone] = ['a', 'b', 'c'].map((x) => `${NEW_COMPLAINT_DRAFT}:${x}`) as [
      string,
      string,
      string,
    ];
    await saveDraft(db, gone, input('окно закрыто'), now);
    const [first, second] = await Promise.all([adoptDraft(db, gone, mine), adoptDraft(db, gone, other)]);
    const taken = [first, second].filter(Boolean);
    expect(taken).toHaveLength(1);
    expect(taken[0]!.input.description).toBe('окно закрыто');
    expect((await db.drafts.toArray()).map((d) => d.id)).toEqual([taken[0]!.id]);
  });
});
