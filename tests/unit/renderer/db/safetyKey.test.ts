import { describe, expect, it } from 'vitest';
import { registerComplaint } from '../../../../renderer/complaints/actions';
import { changeRecord } from '../../../../renderer/complaints/handling/decisionActions';
import type { OtklikDatabase } from '../../../../renderer/db/database';
import { OLGA, input, now, openDb, settings, upgradedFrom } from '../fixtures';

// R13 (issue 15 item 4): the sparse `safetyAt` index the list reads its first part from — kept by every
// write of a complaint, and filled by schema version 6 for complaints stored before it.

const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const keyed = (db: OtklikDatabase) => db.complaints.where('safetyAt').above('').primaryKeys();

describe('safetyAt', () => {
  it('follows the health-and-safety flag on registration, re-assessment and correction back', async () => {
    const db = openDb();
    const burn = await registerComplaint(
      db,
      input('Обжёгся', { healthAndSafety: true }),
      settings(),
      OLGA,
      now,
    );
    const queue = await registerComplaint(db, input('Очередь'), settings(), OLGA, now);
    expect(await keyed(db)).toEqual([burn.id]);
    await changeRecord(
      db,
      queue.id,
      'assessment',
      { set: { healthAndSafety: true }, reason: 'Упал' },
      OLGA,
      later(1),
    );
    expect((await keyed(db)).sort()).toEqual([burn.id, queue.id].sort());
    expect((await db.complaints.get(queue.id)) as unknown).toMatchObject({ safetyAt: queue.registeredAt });
    await changeRecord(
      db,
      burn.id,
      'assessment',
      { set: { healthAndSafety: false }, reason: 'Ошибка' },
      OLGA,
      later(2),
    );
    expect(await keyed(db)).toEqual([queue.id]);
    expect(((await db.complaints.get(burn.id)) as { safetyAt?: string }).safetyAt).toBeUndefined();
  });

  it('schema version 6 fills it for the complaints a previous version stored', async () => {
    // What the app stored before version 6: the same records, without the key.
    const scratch = openDb();
    const burn = await registerComplaint(
      scratch,
      input('Обжёгся', { healthAndSafety: true }),
      settings(),
      OLGA,
      now,
    );
    const queue = await registerComplaint(scratch, input('Очередь'), settings(), OLGA, now);
    const records = (await scratch.complaints.toArray()).map((c) => {
      const { safetyAt: _k, ...r } = c as typeof c & { safetyAt?: string };
      return r;
    });
    const db = await upgradedFrom(4, records);
    expect(await keyed(db)).toEqual([burn.id]);
    expect(((await db.complaints.get(queue.id)) as { safetyAt?: string }).safetyAt).toBeUndefined();
  });
});
