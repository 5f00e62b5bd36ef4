import { resolve } from 'node:path';
import { MAX_PHOTO_BYTES } from '../shared/sync/protocol';
import { AUTH_CACHE_MS, DEVICE_TOKEN_DAYS } from './auth';
import { BRANCH_PHOTO_QUOTA_BYTES } from './blobs/quota';
import { limitsFromEnv, type HttpLimits } from './http/limits';
import { DEFAULT_SESSION_TIMES, type SessionTimes } from './people/sessions';

/** HQ is configured by environment variables only (README "HQ server"). */
export interface HqConfig {
  port: number;
  host: string;
  /** PostgreSQL connection string; absent: the embedded PGlite under `dataDir`. */
  databaseUrl?: string;
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
}

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
    dataDir,
    maxPhotoBytes,
    authCacheMs: nonNegative('HQ_AUTH_CACHE_MS', env.HQ_AUTH_CACHE_MS, AUTH_CACHE_MS),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Otklik <otklik@localhost>',
    mailDir: resolve(dataDir, env.MAIL_DIR ?? 'mail'),
    mailPollMs: positive('MAIL_POLL_MS', env.MAIL_POLL_MS, 5_000),
    mailLeaseMs: positive('MAIL_LEASE_MS', env.MAIL_LEASE_MS, 10 * 60_000),
    deviceTokenDays: wholeNonNegative('HQ_DEVICE_TOKEN_DAYS', env.HQ_DEVICE_TOKEN_DAYS, DEVICE_TOKEN_DAYS),
    branchPhotoQuotaBytes: wholeNonNegative(
      'HQ_BRANCH_PHOTO_QUOTA_BYTES',
      env.HQ_BRANCH_PHOTO_QUOTA_BYTES,
      BRANCH_PHOTO_QUOTA_BYTES,
    ),
    limits: limitsFromEnv(env),
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
