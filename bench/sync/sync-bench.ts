/**
 * Sync benchmark, run in Chromium by bench/sync.mjs: the app's own engine (renderer/sync) drains a real
 * outbox and uploads real photo Blobs from IndexedDB to a local HQ process; then the same bytes go by a
 * plain fetch PUT to a raw HTTP server, with the same parallelism, for comparison. It measures; it does
 * not judge.
 */
import { emptyComplaintInput } from '../../shared/complaints/model';
import { settings as workstation } from '../../tests/fixtures';
import { PHOTO_UPLOAD_SLOTS } from '../../shared/sync/backoff';
import { HQ_PATHS } from '../../shared/sync/protocol';
import { registerComplaint } from '../../renderer/complaints/actions';
import { OtklikDatabase } from '../../renderer/db/database';
import { bulkAddPhotos, deletePhoto } from '../../renderer/db/photoBytes';
import { createHqClient } from '../../renderer/sync/client';
import { SyncEngine } from '../../renderer/sync/engine';
import { drainOutbox } from '../../renderer/sync/outbox';
import { storeEnrollment } from '../../renderer/db/device';
import { linkFromAnswer } from '../../renderer/sync/enroll';

const settings = workstation(1, { branchName: 'Bench' });
/** Issue 14: who every action is attributed to. */
const signer = { id: '0190c3a0-0000-7000-8000-0000000000b1', name: 'Bench' };

async function randomPhoto(size: number): Promise<{ sha256: string; blob: Blob }> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 65_536)
    crypto.getRandomValues(bytes.subarray(i, Math.min(size, i + 65_536)));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return {
    sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join(''),
    blob: new Blob([bytes], { type: 'image/jpeg' }),
  };
}

async function parallel<T>(items: T[], slots: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: slots }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** CPU seconds (null where they cannot be read); `hq` with its database's, `database` that alone (0: none). */
interface StepCpu {
  browser: number | null;
  hq: number | null;
  database: number | null;
}

/** What `step` cost the browser and HQ in CPU, pushed to `into` (nothing where it cannot be read). */
async function withCpu<T>(into: StepCpu[], step: () => Promise<T>): Promise<T> {
  const before = await window.benchCpu?.();
  const result = await step();
  const after = await window.benchCpu?.();
  const spent = (side: keyof StepCpu) =>
    before?.[side] != null && after?.[side] != null ? after[side] - before[side] : null;
  if (before && after) into.push({ browser: spent('browser'), hq: spent('hq'), database: spent('database') });
  return result;
}

declare global {
  interface Window {
    runSyncBench(options: {
      hqUrl: string;
      rawUrl: string;
      code: string;
      ops: number;
      photos: number;
      photoBytes: number;
      rounds: number;
    }): Promise<{
      /**
       * HQ just started, then warm: the drain, the time spent waiting for HQ's answers, its pushes, and the
       * CPU it cost each side (absent where it cannot be read).
       */
      drains: { ms: number; waitMs: number; pushes: number; cpu?: StepCpu }[];
      photoMs: number[];
      rawMs: number[];
      durableMs: number[];
      hqPutMs: number[];
      /** What the browser wrote to disk during each round's engine upload (empty where it cannot be read). */
      writtenBytes: number[];
      /** CPU of each round's engine upload, plain PUT to HQ and first raw PUT. */
      cpu: { engine: StepCpu[]; plain: StepCpu[]; raw: StepCpu[] };
      ops: number;
      photoMB: number;
      slots: number;
    }>;
    /** Exposed by bench/sync.mjs: the browser's bytes written to storage so far, or null. */
    benchBrowserWrites?: () => Promise<number | null>;
    /** Exposed by bench/sync.mjs: CPU seconds used so far by the browser's processes and by HQ's. */
    benchCpu?: () => Promise<StepCpu>;
  }
}

