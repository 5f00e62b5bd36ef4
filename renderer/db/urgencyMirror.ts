import {
  Dexie,
  type DBCore,
  type DBCoreMutateRequest,
  type DBCoreTable,
  type DBCoreTransaction,
  type IndexableTypeArrayReadonly,
  type Middleware,
  type Transaction,
} from 'dexie';
import type { StoredComplaint } from './listKeys';

/**
 * Issue 17 (R11, R26): the branch's urgency counts read two small stores of keys instead of the complaints'
 * urgency indexes. Chromium checks every entry of an index range against its record when it counts, about
 * 20 µs a key on disk: 45 ms median and 85 ms p95 for 2 000 open complaints, against 4 and 6 ms for a count of
 * the same keys as an object store's own (measured in Chromium, on disk, beside 98 000 closed complaints).
 *
 * `urgencyDue` holds `[register, dueAt, id]`, `urgencySoon` `[register, soonFrom, id]`, for exactly the
 * complaints with urgency keys (renderer/db/listKeys.ts). This middleware keeps them so on every write of a
 * complaint, whoever writes it (an action, a pull from HQ, a new calendar), in that write's own transaction:
 * a transaction that may write complaints takes the two stores too. It sits above Dexie's observability
 * layer, so a live query of the counts sees their writes.
 */
export const URGENCY_STORES = { due: 'urgencyDue', soon: 'urgencySoon' } as const;
const MIRRORS = [URGENCY_STORES.due, URGENCY_STORES.soon];
const COMPLAINTS = 'complaints';

type MirrorKey = [string, string, string];
/** DBCoreRangeType.Any: the whole table (a const enum of Dexie's types, not exported as a value). */
const ANY_RANGE = 3;

/** The two keys of a stored complaint: none when it has no urgency keys (closed, nothing open). */
export function mirrorKeysOf(
  c: StoredComplaint | undefined,
): { due: MirrorKey; soon: MirrorKey } | undefined {
  const u = c?.urgency;
  // Keys that are not text are none (as the urgency indexes skip a key IndexedDB cannot order).
  if (!c || !u || ![u.register, u.dueAt, u.soonFrom, c.id].every((part) => typeof part === 'string'))
    return undefined;
  return { due: [u.register, u.dueAt, c.id], soon: [u.register, u.soonFrom, c.id] };
}

/** The keys of a stored complaint in the order of MIRRORS (the store each goes to); none without urgency. */
const mirrorKeysInOrder = (c: StoredComplaint | undefined): MirrorKey[] => {
  const keys = mirrorKeysOf(c);
  return keys ? [keys.due, keys.soon] : [];
};

/** Dexie's DBCore transaction is IndexedDB's own. */
const native = (trans: DBCoreTransaction) => trans as unknown as IDBTransaction;

/** A transaction of an upgrade to a schema before the stores existed: nothing to mirror into. */
const hasMirrors = (trans: DBCoreTransaction) =>
  MIRRORS.every((name) => native(trans).objectStoreNames.contains(name));

async function mirrored(down: DBCore, table: DBCoreTable, req: DBCoreMutateRequest) {
  const { trans } = req;
  // Every complaint goes (Table.clear): so do the mirrors, without reading the years of records first.
  if (req.type === 'deleteRange' && req.range.type === ANY_RANGE) {
    const res = await table.mutate(req);
    await Promise.all(
      MIRRORS.map((name) => down.table(name).mutate({ type: 'deleteRange', trans, range: req.range })),
    );
    return res;
  }
  let before: (StoredComplaint | undefined)[];
  if (req.type === 'add') before = [];
  else if (req.type === 'put')
    before = await table.getMany({
      trans,
      keys: req.keys ?? req.values.map((v) => (v as StoredComplaint).id),
    });
  else if (req.type === 'delete') before = await table.getMany({ trans, keys: req.keys });
  else
    before = (
      await table.query({ trans, values: true, query: { index: table.schema.primaryKey, range: req.range } })
    ).result;

  const res = await table.mutate(req);
  const failed = (i: number) => Object.hasOwn(res.failures, i);
  // Per mirror (in the order of MIRRORS), the keys to remove and to add.
  const remove: MirrorKey[][] = MIRRORS.map(() => []);
  const add: MirrorKey[][] = MIRRORS.map(() => []);
  before.forEach((old, i) => {
    if (!failed(i)) mirrorKeysInOrder(old).forEach((key, m) => remove[m]!.push(key));
  });
  if (req.type === 'add' || req.type === 'put') {
    // One id twice in a request: the last value written is the record, so only its keys are kept.
    const written = new Set<string>();
    for (let i = req.values.length - 1; i >= 0; i--) {
      const value = req.values[i] as StoredComplaint;
      if (failed(i) || written.has(value.id)) continue;
      written.add(value.id);
      mirrorKeysInOrder(value).forEach((key, m) => add[m]!.push(key));
    }
  }
  const failures = await Promise.all(
    MIRRORS.map(async (name, m) => {
      const store = down.table(name);
      let failures = 0;
      // A key both removed and added (the complaint kept its urgency) is simply put again.
      if (remove[m]!.length > 0)
        failures += (await store.mutate({ type: 'delete', trans, keys: remove[m]! })).numFailures;
      if (add[m]!.length > 0)
        failures += (await store.mutate({ type: 'put', trans, keys: add[m]!, values: add[m]!.map(() => 1) }))
          .numFailures;
      return failures;
    }),
  );
  if (failures.some((n) => n > 0)) {
    // Never a complaint without its keys: the whole transaction goes back (Dexie commits an implicit one
    // whose request failed).
    native(trans).abort();
    throw new Error('The urgency keys of a complaint could not be written; nothing was saved.');
  }
  return res;
}

export const urgencyMirror: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'urgencyMirror',
  create: (down) => {
    // Dexie builds the stack anew for each schema it opens or upgrades to: whether it has the stores is fixed.
    const schemaHasMirrors = MIRRORS.every((name) => down.schema.tables.some((t) => t.name === name));
    return {
      ...down,
      transaction(stores, mode, options) {
        const withMirrors =
          schemaHasMirrors && mode === 'readwrite' && stores.includes(COMPLAINTS)
            ? [...new Set([...stores, ...MIRRORS])]
            : stores;
        return down.transaction(withMirrors, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== COMPLAINTS) return table;
        return {
          ...table,
          mutate: (req) => (hasMirrors(req.trans) ? mirrored(down, table, req) : table.mutate(req)),
        };
      },
    };
  },
};

/**
 * Schema version 7's upgrade: the mirrors of the complaints a previous version keyed (the open ones). Writes
 * of earlier versions' upgrades in the same transaction are not mirrored (the stores did not exist yet).
 */
export async function fillUrgencyMirrors(tx: Transaction): Promise<void> {
  const keyed: StoredComplaint[] = await tx
    .table(COMPLAINTS)
    .where('[urgency.register+urgency.soonFrom]')
    .between([Dexie.minKey], [Dexie.maxKey])
    .toArray();
  const keys = keyed.map(mirrorKeysInOrder).filter((k) => k.length > 0);
  for (const [m, name] of MIRRORS.entries())
    await tx.table(name).bulkPut(
      keys.map(() => 1),
      // Dexie's types do not take an array of compound keys here; IndexedDB does.
      keys.map((k) => k[m]) as unknown as IndexableTypeArrayReadonly,
    );
}
