import { createElement, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { Router, useLocation } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import type { ConsoleApi } from '../../../../../renderer/console/api/client';
import { QueuesPage } from '../../../../../renderer/console/queues/QueuesPage';
import { RegisterFiltersProvider, useRegisterFilters } from '../../../../../renderer/console/register/state';
import { SessionProvider } from '../../../../../renderer/console/session';
import { initI18n, i18next } from '../../../../../renderer/i18n';
import type { ComplaintListItem, ConsoleUser, Queues } from '../../../../../shared/console/protocol';
import type { HqRole } from '../../../../../shared/people/model';
import { pageRoots } from '../../fixtures';

// R16 (issue 15) in a real Chromium: the queues page lists the compensation awaiting approval with its
// amount; the auditor, who may not approve, is told so; "open in the register" sets the register's filter.

const roots = pageRoots();
beforeAll(async () => {
  await initI18n('ru');
});

const item = (n: number, amountMinor: number, healthAndSafety = false): ComplaintListItem => ({
  id: `0193b8a0-0000-7000-8000-00000000000${n}`,
  number: `MSK-01-2026-10000${n}`,
  branchCode: 'MSK-01',
  status: 'decided',
  channel: 'phone',
  category: 'delivery',
  severity: 'medium',
  healthAndSafety,
  confidential: false,
  customerName: 'Пётр',
  summary: 'Заказ не привезли',
  registeredAt: '2026-03-02T09:00:00.000Z',
  dueState: 'none',
  escalated: false,
  awaitingApproval: { amount: { amountMinor, currency: 'RUB' }, since: '2026-03-04T09:00:00.000Z' },
});

const queues: Queues = {
  branches: [],
  escalatedToMe: [],
  ownedByMe: [],
  awaitingApproval: [item(1, 600_000, true), item(2, 900_000)],
  unsentMail: [],
};

/** Shows where the page sent the user and with which register filter. */
function Probe() {
  const [filters] = useRegisterFilters();
  const [location] = useLocation();
  return createElement('output', { 'data-testid': 'probe' }, `${location} ${filters.approval}`);
}

async function render(role: HqRole) {
  const user: ConsoleUser = {
    id: '0193b8a0-0000-7000-8000-0000000000aa',
    email: 'm@example.com',
    name: 'Соколова',
    role,
    branches: role === 'manager' ? ['MSK-01'] : [],
  };
  const api = { queues: () => Promise.resolve(queues) } as unknown as ConsoleApi;
  const { hook } = memoryLocation({ path: '/queues' });
  const { root, host } = roots.mount();
  const tree = (children: ReactNode) =>
    createElement(
      I18nextProvider,
      { i18n: i18next },
      createElement(SessionProvider, {
        value: { api, user, signOut: () => Promise.resolve() },
        children: createElement(RegisterFiltersProvider, {
          children: createElement(Router, { hook, children }),
        }),
      }),
    );
  root.render(tree([createElement(QueuesPage, { key: 'page' }), createElement(Probe, { key: 'probe' })]));
  await expect.poll(() => host.querySelectorAll('[data-testid="approval-flag"]').length).toBe(2);
  return host;
}

describe('QueuesPage: awaiting approval', () => {
  it('lists each compensation with its amount, in HQ’s order, actionable for a branch manager', async () => {
    const host = await render('manager');
    const section = host.querySelector('[data-testid="queue-approval"]')!;
    const rows = [...section.querySelectorAll('[data-testid="complaint-row"]')];
    expect(rows.map((r) => r.getAttribute('data-number'))).toEqual([
      'MSK-01-2026-100001',
      'MSK-01-2026-100002',
    ]);
    expect(rows[0]!.querySelector('[data-testid="safety-flag"]')).not.toBeNull();
    const flag = rows[1]!.querySelector('[data-testid="approval-flag"]')!.textContent!;
    expect(flag).toContain('Ждёт утверждения');
    expect(flag.replace(/\s/g, '')).toContain('9000,00');
    expect(section.textContent).not.toContain(i18next.t('console:queues.approvalViewOnly'));
  });

  it('tells the auditor they can only view them', async () => {
    const host = await render('auditor');
    const section = host.querySelector('[data-testid="queue-approval"]')!;
    expect(section.textContent).toContain(i18next.t('console:queues.approvalViewOnly'));
  });

  it('"open in the register" opens the register filtered to what awaits approval', async () => {
    const host = await render('head_of_sales');
    const open = [...host.querySelectorAll('button')].find(
      (b) => b.textContent === i18next.t('console:queues.openApprovalRegister'),
    )!;
    open.click();
    await expect
      .poll(() => host.querySelector('[data-testid="probe"]')!.textContent)
      .toBe('/register pending');
  });
});
