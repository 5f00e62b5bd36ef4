import { afterAll, afterEach, beforeAll, onTestFinished } from 'vitest';
import { Dexie } from 'dexie';
import { act, createElement, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { Employee } from '../../../shared/people/model';
import { OtklikDatabase, SCHEMA_VERSIONS } from '../../../renderer/db/database';
import { CounterContext, type Counter } from '../../../renderer/people/context';

// The data is the one all suites share; this file adds the Dexie and React helpers of the Chromium tests.
export { IVAN, OLGA, hqLink, input, now, settings } from '../../fixtures';

/**
 * The screens behind the sign-in, rendered as `employee` signed in (the sign-in itself is tested in
 * tests/unit/renderer/people and the end-to-end tests).
 */
export function signedInAs(employee: Employee, children: ReactNode, patch: Partial<Counter> = {}) {
  const value: Counter = {
    employees: [employee],
    signedIn: employee,
    shown: employee,
    signIn: () => undefined,
    lock: () => undefined,
    ...patch,
  };
  return createElement(CounterContext.Provider, { value }, children);
}

/**
 * React's act() for the tests of the file that calls this (at its top level): each step's renders and
 * effects run before the test looks. Only there: the other files of the page (isolate: false) render
 * without it. `root()` gives the test a root in the page, unmounted after the test.
 */
export function withAct(): { root(): Root } {
  const environment = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  let current: Root | undefined;
  beforeAll(() => {
    environment.IS_REACT_ACT_ENVIRONMENT = true;
  });
  afterAll(() => {
    delete environment.IS_REACT_ACT_ENVIRONMENT;
  });
  afterEach(() => {
    act(() => current?.unmount());
    current = undefined;
    document.body.replaceChildren();
  });
  return {
    root() {
      const host = document.createElement('div');
      document.body.append(host);
      current = createRoot(host);
      return current;
    },
  };
}

/** A fresh database for the running test, deleted when it ends. */
export function openDb(name = `otklik-test-${crypto.randomUUID()}`): OtklikDatabase {
  return track(new OtklikDatabase(name));
}

/**
 * `db` closed and deleted when the running test ends. Registered with the test itself: a hook at this
 * module's top level would belong to the first file that loads it, as the page loads each module once for
 * all of a worker's files (isolate: false), and the databases of the files after it were never deleted.
 */
export function track(db: OtklikDatabase): OtklikDatabase {
  onTestFinished(async () => {
    db.close();
    await Dexie.delete(db.name);
  });
  return db;
}

/**
 * A database in which a version of the app up to schema `version` stored `complaints` (and the rows of
 * `more`), opened by this one: the upgrades since then have run (deleted after the test).
 */
export async function upgradedFrom(
  version: number,
  complaints: readonly unknown[],
  /** Rows of other stores, as that version stored them. */
  more: Record<string, readonly unknown[]> = {},
): Promise<OtklikDatabase> {
  const name = `otklik-test-${crypto.randomUUID()}`;
  const old = new Dexie(name);
  for (const v of SCHEMA_VERSIONS.filter((x) => x.version <= version))
    old.version(v.version).stores(v.stores);
  await old.open();
  await old.table('complaints').bulkAdd(complaints);
  for (const [table, rows] of Object.entries(more)) await old.table(table).bulkAdd(rows);
  old.close();
  const db = track(new OtklikDatabase(name));
  await db.open();
  return db;
}
