import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { DbProvider } from '../../../../renderer/db/context';
import { i18next, initI18n } from '../../../../renderer/i18n';
import type { HqClient } from '../../../../renderer/sync/client';
import { ClockSkewBanner } from '../../../../renderer/sync/ClockSkewBanner';
import { SyncEngine } from '../../../../renderer/sync/engine';
import { META, readMeta, type ClockReading } from '../../../../renderer/sync/state';
import { LANGUAGES } from '../../../../shared/settings/workstation';
import type { PullResponse } from '../../../../shared/sync/protocol';
import { hqLink, openDb, pageRoots } from '../fixtures';

// Issue 13: HQ's time comes with each pull; past 5 minutes off, every screen says so in the user's language.

const roots = pageRoots();
beforeAll(async () => {
  await initI18n('ru');
});

/** A pull whose answer carries HQ's clock `offsetMs` from this one. */
const pullingWith = (offsetMs: number | undefined) =>
  ({
    pull: async (): Promise<PullResponse> => ({
      changes: [],
      cursor: 0,
      more: false,
      ...(offsetMs === undefined ? {} : { serverTime: new Date(Date.now() + offsetMs).toISOString() }),
    }),
  }) as unknown as HqClient;

async function banner(offsetMs: number | undefined, lng = 'ru') {
  const db = openDb();
  await db.meta.put({ key: META.link, value: hqLink() });
  await new SyncEngine(db, pullingWith(offsetMs)).pullChanges({ hqUrl: 'http://hq.invalid', token: 'x' });
  await i18next.changeLanguage(lng);
  const { root, host } = roots.mount();
  root.render(
    createElement(I18nextProvider, {
      i18n: i18next,
      children: createElement(DbProvider, { db, children: createElement(ClockSkewBanner) }),
    }),
  );
  // The banner reads the reading from IndexedDB: give the live query its turn.
  for (let i = 0; i < 50 && !host.querySelector('[data-testid="clock-skew"]'); i++)
    await new Promise((r) => setTimeout(r, 20));
  return { db, text: host.querySelector('[data-testid="clock-skew"]')?.textContent ?? null };
}

describe('clock skew', () => {
  it('the pull records how far this clock is from HQ’s', async () => {
    const { db } = await banner(-7 * 60_000);
    const reading = await readMeta<ClockReading>(db, META.clock);
    expect(Math.abs(reading!.offsetMs + 7 * 60_000)).toBeLessThan(2_000);
  });

  it.each([
    [2 * 60_000, null],
    [-4 * 60_000, null],
    [undefined, null],
  ])('%s ms off: no banner', async (offset, expected) => {
    expect((await banner(offset)).text).toBe(expected);
  });

  it('7 minutes ahead and 3 hours behind, in Russian', async () => {
    expect((await banner(-7 * 60_000 - 10_000)).text).toMatch(/спешат на 7 минут/);
    expect((await banner(3 * 3_600_000)).text).toMatch(/отстают на 3 часа/);
  });

  it.each(LANGUAGES)('%s: the banner is in the language', async (lng) => {
    const { text } = await banner(-10 * 60_000, lng);
    const expected = i18next.getFixedT(lng, 'sync')('clock.title');
    expect(text).toContain(expected);
    expect(text).toMatch(/10/);
    await i18next.changeLanguage('ru');
  });
});
