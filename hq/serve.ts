// The long-running commands: `serve` (HTTP server, mail worker, control socket) and `mail-worker`. A chunk
// of its own in the build (dist/hq/serve.mjs), loaded by hq/main.ts only for them: the administration
// commands (enroll, user add, …) then load neither Fastify and its plugins nor the mail transport
// (issue 17: CI time; figures in vite.hq.config.ts).
import { join } from 'node:path';
import { buildApp } from './app';
import { withDiskFullFault } from './blobs/disk-full-fault';
import { FileBlobStore } from './blobs/fs-store';
import type { BlobStore } from './blobs/store';
import type { HqConfig } from './config';
import { startControlServer } from './control';
import { openDatabase, serverVersion, type HqDatabase } from './db/database';
import { CONTROL_SOCKET } from './db/embedded';
import { listenForRevocations } from './devices/revocation';
import { FaultPoints } from './faults';
import { privateDirSync } from './fs-modes';
import { emlFolderTransport, smtpTransport, type MailTransport } from './mail/transport';
import { MailWorker } from './mail/worker';
import { loadTls } from './tls';

function mailTransport(config: HqConfig): MailTransport {
  return config.smtpUrl
    ? smtpTransport(config.smtpUrl, config.mailFrom)
    : emlFolderTransport(config.mailDir, config.mailFrom);
}

/**
 * Where the photos are: S3-compatible object storage when S3_BUCKET is set, files under DATA_DIR otherwise.
 * The S3 store and its SDK load only then (a chunk of their own, dist/hq/s3-store.mjs): the SDK's import
 * alone costs about 0.3 s of CPU, at every start of HQ on files (issue 17).
 */
async function photoStore(config: HqConfig) {
  if (config.s3) {
    const s3 = config.s3;
    const { S3BlobStore } = await import('./blobs/s3-store');
    const blobs = new S3BlobStore(s3);
    return {
      blobs,
      description: `s3://${s3.bucket}/${s3.prefix}${s3.endpoint ? ` at ${s3.endpoint}` : ''}`,
      /** The bucket must answer (serve and mail-worker). */
      init: () => blobs.init(),
      close: () => blobs.close(),
    };
  }
  const blobs = new FileBlobStore(join(config.dataDir, 'photos'));
  return {
    blobs,
    description: blobs.dir,
    /** serve only: the one owner of the directory. */
    async init() {
      const { recovered } = await blobs.init();
      // A power cut lost the rename of photos whose bytes were durable: they are in place again.
      if (recovered.length > 0)
        console.log(`[hq] photos put in place after a crash: ${recovered.join(', ')}`);
    },
    close: () => undefined,
  };
}

function mailWorker(config: HqConfig, db: HqDatabase, blobs: BlobStore, faults?: FaultPoints) {
  const transport = mailTransport(config);
  console.log(`[hq] mail worker: ${transport.description}, from ${config.mailFrom}`);
  return new MailWorker({
    pool: db.pool,
    blobs,
    transport,
    leaseMs: config.mailLeaseMs,
    retryFirstMs: config.mailRetryFirstMs,
    faults,
    escalation: config.escalation,
  });
}

export async function serve(config: HqConfig): Promise<void> {
  const https = loadTls(config);
  privateDirSync(config.dataDir);
  const db: HqDatabase = await openDatabase({ ...config, command: 'serve' });
  const photos = await photoStore(config);
  await photos.init();
  const faults = FaultPoints.fromEnv(process.env.HQ_FAULTS, process.env.HQ_FAULT_DISK_FULL);
  const blobs = withDiskFullFault(photos.blobs, faults);
  const mail = mailWorker(config, db, blobs, faults);
  const app = buildApp(
    {
      db,
      blobs,
      maxPhotoBytes: config.maxPhotoBytes,
      authCacheMs: config.authCacheMs,
      faults,
      onMailWork: () => mail.wake(),
      deviceTokenDays: config.deviceTokenDays,
      branchPhotoQuotaBytes: config.branchPhotoQuotaBytes,
      sessionTimes: config.sessionTimes,
      consoleDir: config.consoleDir,
      statusPage: config.statusPage,
      ...(config.statusPage ? { statusPageUrl: config.publicUrl } : {}),
    },
    { limits: config.limits, https, trustProxy: config.trustProxy },
  );
  const address = await app.listen({ port: config.port, host: config.host });
  // A revocation drops the device's cached token at once: told by the admin command through the control
  // socket (embedded), or by a NOTIFY that reaches every HQ process (PostgreSQL).
  const control = db.socketDir
    ? await startControlServer(join(db.socketDir, CONTROL_SOCKET), app.deviceAuth)
    : undefined;
  const revocations = config.databaseUrl
    ? listenForRevocations(config.databaseListenUrl ?? config.databaseUrl, app.deviceAuth)
    : undefined;
  console.log(
    `[hq] listening on ${address} (database: ${db.kind} ${await serverVersion(db.pool)}${db.readPool !== db.pool ? ', reads for the console: DATABASE_READ_URL' : ''}, data: ${config.dataDir}, photos: ${photos.description})`,
  );
  mail.start(config.mailPollMs);
  const stop = async () => {
    console.log('[hq] stopping');
    await app.close();
    await control?.close();
    await revocations?.close();
    await mail.stop();
    photos.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** `mail-worker`: only the mail worker, on a database of its own owner (refused beside `serve` on PGlite). */
export async function runMailWorker(config: HqConfig): Promise<void> {
  // On the embedded database this takes its lock: refused while `serve` runs (it has a worker).
  const db = await openDatabase({ ...config, command: 'mail-worker' });
  // Only read here: the files are not recovered (serve does that); the bucket is checked.
  const photos = await photoStore(config);
  if (config.s3) await photos.init();
  const blobs = photos.blobs;
  const worker = mailWorker(config, db, blobs, FaultPoints.fromEnv(process.env.HQ_FAULTS));
  worker.start(config.mailPollMs);
  const stop = async () => {
    await worker.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
