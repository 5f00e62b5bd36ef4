import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_ESCALATION,
  ESCALATION_RANGES,
  type EscalationSettings,
} from '../shared/handling/escalation';
import { MAIL_RETRY_FIRST_MS } from '../shared/mail/policy';
import { MAX_PHOTO_BYTES } from '../shared/sync/protocol';
import { AUTH_CACHE_MS, DEVICE_TOKEN_DAYS } from './auth';
import { BRANCH_PHOTO_QUOTA_BYTES } from './blobs/quota';
import type { S3StoreConfig } from './blobs/s3-store';
import { limitsFromEnv, type HttpLimits } from './http/limit-settings';
import { DEFAULT_SESSION_TIMES, type SessionTimes } from './people/sessions';

/** HQ is configured by environment variables only (README "HQ server"). */
export interface HqConfig {
  port: number;
  host: string;
  /** PostgreSQL connection string; absent: the embedded PGlite under `dataDir`. */
  databaseUrl?: string;
  /** A read replica (hot standby) for the console's reads (hq/db/read.ts); absent: the primary. */
  databaseReadUrl?: string;
  /**
   * A direct connection for LISTEN (the device notifications), when DATABASE_URL goes through a pooler in
   * transaction mode, which cannot hold a LISTEN; absent: DATABASE_URL.
   */
  databaseListenUrl?: string;
  /** Photos in S3-compatible object storage (S3_BUCKET…); absent: files under `dataDir`. */
  s3?: S3StoreConfig;
  /** Photos, and the embedded database when there is no DATABASE_URL. */
  dataDir: string;
  maxPhotoBytes: number;
  /** How long a checked device token is trusted without asking the database; 0 turns that off. */
  authCacheMs: number;
  /** R7 mail: SMTP server as a URL (smtp://user:pass@host:587, smtps://…); absent: `.eml` files in `mailDir`. */
  smtpUrl?: string;
  mailFrom: string;
  mailDir: string;
  /** How often the mail worker looks for due jobs and passed deadlines (it is also woken by uploads). */
  mailPollMs: number;
  /** How long a worker owns a claimed job; a crashed worker's job is sent again after this. */
  mailLeaseMs: number;
  mailRetryFirstMs: number;
  /**
   * R11 (issue 15): an overdue complaint is escalated to the branch manager this many minutes after the
   * deadline (HQ_ESCALATION_MANAGER_AFTER_MIN, 0), then to the head of sales this many hours after that
   * (HQ_ESCALATION_HEAD_OF_SALES_AFTER_HOURS, 24).
   */
  escalation: EscalationSettings;
  /** Days an unused device token stays valid; 0: for ever. */
  deviceTokenDays: number;
  /** Photo bytes one branch may keep at HQ; 0: no quota. */
  branchPhotoQuotaBytes: number;
  /** Rate limits and timeouts (hq/http/limits.ts). */
  limits: HttpLimits;
  /** PEM files: HQ serves HTTPS when both are given (hq/tls.ts). */
  tls?: { certFile: string; keyFile: string };
  /** Whose X-Forwarded-For to believe (a reverse proxy in front of HQ). */
  trustProxy?: boolean | number | string;
  /** Console sessions: idle and absolute expiry (HQ_SESSION_IDLE_MIN, HQ_SESSION_MAX_HOURS). */
  sessionTimes: SessionTimes;
  /** How people reach this HQ, for the links the CLI prints (HQ_PUBLIC_URL; else its own address). */
  publicUrl: string;
  /** The built HQ console, served at /console/. */
  consoleDir: string;
  /** Issue 16: serve the public status page for the receipts' QR codes (HQ_STATUS_PAGE=on). */
  statusPage: boolean;
}

