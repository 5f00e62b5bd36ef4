import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { buildApp, type ServerOptions } from '../../hq/app';
import { FileBlobStore } from '../../hq/blobs/fs-store';
import type { BlobStore } from '../../hq/blobs/store';
import { DEFAULT_LIMITS, type HttpLimits } from '../../hq/http/limit-settings';
import type { SessionTimes } from '../../hq/people/sessions';
import { createEnrollment } from '../../hq/branches/enrollment';
import { openDatabase, type DatabaseKind, type HqDatabase } from '../../hq/db/database';
import { freshDatabase } from './hq-process';
import type { Complaint, ComplaintEvent } from '../../shared/complaints/model';
import { milestonesFromEvents } from '../../shared/lifecycle';
import { SYNC_SCHEMA_VERSION, type OperationPayload, type OperationType } from '../../shared/sync/operations';
import {
  HQ_PATHS,
  enrollResponseSchema,
  type BranchDirectory,
  type PushOperation,
} from '../../shared/sync/protocol';

export const DATABASE_KINDS: DatabaseKind[] = ['pglite', 'postgresql'];

/**
 * A test's own pool: an idle connection the server ends (its database dropped at the end of the test) is
 * not an error of the test. Without a listener, pg re-throws it as an unhandled error of whichever file runs
 * next in the worker (the integration files share workers: isolate: false, issue 17).
 */
export const droppedIdleClient = (): void => undefined;

export interface RunningHq {
  url: string;
  db: HqDatabase;
  dataDir: string;
  close(): Promise<void>;
}

const UNLIMITED_RATES: Partial<HttpLimits> = {
  enrollPerIpPerMinute: 1_000_000,
  enrollPerCodePer15Minutes: 1_000_000,
  devicePerMinute: 1_000_000,
  signInPerIpPerMinute: 1_000_000,
  signInPerAccountPer15Minutes: 1_000_000,
  statusPerIpPerMinute: 1_000_000,
};

export interface HqOptions {
  maxPhotoBytes?: number;
  onMailWork?: () => void;
  /** Issue 13: limits and timeouts (the defaults otherwise), quota, token expiry, TLS, proxy. */
  limits?: Partial<HttpLimits>;
  branchPhotoQuotaBytes?: number;
  deviceTokenDays?: number;
  authCacheMs?: number;
  https?: ServerOptions['https'];
  trustProxy?: ServerOptions['trustProxy'];
  /** Another photo store in place of the data directory's (a full disk). */
  blobs?: (dataDir: string) => BlobStore;
  /** Issue 14: console sessions' idle and absolute expiry. */
  sessionTimes?: SessionTimes;
  /** Issue 16: serve the public status page (off unless set). */
  statusPage?: boolean;
}

/**
 * Puts a copy of the suite's migrated embedded database (global-setup.ts) into `dataDir`, for an HQ that
 * is not about its first start: creating one costs PGlite ~8 CPU-s (issue 17: CI time).
 */
export function copyMigratedDatabase(dataDir: string): void {
  cpSync(inject('pgliteTemplate'), join(dataDir, 'pglite'), { recursive: true });
}

