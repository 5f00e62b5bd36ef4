import { describe, expect, it } from 'vitest';
import { registerComplaint } from '../../../../renderer/complaints/actions';
import { urgencyKeysOf, type StoredComplaint } from '../../../../renderer/db/listKeys';
import type { HqClient } from '../../../../renderer/sync/client';
import { SyncEngine } from '../../../../renderer/sync/engine';
import { META } from '../../../../renderer/sync/state';
import { withSettingsDefaults } from '../../../../shared/settings/workstation';
import { pullResponseSchema } from '../../../../shared/sync/protocol';
import { OLGA, hqLink, input, now, openDb, settings } from '../fixtures';

// R10 (issue 15 item 7): the policies HQ sets come down with the directory on pull; the workstation takes
// what HQ does not let it override, and its open complaints' due moments move in the same transaction.

describe('pull of HQ’s policy layers', () => {
  it('applies the consideration policy and warning lead, keeps allowed office hours, moves the due keys', async () => {
    const db = openDb();
    const own = settings(1, { officeOpens: '10:00', officeCloses: '19:00', bookWarnHours: 2 });
    await db.settings.put({ key: 'workstation', value: own });
    const link = hqLink();
    await db.meta.put({ key: META.link, value: link });
    const letter = input('Письмо: сломался чайник', {
      channel: 'post',
      customer: {
        name: 'Петров',
        phone: '',
        email: '',
        address: 'Москва, ул. Ленина, 5',
        preferredContact: 'post',
      },
    });
    const c = await registerComplaint(db, letter, own, OLGA, now);
    const before = ((await db.complaints.get(c.id)) as StoredComplaint).urgency;
    expect(before).toBeDefined();

    const company = {
      policyId: 'respond_24h_resolve_1m',
      bookWarnHours: 5,
      officeOpens: '08:00',
      officeCloses: '20:00',
      branchMayOverride: ['officeHours'],
    };
    const page = pullResponseSchema.parse({
      changes: [
        {
          version: 7,
          kind: 'branch',
          branch: {
            ...link.branch,
            companyName: 'ООО «Отклик»',
            policy: { company, branch: { bookWarnHours: 3 } },
          },
        },
      ],
      cursor: 7,
      more: false,
    });
    await new SyncEngine(db, {} as HqClient).applyChanges(page.changes, page.cursor);

    const next = withSettingsDefaults((await db.settings.get('workstation'))!.value);
    // The company's policy, the branch's warning lead (over the company's), this PC's own office hours.
    expect(next).toMatchObject({
      policyId: 'respond_24h_resolve_1m',
      bookWarnHours: 3,
      officeOpens: '10:00',
    });
    const after = ((await db.complaints.get(c.id)) as StoredComplaint).urgency;
    expect(after).toEqual(urgencyKeysOf(c, next));
    // The letter is answered within 24 hours instead of 2 working days: due earlier.
    expect(Date.parse(after!.dueAt)).toBeLessThan(Date.parse(before!.dueAt));
    expect(await db.meta.get(META.cursor)).toMatchObject({ value: 7 });
  });
});
