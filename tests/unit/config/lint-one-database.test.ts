import { describe, expect, it } from 'vitest';
import { ruleIds } from './eslint-rules';

// R22: the page opens IndexedDB only through OtklikDatabase, whose read-write transactions are strict (a
// save is reported once flushed to disk); lint refuses any other connection in renderer/.

// The first case loads the whole ESLint config; on a busy two-core machine that alone can take seconds.
describe('one IndexedDB database in the page', { timeout: 30_000 }, () => {
  it.each([
    ['renderer/sync/x.ts', "import { Dexie } from 'dexie';\nexport const db = new Dexie('other');"],
    ['renderer/book/x.ts', "export const request = indexedDB.open('other');"],
    ['renderer/ui/x.ts', "export const request = window.indexedDB.open('other');"],
  ])('%s: %s is refused', async (file, code) => {
    expect(await ruleIds(file, code)).toContain('no-restricted-syntax');
  });

  it('the app database itself, and a use of OtklikDatabase, pass', async () => {
    expect(
      await ruleIds(
        'renderer/sync/x.ts',
        "import { OtklikDatabase } from '../db/database';\nexport const db = new OtklikDatabase();",
      ),
    ).toEqual([]);
    expect(
      await ruleIds(
        'renderer/db/database.ts',
        "import { Dexie } from 'dexie';\nexport const scratch = new Dexie('x');",
      ),
    ).not.toContain('no-restricted-syntax');
  });
});
