import { useLiveQuery } from 'dexie-react-hooks';
import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerComplaint } from '../../../../../renderer/complaints/actions';
import { ChangesPanel } from '../../../../../renderer/complaints/handling/ChangesPanel';
import { DbProvider } from '../../../../../renderer/db/context';
import type { OtklikDatabase } from '../../../../../renderer/db/database';
import { initI18n, i18next } from '../../../../../renderer/i18n';
import { IVAN, input, now, openDb, settings, signedInAs, pageRoots } from '../../fixtures';

// R3 in a real Chromium, in Russian: a registered complaint's field is corrected with a reason — the record
// changes, the history keeps before and after, and the op goes to HQ; without a reason nothing is written.

const roots = pageRoots();
beforeAll(async () => {
  await initI18n('ru');
});

const t = (key: string): string => i18next.t(`handling:${key}` as never);

async function mount() {
  const db = openDb();
  const c = await registerComplaint(db, input('Не перезвонили'), settings(), IVAN, now);
  function Live({ db: d }: { db: OtklikDatabase }) {
    const complaint = useLiveQuery(() => d.complaints.get(c.id), [d]);
    return complaint ? createElement(ChangesPanel, { complaint }) : null;
  }
  const { root, host } = roots.mount();
  root.render(
    createElement(
      I18nextProvider,
      { i18n: i18next },
      createElement(DbProvider, { db, children: signedInAs(IVAN, createElement(Live, { db })) }),
    ),
  );
  await expect.poll(() => host.querySelector('[data-testid="correction"]')).not.toBeNull();
  return { db, host, complaint: c };
}

const type = (el: HTMLInputElement, text: string) => {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, text);
  el.dispatchEvent(new Event('input', { bubbles: true }));
};
const button = (within: Element, label: string) =>
  [...within.querySelectorAll('button')].find((b) => b.textContent === label)!;

describe('ChangesPanel: a correction (R3)', () => {
  it('needs a reason; then the record, the history (before and after) and the outbox have it', async () => {
    const { db, host, complaint } = await mount();
    const form = host.querySelector<HTMLElement>('[data-testid="correction"]')!;
    const [value, reason] = [...form.querySelectorAll('input')];
    // The field offered first is the phone, with the value it has.
    expect(value!.value).toBe(complaint.customer.phone);
    type(value!, '+7 916 000-00-01');
    button(form, t('ui.changes.saveCorrection')).click();
    await expect
      .poll(() => host.querySelector('[data-testid="correction-error"]')?.textContent ?? '')
      .not.toBe('');
    expect((await db.complaints.get(complaint.id))!.customer.phone).toBe(complaint.customer.phone);

    type(reason!, 'Клиент продиктовал номер с ошибкой');
    button(form, t('ui.changes.saveCorrection')).click();
    await expect
      .poll(async () => (await db.complaints.get(complaint.id))!.customer.phone)
      .toBe('+7 916 000-00-01');
    const events = await db.events.where('complaintId').equals(complaint.id).toArray();
    expect(events.find((e) => e.type === 'fields_corrected')?.data).toEqual({
      reason: 'Клиент продиктовал номер с ошибкой',
      changes: [{ field: 'customer.phone', before: complaint.customer.phone, after: '+7 916 000-00-01' }],
    });
    const ops = await db.outbox.toArray();
    expect(
      ops.some(
        (o) =>
          o.type === 'complaint.event' &&
          (o.payload as { event: { type: string } }).event.type === 'fields_corrected',
      ),
    ).toBe(true);
    // The reason is cleared for the next correction.
    await expect.poll(() => reason!.value).toBe('');
  });
});
