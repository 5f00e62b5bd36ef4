import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DbProvider } from '../../../../renderer/db/context';
import { initI18n, i18next } from '../../../../renderer/i18n';
import { SettingsPage } from '../../../../renderer/settings/SettingsPage';
import { META } from '../../../../renderer/sync/state';
import { LANGUAGES } from '../../../../shared/settings/workstation';
import { hqLink, openDb, pageRoots, settings, signedInAs, OLGA } from '../fixtures';

// R10 (issue 15 item 7) in a real Chromium: the branch's settings page shows which values headquarters set
// (company or branch policy: read-only) and which the branch may still change (HQ allows it), with the
// approval thresholds and escalation delays HQ runs by — in every language, with no missing string.

const consoleErrors: string[] = [];
const roots = pageRoots();
beforeAll(async () => {
  const original = console.error;
  console.error = (...args: unknown[]) => {
    consoleErrors.push(args.map(String).join(' '));
    original(...args);
  };
  await initI18n('ru');
});
afterEach(() => {
  // Unmounted first: an error the unmount prints is one the check below sees.
  roots.clear();
  expect(consoleErrors.splice(0)).toEqual([]);
});

const company = {
  policyId: 'written_2d_2w',
  bookWarnHours: 6,
  officeOpens: '08:00',
  officeCloses: '20:00',
  handling: { approvalThresholds: { RUB: 300_000 }, escalation: { branchManagerAfterMinutes: 30 } },
  branchMayOverride: ['officeHours'],
};

async function shown(language: (typeof LANGUAGES)[number]) {
  await i18next.changeLanguage(language);
  const db = openDb();
  const own = settings(1, { bookWarnHours: 2, officeOpens: '10:00', officeCloses: '19:00', language });
  await db.settings.put({ key: 'workstation', value: own });
  await db.meta.put({
    key: META.link,
    value: hqLink({ companyName: 'ООО «Отклик»', policy: { company, branch: { bookWarnHours: 3 } } }),
  });
  const { root, host } = roots.mount();
  root.render(
    createElement(
      I18nextProvider,
      { i18n: i18next },
      createElement(DbProvider, {
        db,
        children: signedInAs(OLGA, createElement(SettingsPage, { settings: own })),
      }),
    ),
  );
  await expect.poll(() => host.querySelector('[data-testid="hq-policy"]')).not.toBeNull();
  return host;
}

describe('settings page: policies from HQ', () => {
  it('marks HQ’s values read-only, the allowed ones editable, and names the source of each', async () => {
    const host = await shown('ru');
    const field = (id: string) => host.querySelector<HTMLInputElement | HTMLSelectElement>(`#s-${id}`)!;
    // The branch layer's warning lead (over the company's) and the company's policy: HQ's, read-only.
    // (Polled: on a busy machine the live query of HQ's link may land a render later than the section.)
    await expect.poll(() => (field('bookWarnHours') as HTMLInputElement).readOnly).toBe(true);
    expect(field('policyId').disabled).toBe(true);
    // Office hours: HQ lets the branch set its own — editable, with the PC's own value.
    expect((field('officeOpens') as HTMLInputElement).readOnly).toBe(false);
    expect(field('officeOpens').value).toBe('10:00');
    const source = (f: string) =>
      host.querySelector(`[data-testid="hq-policy-${f}"]`)!.getAttribute('data-source');
    // Polled too: the resolved policy is a live query of its own, which may land a render after the link's.
    await expect
      .poll(() => [
        source('bookWarnHours'),
        source('policyId'),
        source('officeOpens'),
        source('extraDaysOff'),
      ])
      .toEqual(['branch', 'company', 'local', 'local']);
    expect(host.querySelector('[data-testid="hq-policy-bookWarnHours"]')!.textContent).toContain('3');
    expect(host.querySelector('[data-testid="hq-company-name"]')!.textContent).toContain('ООО «Отклик»');
    expect(host.querySelector('[data-testid="hq-policy-thresholds"]')!.textContent).toMatch(/3\s?000/);
    expect(host.querySelector('[data-testid="hq-policy-escalation"]')!.textContent).toContain('30');
    expect(host.querySelector('[data-testid="hq-policy-may-override"]')!.textContent).toContain(
      'часы работы',
    );
  });

  it.each(LANGUAGES)('reads in %s with every string translated', async (language) => {
    const host = await shown(language);
    const text = host.querySelector('[data-testid="hq-policy"]')!.textContent!;
    expect(text).not.toMatch(/hqPolicy\.|policySource\.|sectionHqPolicy/);
  });
});
