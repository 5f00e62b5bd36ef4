import { useLiveQuery } from 'dexie-react-hooks';
import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerComplaint } from '../../../../../renderer/complaints/actions';
import { HandoffPanel } from '../../../../../renderer/complaints/handling/HandoffPanel';
import { DbProvider } from '../../../../../renderer/db/context';
import type { OtklikDatabase } from '../../../../../renderer/db/database';
import { initI18n, i18next } from '../../../../../renderer/i18n';
import { IVAN, OLGA, input, now, openDb, settings, signedInAs, pageRoots } from '../../fixtures';

// R14 in a real Chromium, in Russian: the employee passes a complaint to the head of sales ("cannot resolve
// with the customer present", a reason required) and hands a threatening customer to a senior colleague of
// the branch; each is one local write with its outbox op, and the panel then says who took it and when.

const roots = pageRoots();
beforeAll(async () => {
  await initI18n('ru');
});

const t = (key: string): string => i18next.t(`handling:${key}` as never);

async function mount() {
  const db = openDb();
  await db.employees.bulkPut([IVAN, OLGA]);
  const c = await registerComplaint(db, input('Клиент кричит и угрожает'), settings(), IVAN, now);
  function Live({ db: d }: { db: OtklikDatabase }) {
    const complaint = useLiveQuery(() => d.complaints.get(c.id), [d]);
    return complaint ? createElement(HandoffPanel, { complaint, timeZone: 'Europe/Moscow' }) : null;
  }
  const { root, host } = roots.mount();
  root.render(
    createElement(
      I18nextProvider,
      { i18n: i18next },
      createElement(DbProvider, { db, children: signedInAs(IVAN, createElement(Live, { db })) }),
    ),
  );
  await expect.poll(() => host.querySelector('[data-testid="handoffs"]')).not.toBeNull();
  const events = async (type: string) =>
    (await db.outbox.toArray()).filter(
      (o) => o.type === 'complaint.event' && (o.payload as { event: { type: string } }).event.type === type,
    );
  return { db, host, events };
}

const type = (el: HTMLInputElement, text: string) => {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, text);
  el.dispatchEvent(new Event('input', { bubbles: true }));
};
const button = (within: Element, label: string) =>
  [...within.querySelectorAll('button')].find((b) => b.textContent === label)!;

describe('HandoffPanel (R14)', () => {
  it('passing to the head of sales needs a reason; then the panel says when, and the form is gone', async () => {
    const { host, events } = await mount();
    const form = () => host.querySelector<HTMLElement>('[data-testid="pass-form"]');
    button(form()!, t('ui.handoff.pass')).click();
    await expect.poll(() => host.querySelector('[data-testid="pass-error"]')?.textContent ?? '').not.toBe('');
    expect(await events('passed_to_head_of_sales')).toHaveLength(0);

    type(form()!.querySelector('input')!, 'Требует вернуть деньги за весь заказ');
    button(form()!, t('ui.handoff.pass')).click();
    await expect.poll(() => host.querySelector('[data-testid="passed"]')).not.toBeNull();
    expect(form()).toBeNull();
    const [op] = await events('passed_to_head_of_sales');
    expect(op!.payload).toMatchObject({
      event: { actor: IVAN.name, actorId: IVAN.id, data: { reason: 'Требует вернуть деньги за весь заказ' } },
    });
  });

  it('a threatening customer handed to the branch manager: recorded with who took over and why', async () => {
    const { host, events } = await mount();
    const form = () => host.querySelector<HTMLElement>('[data-testid="senior-form"]')!;
    const who = () => form().querySelector('select')!;
    // The colleagues of the branch, not the one signed in.
    await expect.poll(() => [...who().options].map((o) => o.textContent)).toEqual(['—', OLGA.name]);
    // Nobody chosen: refused, nothing written.
    button(form(), t('ui.handoff.handOver')).click();
    await expect
      .poll(() => host.querySelector('[data-testid="senior-error"]')?.textContent ?? '')
      .not.toBe('');
    expect(await events('handed_to_senior')).toHaveLength(0);

    who().value = OLGA.id;
    who().dispatchEvent(new Event('change', { bubbles: true }));
    button(form(), t('ui.handoff.handOver')).click();
    await expect
      .poll(() => host.querySelector('[data-testid="senior"]')?.textContent ?? '')
      .toContain(OLGA.name);
    expect(host.querySelector('[data-testid="senior"]')!.textContent).toContain(
      t('seniorReason.threatening'),
    );
    const [op] = await events('handed_to_senior');
    expect(op!.payload).toMatchObject({
      event: { data: { seniorName: OLGA.name, seniorId: OLGA.id, reason: 'threatening' } },
    });
  });
});
