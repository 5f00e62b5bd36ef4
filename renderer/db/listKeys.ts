import { Dexie, type EntityTable, type Transaction } from 'dexie';
import type { BookEntry } from '../../shared/book/model';
import { STATUSES, type Complaint } from '../../shared/complaints/model';
import { complaintDueMoments, urgencyWindow } from '../../shared/deadlines';
import { isOpenStatus, timelineOf } from '../../shared/lifecycle';
import {
  branchCalendarOf,
  policyOf,
  withSettingsDefaults,
  type WorkstationSettings,
} from '../../shared/settings/workstation';

/**
 * Fields stored beside a record only so that the lists can read an index (issue 17, R26): IndexedDB cannot
 * index a boolean or an absent value, and the deadline engine must not run once per row of years of data.
 * They never travel to HQ; every write of the record sets them, in its own transaction.
 */

/**
 * Internal complaints are a separate, confidential register (R2, R24): never mixed into the main list.
 * The channel is the register: a complaint is confidential exactly when its channel is `internal`
 * (registerComplaint), which is how the list's channel indexes keep the registers apart.
 */
export const REGISTERS = ['customers', 'internal'] as const;
export type Register = (typeof REGISTERS)[number];

export const registerOf = (c: Pick<Complaint, 'confidential'>): Register =>
  c.confidential ? 'internal' : 'customers';

/**
 * R11, shared/deadlines urgencyWindow under this branch's calendar and policy, with the register the
 * counts are kept apart by. Only a complaint with a term still open has it, so the urgency indexes hold
 * the open complaints and nothing of the closed years.
 */
export interface UrgencyKeys {
  register: Register;
  /** The earliest open deadline (ISO): overdue after it. */
  dueAt: string;
  /** From when it is due soon (ISO); never after `dueAt`. */
  soonFrom: string;
}

export type StoredComplaint = Complaint & { urgency?: UrgencyKeys };

// The window does not depend on now (see shared/deadlines/urgency.ts); any instant will do.
const ANY_NOW = new Date(0);

/**
 * The urgency keys of a complaint under the branch's settings. Without settings (a workstation not set up)
 * they stay absent until `refreshDueKeys` runs with them.
 */
export function urgencyKeysOf(c: Complaint, settings: WorkstationSettings | null): UrgencyKeys | undefined {
  if (!settings || !isOpenStatus(c.status)) return undefined;
  let window;
  try {
    window = urgencyWindow(
      complaintDueMoments(timelineOf(c), branchCalendarOf(settings), policyOf(settings), ANY_NOW),
    );
  } catch {
    // A record whose times cannot be read has no deadline to count; its page says so.
    return undefined;
  }
  return (
    window && {
      register: registerOf(c),
      dueAt: window.dueAt.toISOString(),
      soonFrom: window.dueSoonFrom.toISOString(),
    }
  );
}

/** The complaint as stored: its own fields (keys it carried are dropped) plus its urgency keys. */
export function withListKeys(c: Complaint, settings: WorkstationSettings | null): StoredComplaint {
  const { urgency: _old, ...plain } = c as StoredComplaint;
  const urgency = urgencyKeysOf(plain, settings);
  return urgency ? { ...plain, urgency } : plain;
}

/** A patch for `Table.update` that sets the urgency keys, or removes them when nothing is open any more. */
export function dueKeysPatch(c: Complaint, settings: WorkstationSettings | null) {
  return { urgency: urgencyKeysOf(c, settings) };
}

/** The settings table, as far as reading the workstation row goes. */
interface SettingsTable {
  get(key: 'workstation'): PromiseLike<{ value: WorkstationSettings } | undefined>;
}

/** The workstation settings as stored, read in the caller's transaction; null before the first set-up. */
export async function storedSettings(settings: SettingsTable): Promise<WorkstationSettings | null> {
  const row = await settings.get('workstation');
  return row ? withSettingsDefaults(row.value) : null;
}

const sameKeys = (a: UrgencyKeys | undefined, b: UrgencyKeys | undefined) =>
  a?.register === b?.register && a?.dueAt === b?.dueAt && a?.soonFrom === b?.soonFrom;

type ComplaintTable = Pick<EntityTable<StoredComplaint, 'id'>, 'where' | 'bulkGet' | 'bulkPut'>;

/** Every open complaint (a few per cent of the years), status by status from the list's index. */
function openComplaints(complaints: ComplaintTable): Promise<StoredComplaint[]> {
  return Promise.all(
    STATUSES.filter(isOpenStatus).map((s) =>
      complaints.where('[status+registeredAt]').between([s, Dexie.minKey], [s, Dexie.maxKey]).toArray(),
    ),
  ).then((perStatus) => perStatus.flat());
}

/**
 * Recomputes the urgency keys of every complaint that can have them (all open ones, and any still keyed)
 * and writes those that changed; returns how many. Run inside the transaction that changes the calendar or
 * policy, and once per start: it also catches a new app version whose calendars or rules moved a deadline.
 */
export async function refreshDueKeys(
  complaints: ComplaintTable,
  settings: WorkstationSettings | null,
): Promise<number> {
  const [open, keyed] = await Promise.all([
    openComplaints(complaints),
    complaints
      .where('[urgency.register+urgency.soonFrom]')
      .between([Dexie.minKey], [Dexie.maxKey])
      .primaryKeys(),
  ]);
  const seen = new Set(open.map((c) => c.id));
  const strays = await complaints.bulkGet(keyed.filter((id) => !seen.has(id)));
  const changed: StoredComplaint[] = [];
  for (const c of [...open, ...strays]) {
    if (c && !sameKeys(c.urgency, urgencyKeysOf(c, settings))) changed.push(withListKeys(c, settings));
  }
  if (changed.length > 0) await complaints.bulkPut(changed);
  return changed.length;
}

/** A feedback-book entry as stored: `delivered` is `delivery` as a key (1 once HQ reported it sent). */
export type StoredBookEntry = BookEntry & { delivered: 0 | 1 };

/**
 * Keeps `delivered` right on every write of an entry, whoever writes it (the book's actions, a pull from
 * HQ), inside that write's transaction.
 */
export function keepDeliveredKey(entries: EntityTable<BookEntry, 'id'>): void {
  entries.hook('creating', (_key, entry) => {
    (entry as StoredBookEntry).delivered = entry.delivery ? 1 : 0;
  });
  entries.hook('updating', (mods, _key, entry) => {
    const changes = mods as Record<string, unknown>;
    const delivered = ('delivery' in changes ? changes.delivery : entry.delivery) ? 1 : 0;
    if ((entry as StoredBookEntry).delivered === delivered && !('delivered' in changes)) return undefined;
    return { delivered };
  });
}

/**
 * Schema version 3's upgrade: the urgency keys of the open complaints (the closed years need none) and the
 * `delivered` key of every feedback-book entry.
 */
export async function fillListKeys(tx: Transaction): Promise<void> {
  await refreshDueKeys(tx.table('complaints'), await storedSettings(tx.table('settings')));
  await tx
    .table('bookEntries')
    .toCollection()
    .modify((e: StoredBookEntry) => {
      e.delivered = e.delivery ? 1 : 0;
    });
}