/** A real HQ on a loopback port, on a fresh database of the given kind. */
export async function startHq(kind: DatabaseKind, options: HqOptions = {}): Promise<RunningHq> {
  const dataDir = mkdtempSync(join(tmpdir(), 'otklik-hq-'));
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (kind === 'postgresql') {
    // A copy of the migrated template (global-setup.ts): this HQ's start finds every migration applied.
    const fresh = await freshDatabase(inject('postgresUrl'), 'hq', inject('postgresTemplate'));
    databaseUrl = fresh.url;
    dropDatabase = fresh.drop;
  }
  if (kind === 'pglite') copyMigratedDatabase(dataDir);
  const db = await openDatabase({ databaseUrl, dataDir });
  const files = new FileBlobStore(join(dataDir, 'photos'));
  await files.init();
  const blobs = options.blobs?.(dataDir) ?? files;
  const app = buildApp(
    {
      db,
      blobs,
      maxPhotoBytes: options.maxPhotoBytes ?? 8 * 1024 * 1024,
      onMailWork: options.onMailWork,
      ...(options.authCacheMs !== undefined ? { authCacheMs: options.authCacheMs } : {}),
      ...(options.deviceTokenDays !== undefined ? { deviceTokenDays: options.deviceTokenDays } : {}),
      branchPhotoQuotaBytes: options.branchPhotoQuotaBytes ?? 0,
      ...(options.sessionTimes ? { sessionTimes: options.sessionTimes } : {}),
      ...(options.statusPage ? { statusPage: true } : {}),
    },
    {
      // Suites that enroll and push a lot from one address are not what the rate limits are tested with
      // (hq-limits.test.ts is): their budgets are raised unless a test sets them.
      limits: { ...DEFAULT_LIMITS, ...UNLIMITED_RATES, ...options.limits },
      ...(options.https ? { https: options.https } : {}),
      ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    },
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  // Issue 16 item 4: the status page's address is this HQ's own (HQ_PUBLIC_URL in production).
  if (options.statusPage) app.hq.statusPageUrl = url;
  return {
    url,
    db,
    dataDir,
    async close() {
      await app.close();
      await db.close();
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestDevice {
  deviceId: string;
  token: string;
  branchCode: string;
  seq: number;
  /** Issue 17: how many ops a push may hold, as HQ's enrollment answer said. */
  maxPushBatch?: number;
}

export async function enroll(
  hq: RunningHq,
  branchCode: string,
  directory: Partial<BranchDirectory> = {},
): Promise<TestDevice> {
  const { code } = await createEnrollment(hq.db.pool, {
    code: branchCode,
    name: `Branch ${branchCode}`,
    ...directory,
  });
  const deviceId = uuidv7();
  const res = await fetch(hq.url + HQ_PATHS.enroll, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceId, branchCode }),
  });
  if (res.status !== 200) throw new Error(`enroll: ${res.status} ${await res.text()}`);
  const body = enrollResponseSchema.parse(await res.json());
  // The device id HQ gave (a new one for every enrollment: issue 13).
  return {
    deviceId: body.deviceId,
    token: body.deviceToken,
    branchCode,
    seq: 0,
    maxPushBatch: body.maxPushBatch,
  };
}

export function call(hq: RunningHq, device: TestDevice | null, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (device) headers.set('authorization', `Bearer ${device.token}`);
  if (typeof init.body === 'string') headers.set('content-type', 'application/json');
  return fetch(hq.url + path, { ...init, headers });
}

export function op<T extends OperationType>(
  device: TestDevice,
  type: T,
  payload: OperationPayload<T>,
): PushOperation {
  device.seq += 1;
  return {
    opId: uuidv7(),
    deviceId: device.deviceId,
    deviceSeq: device.seq,
    schemaVersion: SYNC_SCHEMA_VERSION,
    type,
    payload,
    createdAt: new Date().toISOString(),
  };
}

let counter = 0;

/** A complaint as the branch app registers it (created + acknowledged). */
export function registration(
  branchCode: string,
  at = new Date('2026-03-02T09:00:00Z'),
): OperationPayload<'complaint.register'> {
  const id = uuidv7();
  counter += 1;
  const iso = at.toISOString();
  const events: ComplaintEvent[] = [
    { id: uuidv7(), complaintId: id, type: 'created', at: iso, actor: 'Ольга', data: { channel: 'phone' } },
    {
      id: uuidv7(),
      complaintId: id,
      type: 'status_changed',
      at: iso,
      actor: 'Ольга',
      data: { from: 'received', to: 'registered', transition: 'register' },
    },
  ];
  const progress = milestonesFromEvents(events);
  const complaint: Complaint = {
    id,
    number: `${branchCode}-2026-1${String(counter).padStart(5, '0')}`,
    branchCode,
    status: progress.status,
    channel: 'phone',
    receivedAt: iso,
    registeredAt: iso,
    updatedAt: iso,
    receivedBy: 'Ольга',
    confidential: false,
    customer: { name: 'Пётр', phone: '+7 916 555-12-34', email: '', address: '', preferredContact: 'phone' },
    noContactReason: '',
    description: 'Заказ не привезли',
    remedy: 'Доставить',
    concerns: { product: '', service: '', employee: '' },
    category: 'delivery',
    severity: 'medium',
    healthAndSafety: false,
    consent: true,
    searchWords: ['пётр'],
    progress,
  };
  return { complaint, events };
}

export function startReview(
  complaintId: string,
  from: 'registered' = 'registered',
): OperationPayload<'complaint.transition'> {
  return {
    complaintId,
    from,
    to: 'in_review',
    event: {
      id: uuidv7(),
      complaintId,
      type: 'status_changed',
      at: new Date('2026-03-02T10:00:00Z').toISOString(),
      actor: 'Ольга',
      data: { from, to: 'in_review', transition: 'start_review' },
    },
  };
}

export async function count(hq: RunningHq, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await hq.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) q`, params);
  return rows[0]!.n;
}
