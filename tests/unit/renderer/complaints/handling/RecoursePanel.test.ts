import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerComplaint } from '../../../../../renderer/complaints/actions';
import { RecoursePanel } from '../../../../../renderer/complaints/handling/RecoursePanel';
import { DbProvider } from '../../../../../renderer/db/context';
import { initI18n, i18next } from '../../../../../renderer/i18n';
import type { Complaint } from '../../../../../shared/complaints/model';
import type { Language } from '../../../../../shared/settings/workstation';
import { IVAN, input, now, openDb, settings, signedInAs, pageRoots } from '../../fixtures';

// R17, R25 in a real Chromium: the recourse routes start in the customer's language recorded at
// registration, not the branch's; a complaint from before that field existed gets the branch's.

const roots = pageRoots();
beforeAll(async () => {
  await initI18n('ru');
});

async function renderPanel(customerLanguage: Language | undefined) {
  const db = openDb();
  const c = await registerComplaint(
    db,
    input('Кухню собрали с перекосом', customerLanguage ? { customerLanguage } : {}),
    settings(),
    IVAN,
    now,
  );
  // The decision was not upheld: the routes are to be explained.
  const rejected: Complaint = {
    ...c,
    progress: {
      ...c.progress,
      decision: {
        outcome: 'rejected',
        justification: 'Нет оснований',
        factsMissing: false,
        findingDefaulted: false,
      },
    },
  };
  const { root, host } = roots.mount();
  root.render(
    createElement(
      I18nextProvider,
      { i18n: i18next },
      createElement(DbProvider, {
        db,
        children: signedInAs(
          IVAN,
          createElement(RecoursePanel, { complaint: rejected, settings: settings() }),
        ),
      }),
    ),
  );
  await expect.poll(() => host.querySelector('[data-testid="recourse-routes"]')).not.toBeNull();
  // The routes are shown once the customer's language is loaded (issue 17: loaded when first used).
  await expect.poll(() => host.querySelector('[data-testid="recourse-routes"] li')).not.toBeNull();
  return host;
}

describe('RecoursePanel (R17, R25)', () => {
  it.each(['uk', 'ko', 'en'] as const)('starts on the customer’s recorded language: %s', async (lng) => {
    const host = await renderPanel(lng);
    expect(host.querySelector('select')!.value).toBe(lng);
    const routes = host.querySelector('[data-testid="recourse-routes"]')!;
    expect(routes.getAttribute('lang')).toBe(lng);
    expect(host.querySelector('[data-testid="recourse-ru_court"]')!.textContent).toContain(
      i18next.getFixedT(lng, 'documents')('recourse.ru_court'),
    );
  });

  it('a complaint without a recorded language starts on the branch’s', async () => {
    const host = await renderPanel(undefined);
    expect(settings().language).toBe('ru');
    expect(host.querySelector('select')!.value).toBe('ru');
  });
});
