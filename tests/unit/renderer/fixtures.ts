import { afterEach } from 'vitest';
import { Dexie } from 'dexie';
import { createElement, type ReactNode } from 'react';
import { emptyComplaintInput, type ComplaintInput } from '../../../shared/complaints/model';
import type { Employee } from '../../../shared/people/model';
import { withSettingsDefaults, type WorkstationSettings } from '../../../shared/settings/workstation';
import { OtklikDatabase } from '../../../renderer/db/database';
import type { HqLink } from '../../../renderer/db/device';
import { CounterContext, type Counter } from '../../../renderer/people/context';

/** Monday 23 November 2026, 12:00 in Moscow. */
export const now = new Date('2026-11-23T09:00:00Z');

/** This workstation enrolled at an HQ for branch MSK-01; HQ has set no directory field unless `branch` says. */
export const hqLink = (branch: Partial<HqLink['branch']> = {}): HqLink => ({
  hqUrl: 'http://hq.invalid',
  token: 't'.repeat(43),
  deviceId: '0190c3a0-0000-7000-8000-000000000001',
  enrolledAt: now.toISOString(),
  branch: {
    code: 'MSK-01',
    name: 'Москва',
    country: 'RU',
    timeZone: 'Europe/Moscow',
    language: 'ru',
    managerName: '',
    managerEmail: '',
    headOfSalesName: '',
    headOfSalesEmail: '',
    ...branch,
  },
});

export const settings = (station = 1, patch: Partial<WorkstationSettings> = {}): WorkstationSettings =>
  withSettingsDefaults({
    branchCode: 'MSK-01',
    branchName: 'Москва, Тверская',
    country: 'RU',
    timeZone: 'Europe/Moscow',
    language: 'ru',
    station,
    ...patch,
  });

/** Issue 14: the branch manager signed in at the counter; every action of the tests is hers. */
export const OLGA: Employee = {
  id: '0190c3a0-0000-7000-8000-0000000000e1',
  branchCode: 'MSK-01',
  name: 'Ольга Иванова',
  role: 'branch_manager',
  active: true,
  updatedAt: now.toISOString(),
};

/** A counter employee of the same branch: no internal register (R24). */
export const IVAN: Employee = {
  ...OLGA,
  id: '0190c3a0-0000-7000-8000-0000000000e2',
  name: 'Иван Петров',
  role: 'counter',
};

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

export function input(
  description = 'Не приняли возврат товара',
  patch: Partial<ComplaintInput> = {},
): ComplaintInput {
  return {
    ...emptyComplaintInput('in_person', new Date(now.getTime() - 60_000)),
    description,
    customer: {
      name: 'Петров',
      phone: '+7 916 123-45-67',
      email: '',
      address: '',
      preferredContact: 'phone',
    },
    consent: true,
    ...patch,
  };
}

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
