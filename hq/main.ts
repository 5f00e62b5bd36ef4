// HQ's command line: `serve` (the default) runs the server; the other commands administer the database
// it is configured for (DATABASE_URL, or the embedded PGlite under DATA_DIR — through the running server
// when there is one). See the README, "HQ server".
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from './app';
import { auditCommand } from './audit/commands';
import { withDiskFullFault } from './blobs/disk-full-fault';
import { FileBlobStore } from './blobs/fs-store';
import { branchCommand } from './branches/commands';
import { policyCommand } from './branches/policy-commands';
import { transitionCommand } from './complaints/commands';
import type { BlobStore } from './blobs/store';
import { configFromEnv, type HqConfig } from './config';
import { startControlServer } from './control';
import { adminConnection } from './db/admin-connection';
import { openDatabase, serverVersion, type HqDatabase } from './db/database';
import { CONTROL_SOCKET } from './db/embedded';
import { devicesCommand } from './devices/commands';
import { listenForRevocations } from './devices/revocation';
import { FaultPoints } from './faults';
import { privateDirSync } from './fs-modes';
import { emlFolderTransport, smtpTransport, type MailTransport } from './mail/transport';
import { formatMailReport, unsentMailJobs } from './mail/status';
import { MailWorker } from './mail/worker';
import { demoUsersCommand, userCommand } from './people/commands';
import { loadTls } from './tls';

const USAGE = `Usage: npm run hq -- [command] [options]

  serve                      run HQ (default). Environment: PORT (4180), HOST (127.0.0.1),
                             DATABASE_URL (PostgreSQL; absent: embedded PGlite under DATA_DIR),
                             DATA_DIR (.otklik-data/hq: photos and the embedded database)
                             HQ_AUTH_CACHE_MS (5000: how long a checked device token is trusted),
                             TLS_CERT + TLS_KEY (PEM files: serve HTTPS), HQ_TRUST_PROXY, limits:
                             see the README, "Security"
  enroll --branch CODE       create or update a branch and print a one-time enrollment code
         [--name N] [--country RU|UA|CZ|KR] [--time-zone Z] [--language ru|uk|en|cs|ko]
         [--manager-name N] [--manager-email E] [--head-of-sales-name N] [--head-of-sales-email E]
         [--address A] [--phone P] [--hours H]   (printed on the branch's documents)
  transition --complaint NUMBER --to STATUS --actor NAME [--reason R]
                             change a complaint's status at HQ (the branch sees it after its next sync)
  directory --branch CODE [same field options as enroll]
                             update a branch's directory entry (manager, head of sales…) without
                             issuing a code; the branch receives it with its next sync
  policy show [--branch CODE] | policy set --company|--branch CODE --json '{…}'
                             the policies HQ sets (consideration policy, calendar extras, warning lead,
                             office hours, approval thresholds, escalation delays, what a branch may
                             override); set replaces that layer; branches get it with their next sync
  policy company-name --name N
                             the company's name, used in the phone greeting at every branch
  user add --email E --name N --role admin|head_of_sales|manager|auditor [--branches MSK-01,…]
                             create an HQ user and print their one-time set-password link (the first
                             admin is created this way); user list [--json]; user disable|enable|link
                             --user EMAIL|ID
  audit [--since DATE] [--limit N] [--json]
                             the append-only audit of HQ actions: who, when, what, before and after
  Every change above is audited; --actor NAME names who ran it (else the operating-system user).
  mail-worker                only the mail worker (R7): sends the mail queue, escalates overdue
                             entries. Any number may run beside the servers on PostgreSQL (DATABASE_URL);
                             the embedded database has one owner, and \`serve\` runs a worker itself.
                             Environment: SMTP_URL (absent: .eml files in DATA_DIR/mail), MAIL_FROM,
                             MAIL_POLL_MS (5000), MAIL_LEASE_MS (600000),
                             MAIL_RETRY_FIRST_MS (30000). \`serve\` runs one too.
  mail-status [--json]       list the mail jobs not sent yet: waiting for photos, no manager address,
                             retrying (with the last error) or failed for good (with the server's reason)
  devices [--branch CODE] [--json]
                             the enrolled workstations: branch, state, enrolled, last seen, revoked
  revoke --device ID         revoke a workstation's token at once (it must enroll again)
  migrate                    apply database migrations and exit

The embedded database (no DATABASE_URL) has one owner at a time: while \`serve\` runs, the other commands
go through it; a second \`serve\` or \`mail-worker\` on the same DATA_DIR is refused.
`;

/** While the embedded server runs, the CLI reaches its database through it (PGlite has one owner). */
const adminPool = (config: HqConfig, command: string) => adminConnection(config, command);

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

async function serve(config: HqConfig): Promise<void> {
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

async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv[0]?.startsWith('-') ? ['serve', ...argv] : argv;
  const config = configFromEnv();
  if (command === 'help' || rest.includes('--help')) {
    console.log(USAGE);
    return;
  }
  if (command === 'serve') return serve(config);
  if (command === 'mail-worker') {
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
    return;
  }
  if (command === 'mail-status') {
    const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
    const { pool, close } = await adminPool(config, command);
    try {
      const jobs = await unsentMailJobs(pool);
      console.log(values.json ? JSON.stringify(jobs, null, 2) : formatMailReport(jobs));
    } finally {
      await close();
    }
    return;
  }
  if (command === 'devices' || command === 'revoke') return devicesCommand(command, rest, config);
  if (command === 'migrate') {
    const { close } = await adminPool(config, command);
    await close();
    console.log('[hq] database is up to date');
    return;
  }
  if (command === 'enroll' || command === 'directory') return branchCommand(command, rest, config);
  if (command === 'policy') return policyCommand(rest, config);
  if (command === 'transition') return transitionCommand(rest, config);
  if (command === 'user') return userCommand(rest, config);
  if (command === 'demo-users') return demoUsersCommand(rest, config);
  if (command === 'audit') return auditCommand(rest, config);
  console.error(USAGE);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`[hq] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
