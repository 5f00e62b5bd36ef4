import { createElement, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HANDLING_POLICY } from '../../../../shared/handling/policy';
import type { PolicyOverridable } from '../../../../shared/settings/policy-layers';
import type { WorkstationSettings } from '../../../../shared/settings/workstation';
import { i18next, initI18n } from '../../../../renderer/i18n';
import { BranchOverridesSection } from '../../../../renderer/settings/BranchOverridesSection';
import { settings, pageRoots } from '../fixtures';

// R10 (issue 15) in a real Chromium: where HQ allows it, the branch manager types the branch's own
// threshold and duplicate window (empty: HQ's value); where HQ does not, HQ's value read-only, "set by HQ".

const roots = pageRoots();
beforeAll(async () => {
  await initI18n('ru');
});

const t = (key: string): string => i18next.t(key as never);
const hq = { ...DEFAULT_HANDLING_POLICY, approvalThresholds: { RUB: 300_000 } };

function mount(mayOverride: PolicyOverridable[], role: string) {
  const seen: { value?: WorkstationSettings } = {};
  function Host() {
    const [value, setValue] = useState<WorkstationSettings>(settings());
    seen.value = value;
    return createElement(BranchOverridesSection, {
      value,
      set: (key, v) => setValue((prev) => ({ ...prev, [key]: v })),
      message: () => undefined,
      hq,
      mayOverride,
      role,
    });
  }
  const { root, host } = roots.mount();
  root.render(createElement(I18nextProvider, { i18n: i18next }, createElement(Host)));
  return { host, seen };
}

const type = (input: HTMLInputElement, text: string) => {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
  input.dispatchEvent(new Event('input', { bubbles: true }));
};

describe('BranchOverridesSection', () => {
  it('HQ allows it, the branch manager: typed in major units, stored in minor; emptied, HQ’s value again', async () => {
    const { host, seen } = mount(['approvalThresholds', 'duplicates'], 'branch_manager');
    const threshold = () => host.querySelector<HTMLInputElement>('[data-testid="override-threshold-RUB"]')!;
    const days = () => host.querySelector<HTMLInputElement>('[data-testid="override-window-days"]')!;
    await expect.poll(() => threshold()?.dataset.access).toBe('editable');
    expect(threshold().readOnly).toBe(false);
    expect(threshold().value).toBe('');
    expect(threshold().placeholder).toBe('3000');
    type(threshold(), '1500.5');
    await expect.poll(() => seen.value?.localHandling).toEqual({ approvalThresholds: { RUB: 150_050 } });
    type(days(), '7');
    await expect
      .poll(() => seen.value?.localHandling)
      .toEqual({ approvalThresholds: { RUB: 150_050 }, duplicates: { windowDays: 7 } });
    type(threshold(), '');
    await expect.poll(() => seen.value?.localHandling).toEqual({ duplicates: { windowDays: 7 } });
  });

  it('HQ does not allow it: HQ’s value, read-only, "set by HQ"', async () => {
    const { host } = mount(['warnLead'], 'branch_manager');
    const threshold = () => host.querySelector<HTMLInputElement>('[data-testid="override-threshold-RUB"]')!;
    await expect.poll(() => threshold()?.dataset.access).toBe('set_by_hq');
    expect(threshold().readOnly).toBe(true);
    expect(threshold().value).toBe('3000');
    const days = host.querySelector<HTMLInputElement>('[data-testid="override-window-days"]')!;
    expect(days.readOnly).toBe(true);
    expect(days.value).toBe('30');
    expect(host.textContent).toContain(t('settings:hints.setByHq'));
  });

  it('allowed, but a counter employee: read-only, only the branch manager may', async () => {
    const { host } = mount(['approvalThresholds', 'duplicates'], 'counter');
    const days = () => host.querySelector<HTMLInputElement>('[data-testid="override-window-days"]')!;
    await expect.poll(() => days()?.dataset.access).toBe('branch_manager_only');
    expect(days().readOnly).toBe(true);
    expect(host.textContent).toContain(t('settings:branchOverrides.access.branch_manager_only'));
  });
});
