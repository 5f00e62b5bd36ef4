import { createElement, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ComplaintDetailPage } from '../../../../renderer/complaints/ComplaintDetailPage';
import { ComplaintListPage } from '../../../../renderer/complaints/ComplaintListPage';
import { registerComplaint } from '../../../../renderer/complaints/actions';
import { DbProvider } from '../../../../renderer/db/context';
import type { OtklikDatabase } from '../../../../renderer/db/database';
import { i18next, initI18n } from '../../../../renderer/i18n';
import type { Employee } from '../../../../shared/people/model';
import { IVAN, OLGA, input, now, openDb, settings, signedInAs, pageRoots } from '../fixtures';

// R2, R24, issue 14: the internal (confidential) register is the branch manager's alone — its switch, its
// list, and a complaint of it opened by a direct link.
const roots = pageRoots();
beforeAll(async () => {
  await initI18n('ru');
});

function render(db: OtklikDatabase, employee: Employee, page: ReactNode): HTMLElement {
  const { root, host } = roots.mount();
  root.render(
    createElement(
      I18nextProvider,
      { i18n: i18next },
      createElement(DbProvider, { db, children: signedInAs(employee, page) }),
    ),
  );
  return host;
}

async function withInternalComplaint() {
  const db = openDb();
  const internal = await registerComplaint(
    db,
    input('Не работает кондиционер в подсобке', {
      channel: 'internal',
      customer: {
        name: 'Сидоров',
        phone: '',
        email: 'sidorov@example.ru',
        address: '',
        preferredContact: '',
      },
    }),
    settings(),
    OLGA,
    now,
  );
  const customer = await registerComplaint(db, input('Грязно в зале'), settings(), OLGA, now);
  return { db, internal, customer };
}

const registerLabel = () => i18next.t('complaints:list.register');

describe('the internal register', () => {
  it('its switch is there for the branch manager and not for a counter employee', async () => {
    const { db } = await withInternalComplaint();
    const manager = render(db, OLGA, createElement(ComplaintListPage, { settings: settings() }));
    await expect.poll(() => manager.querySelectorAll('[data-testid="complaint-row"]').length).toBe(1);
    expect(manager.querySelector(`select[aria-label="${registerLabel()}"]`)).not.toBeNull();
    roots.clear();

    const counter = render(db, IVAN, createElement(ComplaintListPage, { settings: settings() }));
    await expect.poll(() => counter.querySelectorAll('[data-testid="complaint-row"]').length).toBe(1);
    expect(counter.querySelector(`select[aria-label="${registerLabel()}"]`)).toBeNull();
    expect(counter.textContent).not.toContain('Сидоров');
  });

  it('a direct link to an internal complaint says "not allowed" to a counter employee, and opens for the manager', async () => {
    const { db, internal, customer } = await withInternalComplaint();
    const counter = render(
      db,
      IVAN,
      createElement(ComplaintDetailPage, { id: internal.id, settings: settings() }),
    );
    await expect.poll(() => counter.querySelector('[data-testid="not-allowed"]')).not.toBeNull();
    expect(counter.textContent).toContain(i18next.t('people:notAllowed.internal'));
    expect(counter.textContent).not.toContain('кондиционер');
    expect(counter.textContent).not.toContain('Сидоров');
    roots.clear();

    // The customers' complaints are the counter employee's as ever.
    const own = render(
      db,
      IVAN,
      createElement(ComplaintDetailPage, { id: customer.id, settings: settings() }),
    );
    await expect
      .poll(() => own.querySelector('[data-testid="complaint-number"]')?.textContent)
      .toBe(customer.number);
    roots.clear();

    const manager = render(
      db,
      OLGA,
      createElement(ComplaintDetailPage, { id: internal.id, settings: settings() }),
    );
    await expect
      .poll(() => manager.querySelector('[data-testid="complaint-number"]')?.textContent)
      .toBe(internal.number);
    expect(manager.textContent).toContain('кондиционер');
  });
});
