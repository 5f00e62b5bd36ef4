import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent, registerComplaint } from '../../../../renderer/complaints/actions';
import { ComplaintDetailPage } from '../../../../renderer/complaints/ComplaintDetailPage';
import { mergeComplaints } from '../../../../renderer/complaints/handling/mergeActions';
import { DbProvider } from '../../../../renderer/db/context';
import { initI18n, i18next } from '../../../../renderer/i18n';
import { LANGUAGES } from '../../../../shared/settings/workstation';
import { IVAN, input, now, openDb, settings, signedInAs, pageRoots } from '../fixtures';

// R5 in a real Chromium: the survivor of a merge shows its history joined with the merged complaint's, in
// time order, each line of the other complaint marked with its number (in every language); the merged one
// shows only its own.

const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

const roots = pageRoots();
beforeAll(async () => {
  await initI18n('ru');
});
afterEach(async () => {
  await i18next.changeLanguage('ru');
});

async function merged() {
  const db = openDb();
  const older = await registerComplaint(db, input('Сломался чайник'), settings(), IVAN, now);
  const newer = await registerComplaint(db, input('Чайник сломался опять'), settings(2), IVAN, at(5));
  await recordEvent(db, older.id, 'note_added', 'Позвонили клиенту', IVAN, at(7));
  await recordEvent(db, newer.id, 'note_added', 'Клиент прислал фото', IVAN, at(8));
  await mergeComplaints(db, newer.id, older.id, IVAN, at(10));
  return { db, older, newer };
}

async function render(db: ReturnType<typeof openDb>, id: string, count: number) {
  const { root, host } = roots.mount();
  root.render(
    createElement(
      I18nextProvider,
      { i18n: i18next },
      createElement(DbProvider, {
        db,
        children: signedInAs(IVAN, createElement(ComplaintDetailPage, { id, settings: settings() })),
      }),
    ),
  );
  const lines = () => [...host.querySelectorAll<HTMLElement>('[data-testid="history-event"]')];
  await expect.poll(() => lines().length).toBe(count);
  return lines();
}

describe('the history of a merge survivor (R5)', () => {
  it.each(LANGUAGES)('%s: joined in time order, the merged complaint’s lines marked', async (lng) => {
    const { db, older, newer } = await merged();
    await i18next.changeLanguage(lng);
    const own = await db.events.where('complaintId').equals(older.id).count();
    const theirs = await db.events.where('complaintId').equals(newer.id).count();
    const lines = await render(db, older.id, own + theirs);
    const times = lines.map((l) => l.querySelector('time')!.dateTime);
    expect(times).toEqual([...times].sort());
    expect(lines.map((l) => `${l.dataset.type}@${l.dataset.from}`)).toEqual([
      `created@${older.number}`,
      `created@${newer.number}`,
      `note_added@${older.number}`,
      `note_added@${newer.number}`,
      `merged_from@${older.number}`,
      `merged_into@${newer.number}`,
    ]);
    const mark = i18next.getFixedT(lng, 'complaints')('detail.historyFrom', { number: newer.number });
    for (const line of lines) {
      const from = line.querySelector('[data-testid="history-from"]');
      if (line.dataset.from === newer.number) expect(from?.textContent).toBe(mark);
      else expect(from).toBeNull();
    }
  });

  it('the merged complaint shows only its own history', async () => {
    const { db, newer } = await merged();
    const lines = await render(db, newer.id, await db.events.where('complaintId').equals(newer.id).count());
    expect(new Set(lines.map((l) => l.dataset.from))).toEqual(new Set([newer.number]));
    expect(lines.some((l) => l.querySelector('[data-testid="history-from"]'))).toBe(false);
  });
});
