import { afterAll, afterEach, beforeAll, onTestFinished } from 'vitest';
import { Dexie } from 'dexie';
import { act, createElement, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { v7 as uuidv7 } from 'uuid';
import type { Employee } from '../../../shared/people/model';
import type { OutboxOperation } from '../../../shared/sync/operations';
import { OtklikDatabase, SCHEMA_VERSIONS } from '../../../renderer/db/database';
import { addPhoto } from '../../../renderer/db/photoBytes';
import { CounterContext, type Counter } from '../../../renderer/people/context';

// The data is the one all suites share; this file adds the Dexie and React helpers of the Chromium tests.
import { now } from '../../fixtures';
export { IVAN, OLGA, hqLink, input, now, settings } from '../../fixtures';

/**
 * A queued op of `deviceId` numbered `deviceSeq`, in the outbox's shape, for tests of the queue itself: its
 * payload is no real event's (`payload`, when given, only gives it a size).
 */
export function queuedOp(deviceSeq: number, deviceId: string, payload: object = {}): OutboxOperation {
  return {
    deviceSeq,
    opId: uuidv7(),
    deviceId,
    schemaVersion: 1,
    type: 'complaint.event',
    payload: payload as OutboxOperation['payload'],
    createdAt: now.toISOString(),
  };
}

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

/** Roots in the page for the tests of the file that calls this (at its top level). */
export interface PageRoots {
  /** A root in a new element of the page, for the running test: unmounted, and the page emptied, after it. */
  mount(): { root: Root; host: HTMLDivElement };
  /** Every root of the test unmounted and the page emptied now, as after the test: another screen next. */
  clear(): void;
}

/**
 * Roots for a file's tests, each unmounted after its test and the page emptied. The hook belongs to the
 * calling file, as the page loads this module once for all of a worker's files (isolate: false).
 */
export function pageRoots(): PageRoots {
  return rootsUnmountedBy((unmount) => unmount());
}

/**
 * pageRoots, with React's act() for the tests of the file that calls this: each step's renders and effects
 * run before the test looks. Only there: the other files of the page render without it.
 */
export function withAct(): PageRoots {
  const environment = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  beforeAll(() => {
    environment.IS_REACT_ACT_ENVIRONMENT = true;
  });
  afterAll(() => {
    delete environment.IS_REACT_ACT_ENVIRONMENT;
  });
  return rootsUnmountedBy((unmount) => act(unmount));
}

function rootsUnmountedBy(run: (unmount: () => void) => void): PageRoots {
  const made: Root[] = [];
  const clear = () => {
    for (const root of made.splice(0)) run(() => root.unmount());
    document.body.replaceChildren();
  };
  afterEach(clear);
  return {
    clear,
    mount() {
      const host = document.createElement('div');
      document.body.append(host);
      const root = createRoot(host);
      made.push(root);
      return { root, host };
    },
  };
}

/** Tiny pending photos whose bytes are their own address (the engine never hashes them), as the app stores them. */
export async function addPendingPhotos(db: OtklikDatabase, shas: string[]): Promise<void> {
  const createdAt = now.toISOString();
  await db.transaction('rw', db.photos, db.photoBytes, async () => {
    for (const sha256 of shas)
      await addPhoto(
        db,
        { sha256, mime: 'image/jpeg', size: 64, createdAt, uploadState: 'pending' },
        new Blob([sha256]),
      );
  });
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
