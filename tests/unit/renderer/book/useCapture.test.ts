import { createElement, useEffect, useRef } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyComplaintInput } from '../../../../shared/complaints/model';
import { addPage, submitEntry } from '../../../../renderer/book/actions';
import { useCapture } from '../../../../renderer/book/useCapture';
import { DbProvider } from '../../../../renderer/db/context';
import type { OtklikDatabase } from '../../../../renderer/db/database';
import { i18next, initI18n } from '../../../../renderer/i18n';
import { OLGA, now, openDb, settings, signedInAs, pageRoots } from '../fixtures';
import { picture, processed } from './pictures';

// R6, issue 20 (chaos seed 80078) in a real Chromium: the capture view stays mounted while an entry loads, so
// the route can move from a saved entry to "New entry" under it. The next page must start a new entry, not
// join the saved one (which refused every page as "already saved").

const roots = pageRoots();
beforeAll(async () => {
  await initI18n('ru');
});

type Capture = ReturnType<typeof useCapture>;
/** The hook's latest state, and the entry id whose effects have run (the hook's run before the harness's). */
type Seen = { capture?: Capture; settled?: string | null };

/** The hook as the capture view uses it, for the route's entry id; `seen` gets its latest state. */
function mount(db: OtklikDatabase, seen: Seen) {
  const { root } = roots.mount();
  const { hook } = memoryLocation({ path: '/book/new' });
  function Harness({ entryId }: { entryId: string | null }) {
    const video = useRef<HTMLVideoElement>(null);
    seen.capture = useCapture({ entryId, settings: settings(), video, ready: false });
    useEffect(() => {
      seen.settled = entryId;
    }, [entryId]);
    return null;
  }
  return (entryId: string | null) =>
    root.render(
      createElement(
        I18nextProvider,
        { i18n: i18next },
        createElement(DbProvider, {
          db,
          children: createElement(Router, {
            hook,
            children: signedInAs(OLGA, createElement(Harness, { entryId })),
          }),
        }),
      ),
    );
}

async function submittedEntry(db: OtklikDatabase) {
  const { entry } = await addPage(
    db,
    null,
    { image: await processed(await picture(600, 800, 'image/png', 1)), source: 'import' },
    settings(),
    OLGA,
    now,
  );
  const input = {
    ...emptyComplaintInput('feedback_book', now),
    description: 'Грубость кассира',
    noContactReason: 'Не оставил',
  };
  await submitEntry(db, entry.id, { kind: 'new', input }, settings(), OLGA, now);
  return entry.id;
}

const png = async (seed: number) =>
  new File([await picture(600, 800, 'image/png', seed)], `page-${seed}.png`, { type: 'image/png' });

describe('useCapture', () => {
  it('after the route moves from a saved entry to "New entry", the next page starts a new entry', async () => {
    const db = openDb();
    const saved = await submittedEntry(db);
    const seen: Seen = {};
    const render = mount(db, seen);
    render(saved);
    await expect.poll(() => seen.settled).toBe(saved);
    render(null);
    await expect.poll(() => seen.settled).toBeNull();
    await seen.capture!.importFiles([await png(2)]);
    await expect.poll(() => db.bookEntries.count()).toBe(2);
    expect(seen.capture!.problems).toEqual([]);
    const fresh = (await db.bookEntries.toArray()).find((e) => e.id !== saved);
    expect(fresh?.state).toBe('capturing');
    expect(await db.bookPages.where('entryId').equals(saved).count()).toBe(1);
  });

  it('pages of a new entry keep joining it while the route has not caught up', async () => {
    const db = openDb();
    const seen: Seen = {};
    mount(db, seen)(null);
    await expect.poll(() => seen.settled).toBeNull();
    await seen.capture!.importFiles([await png(3), await png(4)]);
    await expect.poll(() => db.bookPages.count()).toBe(2);
    expect(await db.bookEntries.count()).toBe(1);
  });
});
