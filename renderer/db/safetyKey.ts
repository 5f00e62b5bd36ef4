import type { EntityTable, Transaction } from 'dexie';
import type { Complaint } from '../../shared/complaints/model';

/**
 * R13 (issue 15 item 4): `safetyAt` — the registration instant of a health-and-safety complaint, absent on
 * every other one — so the list reads the few health-and-safety complaints from their own index and shows
 * them first (renderer/complaints/queries.ts). Kept on every write of a complaint, whoever writes it (an
 * action here, a correction of the flag, a pull from HQ), inside that write's transaction. Never sent to HQ.
 */
type Keyed = Complaint & { safetyAt?: string };

export function keepSafetyKey(complaints: EntityTable<Keyed, 'id'>): void {
  complaints.hook('creating', (_key, c) => {
    if (c.healthAndSafety) c.safetyAt = c.registeredAt;
    else delete c.safetyAt;
  });
  complaints.hook('updating', (mods, _key, c) => {
    const changes = mods as Record<string, unknown>;
    const safety = 'healthAndSafety' in changes ? changes.healthAndSafety : c.healthAndSafety;
    const registeredAt = 'registeredAt' in changes ? changes.registeredAt : c.registeredAt;
    const want = safety ? (registeredAt as string) : undefined;
    if (c.safetyAt === want && !('safetyAt' in changes)) return undefined;
    return { safetyAt: want };
  });
}

/** Schema version 6's upgrade: the key of the health-and-safety complaints already stored. */
export async function fillSafetyKeys(tx: Transaction): Promise<void> {
  await tx
    .table('complaints')
    .filter((c: Keyed) => c.healthAndSafety)
    .modify((c: Keyed) => {
      c.safetyAt = c.registeredAt;
    });
}
