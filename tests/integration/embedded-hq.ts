import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, inject } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { HQ_PATHS, enrollResponseSchema, type PullResponse } from '../../shared/sync/protocol';
import { call, copyMigratedDatabase, op, registration, type RunningHq, type TestDevice } from './harness';
import { DIRECTORY } from './mail-fixtures';
import { hqCli, HqProcess } from './hq-process';

/**
 * Issue 13 with real processes: the production bundle of HQ on its embedded database (DATA_DIR, no
 * DATABASE_URL). One suite per test file (tests/integration/hq/db/embedded*.test.ts), so the files run side
 * by side: each starts HQ processes on fresh embedded databases, slow on a busy two-core machine.
 */
export function embeddedHq() {
  const main = inject('hqMain');
  const dirs: string[] = [];
  const servers: HqProcess[] = [];

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  return {
    /**
     * A new DATA_DIR: empty (HQ creates its database at the first start), or `migrated`, holding a copy of
     * the suite's migrated embedded database (copyMigratedDatabase).
     */
    dataDir({ migrated = false }: { migrated?: boolean } = {}): string {
      const d = mkdtempSync(join(tmpdir(), 'otklik-emb-'));
      dirs.push(d);
      if (migrated) copyMigratedDatabase(d);
      return d;
    },
    start(dataDir: string, env: Record<string, string> = {}): HqProcess {
      const s = new HqProcess(main, { DATA_DIR: dataDir, MAIL_POLL_MS: '200', ...env });
      servers.push(s);
      return s;
    },
    /** An admin command. Asynchronous: a blocked event loop would keep fetch reusing closed connections. */
    cli: (dataDir: string, ...args: string[]) => hqCli(main, { DATA_DIR: dataDir }, ...args),
  };
}

export type EmbeddedHq = ReturnType<typeof embeddedHq>;

export async function enrollDevice(
  suite: EmbeddedHq,
  hq: HqProcess,
  dataDir: string,
  branchCode: string,
): Promise<TestDevice> {
  const out = await suite.cli(dataDir, 'enroll', '--branch', branchCode, ...directoryFlags());
  const code = /\b([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})\b/.exec(out.stdout)?.[1];
  if (!code) throw new Error(`enroll: ${out.stdout}${out.stderr}`);
  const deviceId = uuidv7();
  const res = await fetch(hq.url + HQ_PATHS.enroll, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceId, branchCode }),
  });
  const body = enrollResponseSchema.parse(await res.json());
  // The id HQ gave (a new one for every enrollment: issue 13).
  return { deviceId: body.deviceId, token: body.deviceToken, branchCode, seq: 0 };
}

const directoryFlags = () => [
  '--manager-email',
  DIRECTORY.managerEmail,
  '--head-of-sales-email',
  DIRECTORY.headOfSalesEmail,
];

/** The harness's helpers only need an address. */
export const at = (hq: HqProcess) => ({ url: hq.url }) as RunningHq;

export async function pushComplaints(hq: HqProcess, device: TestDevice, count: number): Promise<number> {
  const ops = Array.from({ length: count }, () =>
    op(device, 'complaint.register', registration(device.branchCode)),
  );
  const res = await call(at(hq), device, HQ_PATHS.push, { method: 'POST', body: JSON.stringify({ ops }) });
  expect(res.status).toBe(200);
  const { results } = (await res.json()) as { results: Array<{ outcome: string }> };
  return results.filter((r) => r.outcome === 'applied').length;
}

export async function complaintsAtHq(hq: HqProcess, device: TestDevice): Promise<number> {
  let cursor = 0;
  let complaints = 0;
  for (;;) {
    const res = await call(at(hq), device, `${HQ_PATHS.pull}?cursor=${cursor}`);
    const page = (await res.json()) as PullResponse;
    complaints += page.changes.filter((c) => c.kind === 'complaint').length;
    cursor = page.cursor;
    if (!page.more) return complaints;
  }
}
