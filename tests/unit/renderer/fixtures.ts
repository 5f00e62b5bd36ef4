import { afterEach } from 'vitest';
import { Dexie } from 'dexie';
import { OtklikDatabase } from '../../../renderer/db/database';

// The data is the one all suites share; this file adds the Dexie helpers of the Chromium tests.
export { hqLink, input, now, settings } from '../../fixtures';

const opened: OtklikDatabase[] = [];

/** A fresh database per test, deleted afterwards. */
export function openDb(name = `otklik-test-${crypto.randomUUID()}`): OtklikDatabase {
  const db = new OtklikDatabase(name);
  opened.push(db);
  return db;
}

export function track(db: OtklikDatabase): OtklikDatabase {
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});