/** The console is built next to HQ's own bundle (dist/hq/main.mjs → dist/console). */
const BUILT_CONSOLE_DIR = fileURLToPath(new URL('../console', import.meta.url));

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): HqConfig {
  const port = Number(env.PORT ?? 4180);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT is not a port: "${env.PORT}"`);
  const maxPhotoBytes = Number(env.HQ_MAX_PHOTO_BYTES ?? MAX_PHOTO_BYTES);
  const dataDir = resolve(env.DATA_DIR ?? '.otklik-data/hq');
  const host = env.HOST ?? '127.0.0.1';
  const tls = tlsFiles(env);
  const ownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL || undefined,
    ...(env.DATABASE_READ_URL ? { databaseReadUrl: env.DATABASE_READ_URL } : {}),
    ...(env.DATABASE_LISTEN_URL ? { databaseListenUrl: env.DATABASE_LISTEN_URL } : {}),
    ...s3Store(env),
    dataDir,
    maxPhotoBytes,
    authCacheMs: nonNegative('HQ_AUTH_CACHE_MS', env.HQ_AUTH_CACHE_MS, AUTH_CACHE_MS),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Otklik <otklik@localhost>',
    mailDir: resolve(dataDir, env.MAIL_DIR ?? 'mail'),
    mailPollMs: positive('MAIL_POLL_MS', env.MAIL_POLL_MS, 5_000),
    mailLeaseMs: positive('MAIL_LEASE_MS', env.MAIL_LEASE_MS, 10 * 60_000),
    mailRetryFirstMs: positive('MAIL_RETRY_FIRST_MS', env.MAIL_RETRY_FIRST_MS, MAIL_RETRY_FIRST_MS),
    escalation: {
      branchManagerAfterMinutes: inRange(
        'HQ_ESCALATION_MANAGER_AFTER_MIN',
        env.HQ_ESCALATION_MANAGER_AFTER_MIN,
        DEFAULT_ESCALATION.branchManagerAfterMinutes,
        ESCALATION_RANGES.branchManagerAfterMinutes,
      ),
      headOfSalesAfterHours: inRange(
        'HQ_ESCALATION_HEAD_OF_SALES_AFTER_HOURS',
        env.HQ_ESCALATION_HEAD_OF_SALES_AFTER_HOURS,
        DEFAULT_ESCALATION.headOfSalesAfterHours,
        ESCALATION_RANGES.headOfSalesAfterHours,
      ),
    },
    deviceTokenDays: wholeNonNegative('HQ_DEVICE_TOKEN_DAYS', env.HQ_DEVICE_TOKEN_DAYS, DEVICE_TOKEN_DAYS),
    branchPhotoQuotaBytes: wholeNonNegative(
      'HQ_BRANCH_PHOTO_QUOTA_BYTES',
      env.HQ_BRANCH_PHOTO_QUOTA_BYTES,
      BRANCH_PHOTO_QUOTA_BYTES,
    ),
    limits: limitsFromEnv(env),
    consoleDir: resolve(env.HQ_CONSOLE_DIR || BUILT_CONSOLE_DIR),
    statusPage: onOff('HQ_STATUS_PAGE', env.HQ_STATUS_PAGE),
    ...tls,
    ...trustProxy(env.HQ_TRUST_PROXY),
    sessionTimes: {
      idleMs:
        positive(
          'HQ_SESSION_IDLE_MIN',
          env.HQ_SESSION_IDLE_MIN,
          DEFAULT_SESSION_TIMES.idleMs / 60_000,
          'minutes',
        ) * 60_000,
      maxMs:
        positive(
          'HQ_SESSION_MAX_HOURS',
          env.HQ_SESSION_MAX_HOURS,
          DEFAULT_SESSION_TIMES.maxMs / 3_600_000,
          'hours',
        ) * 3_600_000,
    },
    publicUrl: (env.HQ_PUBLIC_URL || `${tls.tls ? 'https' : 'http'}://${ownHost}:${port}`).replace(
      /\/+$/,
      '',
    ),
  };
}

function s3Store(env: NodeJS.ProcessEnv): Pick<HqConfig, 's3'> {
  const bucket = env.S3_BUCKET || undefined;
  const set = ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].filter((name) => env[name]);
  if (!bucket) {
    if (set.length > 0) throw new Error(`${set.join(', ')} given without S3_BUCKET: set the bucket too`);
    return {};
  }
  const accessKeyId = env.S3_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY || undefined;
  if (!accessKeyId !== !secretAccessKey)
    throw new Error('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together (or neither: the AWS chain)');
  const pathStyle = (env.S3_FORCE_PATH_STYLE ?? '').toLowerCase();
  if (!['', 'true', 'false', '1', '0'].includes(pathStyle))
    throw new Error('S3_FORCE_PATH_STYLE must be true or false');
  const prefix = env.S3_PREFIX ?? 'photos/';
  if (prefix.startsWith('/')) throw new Error('S3_PREFIX is a key prefix such as "photos/" (no leading /)');
  return {
    s3: {
      bucket,
      ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
      region: env.S3_REGION || env.AWS_REGION || 'us-east-1',
      forcePathStyle: pathStyle === 'true' || pathStyle === '1',
      prefix,
      ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
    },
  };
}

function tlsFiles(env: NodeJS.ProcessEnv): Pick<HqConfig, 'tls'> {
  const cert = env.TLS_CERT || undefined;
  const key = env.TLS_KEY || undefined;
  if (!cert && !key) return {};
  if (!cert || !key) throw new Error('HTTPS needs both TLS_CERT and TLS_KEY (PEM files)');
  return { tls: { certFile: resolve(cert), keyFile: resolve(key) } };
}

/** `true` (every proxy), a number of proxy hops, or addresses / CIDR ranges separated by commas. */
function trustProxy(value: string | undefined): Pick<HqConfig, 'trustProxy'> {
  if (value === undefined || value === '' || value === 'false') return {};
  if (value === 'true') return { trustProxy: true };
  if (/^\d+$/.test(value)) return { trustProxy: Number(value) };
  return { trustProxy: value };
}

function wholeNonNegative(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be 0 or a positive whole number`);
  return n;
}

function inRange(
  name: string,
  value: string | undefined,
  fallback: number,
  range: { min: number; max: number },
): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max)
    throw new Error(`${name} must be a whole number from ${range.min} to ${range.max}`);
  return n;
}

function positive(name: string, value: string | undefined, fallback: number, unit = 'milliseconds'): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number of ${unit}`);
  return n;
}

function nonNegative(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be 0 or a positive number of milliseconds`);
  return n;
}

function onOff(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'off') return false;
  if (value === 'on') return true;
  throw new Error(`${name} must be "on" or "off", not "${value}"`);
}
