import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Router } from 'wouter';
import { beforeAll, describe, expect, it } from 'vitest';
import { DbProvider } from '../../../../renderer/db/context';
import { i18next, initI18n } from '../../../../renderer/i18n';
import { formatTime } from '../../../../renderer/i18n/format';
import { META, type SyncStatus } from '../../../../renderer/sync/state';
import { SyncBadge } from '../../../../renderer/sync/SyncBadge';
import { hqLink, openDb, pageRoots } from '../fixtures';

// The header's sync badge (R22): how the link to HQ stands, in the user's language; the time of the last
// sync in the branch's zone as HQ's directory gives it, not this computer's (the test browser runs in UTC).

const roots = pageRoots();
beforeAll(async () => {
  await initI18n('ru');
});

async function badge(link: ReturnType<typeof hqLink> | undefined, status: SyncStatus) {
  const db = openDb();
  if (link) await db.meta.put({ key: META.link, value: link });
  await db.meta.put({ key: META.status, value: status });
  const { root, host } = roots.mount();
  root.render(
    createElement(
      I18nextProvider,
      { i18n: i18next },
      createElement(Router, null, createElement(DbProvider, { db, children: createElement(SyncBadge) })),
    ),
  );
  const state = () => host.querySelector<HTMLElement>('[data-testid="sync-state"]');
  await expect.poll(() => state()?.dataset.state).toBeDefined();
  return state()!;
}

describe('SyncBadge', () => {
  const lastSuccessAt = '2026-12-04T09:30:00.000Z';

  it.each([
    ['Europe/Moscow', '12:30'],
    ['Asia/Seoul', '18:30'],
    ['Europe/Prague', '10:30'],
  ])('the last sync in the branch’s zone %s: %s', async (timeZone, shown) => {
    const state = await badge(hqLink({ timeZone }), { phase: 'idle', failures: 0, lastSuccessAt });
    expect(state.dataset.state).toBe('ok');
    expect(formatTime(lastSuccessAt, 'ru', timeZone)).toBe(shown);
    expect(state.textContent).toBe(i18next.t('sync:badge.lastSync', { time: shown }));
  });

  it('not connected: says so, with no time', async () => {
    const state = await badge(undefined, { phase: 'idle', failures: 0, lastSuccessAt });
    expect(state.dataset.state).toBe('not_connected');
    expect(state.textContent).toBe(i18next.t('sync:badge.notConnected'));
  });
});