window.runSyncBench = async ({ hqUrl, rawUrl, code, ops, photos, photoBytes, rounds }) => {
  const db = new OtklikDatabase(`otklik-sync-bench-${crypto.randomUUID()}`);
  const input = {
    ...emptyComplaintInput('in_person', new Date()),
    noContactReason: 'Клиент не оставил контакты',
    description: 'Кассир не выдал чек и отказался принять возврат товара надлежащего качества',
  };
  const queue = async () => {
    for (let i = 0; i < ops; i++)
      await registerComplaint(db, input, settings, signer, new Date(), { acknowledged: true });
  };
  await queue();
  /** A fresh set of photos, pending: each round uploads bytes HQ has never seen. */
  const addPhotos = async (uploadState: 'pending' | 'uploaded' = 'pending') => {
    const files: Array<{ sha256: string; blob: Blob }> = [];
    for (let i = 0; i < photos; i++) files.push(await randomPhoto(photoBytes));
    const now = new Date().toISOString();
    const shas = files.map((f) => f.sha256);
    // As the app stores them (renderer/db/photoBytes.ts), and read back: the Blobs every PUT below sends
    // are IndexedDB's, as the engine's are.
    return db.transaction('rw', db.photos, db.photoBytes, async () => {
      await bulkAddPhotos(
        db,
        files.map(({ sha256, blob }) => ({
          row: { sha256, mime: 'image/jpeg' as const, size: photoBytes, createdAt: now, uploadState },
          blob,
        })),
      );
      const blobs = await db.photoBytes.bulkGet(shas);
      return shas.map((sha256, i) => ({ sha256, blob: blobs[i]! }));
    });
  };
  const dropPhotos = (rows: Array<{ sha256: string }>) =>
    db.transaction('rw', db.photos, db.photoBytes, async () => {
      for (const { sha256 } of rows) await deletePhoto(db, sha256);
    });

  // The drain's share spent waiting for HQ's answers (request sent → response headers): the rest of the
  // drain is the engine's own work in this page (IndexedDB reads and deletes, JSON).
  let pushWaitMs = 0;
  let pushes = 0;
  const client = createHqClient(async (input, init) => {
    const start = performance.now();
    try {
      return await fetch(input, init);
    } finally {
      if (String(input).endsWith(HQ_PATHS.push)) {
        pushWaitMs += performance.now() - start;
        pushes += 1;
      }
    }
  });
  const deviceId = (await db.meta.get('deviceId'))!.value as string;
  const answer = await client.enroll(hqUrl, { code, deviceId, branchCode: 'MSK-01' });
  // As the app stores it (renderer/sync/enroll.ts), with how many ops a push may hold (issue 17).
  const link = linkFromAnswer(hqUrl, answer, new Date());
  // The id HQ gives (issue 13): what is queued becomes that device's, as the app does when it enrolls.
  await storeEnrollment(db, link);
  const engine = new SyncEngine(db, client);
  const conn = { hqUrl, token: link.token };

  // Twice: first HQ as it just started (its code not yet optimised by V8), then HQ warm, as it runs for days.
  const drain = async () => {
    pushWaitMs = 0;
    pushes = 0;
    const cpu: StepCpu[] = [];
    // Timed inside the CPU readings, as the photo steps are: the readings walk /proc.
    const ms = await withCpu(cpu, async () => {
      const start = performance.now();
      await drainOutbox(db, client, conn);
      return performance.now() - start;
    });
    if ((await db.outbox.count()) !== 0) throw new Error('outbox not drained');
    return { ms, waitMs: pushWaitMs, pushes, cpu: cpu[0] };
  };
  const cold = await drain();
  await queue();
  const warm = await drain();

  // Each round: a new set of photos; the same Blobs from IndexedDB go by a plain fetch PUT with the same
  // parallelism to a server that only writes them to disk, once before and once after the engine's upload,
  // so both see the same machine state; then once more with an fsync per file, as HQ stores photos. Rounds
  // repeat this, for medians on a noisy machine.
  const rawPut = async (rows: Awaited<ReturnType<typeof addPhotos>>, path = 'raw') => {
    const start = performance.now();
    await parallel(rows, PHOTO_UPLOAD_SLOTS, async (row) => {
      const res = await fetch(`${rawUrl}/${path}/${row.sha256}`, { method: 'PUT', body: row.blob });
      if (!res.ok) throw new Error(`raw PUT ${res.status}`);
    });
    return performance.now() - start;
  };
  // HQ's side alone: the same kind of Blobs (other bytes, new to HQ) by a plain fetch PUT to HQ, with the
  // token and the same parallelism, and no bookkeeping here: what is left between this and the engine is
  // the engine's (IndexedDB reads and marks), between this and the durable raw PUT, HQ's.
  const hqPut = async (rows: Awaited<ReturnType<typeof addPhotos>>) => {
    const start = performance.now();
    await parallel(rows, PHOTO_UPLOAD_SLOTS, async (row) => {
      await client.putBlob(conn, HQ_PATHS.photo(row.sha256), row.blob, 60_000);
    });
    return performance.now() - start;
  };
  const photoMs: number[] = [];
  const rawMs: number[] = [];
  const durableMs: number[] = [];
  const hqPutMs: number[] = [];
  const writtenBytes: number[] = [];
  const cpu = { engine: [] as StepCpu[], plain: [] as StepCpu[], raw: [] as StepCpu[] };
  for (let round = 0; round < rounds; round++) {
    const direct = await addPhotos('uploaded');
    hqPutMs.push(await withCpu(cpu.plain, () => hqPut(direct)));
    // Each round's Blobs are dropped once used: Chromium's blob storage is bounded (ERR_BLOB_OUT_OF_MEMORY).
    await dropPhotos(direct);
    direct.length = 0;
    const rows = await addPhotos();
    const rawBefore = await withCpu(cpu.raw, () => rawPut(rows));
    const writtenBefore = await window.benchBrowserWrites?.();
    // Timed inside the CPU readings, as the plain and raw PUTs time themselves: the readings walk /proc.
    const failure = await withCpu(cpu.engine, async () => {
      const t = performance.now();
      const failed = await engine.uploadPhotos(conn);
      photoMs.push(performance.now() - t);
      return failed;
    });
    const writtenAfter = await window.benchBrowserWrites?.();
    if (typeof writtenBefore === 'number' && typeof writtenAfter === 'number')
      writtenBytes.push(writtenAfter - writtenBefore);
    if (failure) throw failure;
    if ((await db.photos.where('uploadState').equals('pending').count()) !== 0)
      throw new Error('photos pending');
    rawMs.push((rawBefore + (await rawPut(rows))) / 2);
    durableMs.push(await rawPut(rows, 'durable'));
    await dropPhotos(rows);
  }
  db.close();
  await db.delete();
  return {
    drains: [cold, warm],
    photoMs,
    rawMs,
    durableMs,
    hqPutMs,
    writtenBytes,
    cpu,
    ops,
    photoMB: (photos * photoBytes) / 1e6,
    slots: PHOTO_UPLOAD_SLOTS,
  };
};
