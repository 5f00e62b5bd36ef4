import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { PolicyForm } from '../../../../../renderer/console/admin/PolicyForm';
import { policyFormOf } from '../../../../../renderer/console/admin/policyForm';
import { i18next, initI18n } from '../../../../../renderer/i18n';
import type { PolicyLayer } from '../../../../../shared/settings/policy-layers';
import { pageRoots } from '../../fixtures';

// R17 (issue 15) in a real Chromium: the console's admin sets a country's recourse routes in a form —
// starting from the shipped list, adding the company's own route with its words, reordering — in Russian;
// a route of its own without words is named before anything is sent.

const roots = pageRoots();
beforeAll(async () => {
  await initI18n('ru');
});

const t = (key: string): string => i18next.t(`console:admin.policies.${key}` as never);

function mount(initial: PolicyLayer = {}, belowRecourse?: PolicyLayer['recourse']) {
  const sent: PolicyLayer[] = [];
  const { root, host } = roots.mount();
  root.render(
    createElement(
      I18nextProvider,
      { i18n: i18next },
      createElement(PolicyForm, {
        scope: 'company',
        initial: policyFormOf(initial),
        belowRecourse,
        busy: false,
        onSubmit: (layer) => sent.push(layer),
      }),
    ),
  );
  return { host, sent };
}

const type = (input: HTMLInputElement, text: string) => {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
  input.dispatchEvent(new Event('input', { bubbles: true }));
};
const button = (within: Element, label: string) =>
  [...within.querySelectorAll('button')].find((b) => b.textContent === label)!;

describe('RecourseEditor in the policy form', () => {
  it('sets Czechia’s routes from the shipped list, adds the company’s own, moves it up and saves', async () => {
    const { host, sent } = mount();
    const cz = () => host.querySelector<HTMLElement>('[data-testid="recourse-CZ"]')!;
    // The company's own layer: below it is only the built-in list.
    await expect.poll(() => cz()?.textContent).toContain(t('recourseNotSetCompany'));
    button(cz(), t('recourseSet')).click();
    await expect.poll(() => cz().querySelectorAll('li').length).toBe(3);
    // A shipped route says what it prints, in the screen's language.
    expect(cz().querySelector('li')!.textContent).toContain(
      i18next.t('documents:recourse.internal_appeal' as never) as string,
    );
    button(cz(), t('recourseAdd')).click();
    await expect.poll(() => cz().querySelectorAll('li').length).toBe(4);
    const added = () => cz().querySelector<HTMLElement>('[data-testid="recourse-CZ-3"]')!;
    expect(added().textContent).toContain(t('recourseOwn'));
    type(added().querySelector<HTMLInputElement>('#recourse-CZ-3-id')!, 'cz_ombudsman');
    type(added().querySelector<HTMLInputElement>('#recourse-CZ-3-officialName')!, 'Veřejný ochránce práv');

    // No words in any language yet: named at the route, nothing sent.
    button(host, i18next.t('console:admin.save' as never) as string).click();
    await expect.poll(() => added().querySelector('[role="alert"]')).not.toBeNull();
    expect(sent).toEqual([]);

    type(added().querySelector<HTMLInputElement>('#recourse-CZ-3-text-cs')!, 'obrátit se na ombudsmana');
    // The first route cannot move up, the last not down.
    const first = cz().querySelector<HTMLElement>('[data-testid="recourse-CZ-0"]')!;
    expect(button(first, t('recourseUp')).disabled).toBe(true);
    expect(button(added(), t('recourseDown')).disabled).toBe(true);
    button(added(), t('recourseUp')).click();
    await expect.poll(() => cz().querySelector('#recourse-CZ-2-id')).not.toBeNull();
    await expect
      .poll(() => cz().querySelector<HTMLInputElement>('#recourse-CZ-2-id')!.value)
      .toBe('cz_ombudsman');
    button(host, i18next.t('console:admin.save' as never) as string).click();
    await expect.poll(() => sent.length).toBe(1);
    expect(sent[0]!.recourse?.CZ?.map((r) => r.id)).toEqual([
      'internal_appeal',
      'cz_coi',
      'cz_ombudsman',
      'cz_adr',
    ]);
    expect(sent[0]!.recourse?.CZ?.[2]).toEqual({
      id: 'cz_ombudsman',
      kind: 'authority',
      officialName: 'Veřejný ochránce práv',
      text: { cs: 'obrátit se na ombudsmana' },
    });
    // Russia was left alone: not in the layer.
    expect(sent[0]!.recourse).not.toHaveProperty('RU');
  });

  it('a country set in the layer is shown; "do not set here" takes it out of the layer', async () => {
    const { host, sent } = mount({ recourse: { UA: [{ id: 'internal_appeal', kind: 'internal' }] } });
    const ua = () => host.querySelector<HTMLElement>('[data-testid="recourse-UA"]')!;
    await expect.poll(() => ua()?.querySelectorAll('li').length).toBe(1);
    // The only route cannot be removed (a country lists at least one).
    expect([...ua().querySelectorAll('button')].map((b) => b.textContent)).not.toContain(t('recourseRemove'));
    button(ua(), t('recourseUnset')).click();
    await expect.poll(() => ua().textContent).toContain(t('recourseNotSetCompany'));
    button(host, i18next.t('console:admin.save' as never) as string).click();
    await expect.poll(() => sent.length).toBe(1);
    expect(sent[0]).toEqual({});
  });

  it('a branch’s layer starts a country from the company’s routes, which apply until then', async () => {
    const company = {
      CZ: [
        { id: 'internal_appeal', kind: 'internal' as const },
        { id: 'cz_coi', kind: 'authority' as const },
      ],
    };
    const { host, sent } = mount({}, company);
    const cz = () => host.querySelector<HTMLElement>('[data-testid="recourse-CZ"]')!;
    await expect.poll(() => cz()?.textContent).toContain(t('recourseNotSet'));
    button(cz(), t('recourseSet')).click();
    await expect.poll(() => cz().querySelectorAll('li').length).toBe(2);
    button(host, i18next.t('console:admin.save' as never)).click();
    await expect.poll(() => sent.length).toBe(1);
    expect(sent[0]!.recourse?.CZ?.map((r) => r.id)).toEqual(['internal_appeal', 'cz_coi']);
  });
});
