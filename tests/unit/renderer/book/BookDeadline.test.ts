import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { BookDeadline, mailProblem } from '../../../../renderer/book/BookDeadline';
import { initI18n, i18next } from '../../../../renderer/i18n';
import { formatTime } from '../../../../renderer/i18n/format';
import type { BookEntry } from '../../../../shared/book/model';
import { entryRisk } from '../../../../shared/book/risk';
import { LANGUAGES, branchCalendarOf, type Language } from '../../../../shared/settings/workstation';
import { now, pageRoots, settings } from '../fixtures';

// R7, R8, R11 on the branch: the deadline line says to whom and when HQ delivered, what keeps HQ from
// sending (in words, the server's text only as a detail), and the escalation to the head of sales.

const base: BookEntry = {
  id: '0193b8a0-0000-7000-8000-000000000001',
  branchCode: 'MSK-01',
  state: 'submitted',
  capturedAt: '2026-11-23T07:00:00Z', // Monday 10:00 in Moscow
  capturedBy: 'Ольга Иванова',
  deadline: '2026-11-24T08:00:00Z', // Tuesday 11:00
  pageHashes: [],
  fallbacks: [],
  updatedAt: '2026-11-23T07:00:00Z',
};

const roots = pageRoots();

function render(entry: BookEntry, at = now, atHq = true): HTMLElement {
  const s = settings();
  const risk = entryRisk(
    {
      deadline: new Date(entry.deadline),
      deliveredAt: entry.delivery ? new Date(entry.delivery.sentAt) : undefined,
      now: at,
    },
    branchCalendarOf(s),
  );
  const { root, host } = roots.mount();
  flushSync(() =>
    root.render(
      createElement(
        I18nextProvider,
        { i18n: i18next },
        createElement(BookDeadline, { entry, risk, settings: s, now: at, atHq }),
      ),
    ),
  );
  return host;
}
const text = (host: HTMLElement, id: string) =>
  host.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;

const errors: string[] = [];
beforeAll(async () => {
  const original = console.error;
  console.error = (...args: unknown[]) => {
    errors.push(args.map(String).join(' '));
    original(...args);
  };
  await initI18n('ru');
});

const delivered = (toName?: string): BookEntry => ({
  ...base,
  delivery: {
    sentAt: '2026-11-24T07:12:00Z', // Tuesday 10:12 in Moscow
    to: ['manager@example.ru'],
    cc: ['sales@example.ru'],
    messageId: '<m@otklik>',
    onTime: true,
    ...(toName ? { toName } : {}),
  },
  mail: { state: 'sent', attempts: 1 },
});
const tuesdayNoon = new Date('2026-11-24T09:00:00Z');

describe('BookDeadline', () => {
  it.each(LANGUAGES)(
    '%s: "delivered to <manager> at 10:12 (on time)" in the branch’s zone',
    async (lng: Language) => {
      await i18next.changeLanguage(lng);
      const line = text(render(delivered('Ирина Смирнова'), tuesdayNoon), 'book-deadline-state')!;
      expect(line).toContain('Ирина Смирнова');
      expect(line).not.toContain('manager@example.ru');
      expect(line).toMatch(/10[:.]12/);
      expect(line).not.toMatch(/\{\{|\}\}/);
      expect(errors).toEqual([]);
    },
  );

  it('without a name from HQ, the address; a late delivery says so; another day shows the date', async () => {
    await i18next.changeLanguage('ru');
    const late = delivered();
    late.delivery!.onTime = false;
    const line = text(render(late, new Date('2026-11-26T09:00:00Z')), 'book-deadline-state')!;
    expect(line).toContain('manager@example.ru');
    expect(line).toContain('с опозданием');
    expect(line).toMatch(/24/);
  });

  it.each(LANGUAGES)(
    '%s: a refusal for good and a missing manager address are said in words, the server text only as detail',
    async (lng: Language) => {
      await i18next.changeLanguage(lng);
      const smtp = '550 5.1.1 <nobody@example.com>: Recipient address rejected';
      const failed = render({ ...base, mail: { state: 'failed', attempts: 1, lastError: smtp } });
      expect(text(failed, 'book-deadline-state')).toBe(i18next.t('book:state.mailFailed'));
      expect(text(failed, 'book-deadline-state')).not.toContain('550');
      expect(text(failed, 'book-deadline-detail')).toContain(smtp);
      expect(failed.querySelector('[data-testid="book-deadline"]')!.className).toContain('mail-failed');

      const noManager = render({
        ...base,
        mail: { state: 'no_manager', attempts: 1, lastError: 'branch MSK-01 has no manager e-mail' },
      });
      expect(text(noManager, 'book-deadline-state')).toBe(i18next.t('book:state.mailNoManager'));
      const retrying = render({
        ...base,
        mail: { state: 'retrying', attempts: 3, lastError: '421 try later' },
      });
      const before = i18next.t('book:state.mailRetrying', { time: '\u0000' }).split('\u0000')[0]!;
      expect(text(retrying, 'book-deadline-state')!.startsWith(before)).toBe(true);
      expect(text(retrying, 'book-deadline-detail')).toContain('421 try later');
      expect(errors).toEqual([]);
    },
  );

  it('HQ still waiting for photos the branch has since uploaded: "at HQ", not a problem', async () => {
    await i18next.changeLanguage('en');
    const host = render({ ...base, mail: { state: 'waiting_photos', attempts: 0, missingPhotos: 1 } });
    expect(text(host, 'book-deadline-state')).toMatch(/^At headquarters/);
    expect(text(host, 'book-deadline-detail')).toBeNull();
    expect(mailProblem({ mail: { state: 'something_newer', attempts: 0 } })).toBeNull();
  });

  it.each(LANGUAGES)(
    '%s: the escalation to the head of sales, by name, with its time',
    async (lng: Language) => {
      await i18next.changeLanguage(lng);
      const host = render(
        { ...base, escalatedAt: '2026-11-24T08:01:00Z', escalatedTo: 'Сергей Кузнецов' },
        tuesdayNoon,
      );
      const line = text(host, 'book-deadline-escalated')!;
      expect(line).toContain('Сергей Кузнецов');
      expect(line).toMatch(/11[:.]01/);
      expect(host.querySelector('[data-testid="book-deadline"]')!.getAttribute('data-escalated')).toBe(
        'true',
      );
      const unnamed = text(
        render({ ...base, escalatedAt: '2026-11-24T08:01:00Z' }, tuesdayNoon),
        'book-deadline-escalated',
      );
      const time = formatTime('2026-11-24T08:01:00Z', lng, 'Europe/Moscow');
      expect(unnamed).toBe(i18next.t('book:state.escalated', { time }));
      expect(errors).toEqual([]);
    },
  );
});
