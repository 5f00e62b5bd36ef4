import { resolve } from 'node:path';
import { MAX_PHOTO_BYTES } from '../shared/sync/protocol';
import { AUTH_CACHE_MS } from './auth';

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
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): HqConfig {
  const port = Number(env.PORT ?? 4180);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT is not a port: "${env.PORT}"`);
  const maxPhotoBytes = Number(env.HQ_MAX_PHOTO_BYTES ?? MAX_PHOTO_BYTES);
  const dataDir = resolve(env.DATA_DIR ?? '.otklik-data/hq');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    maxPhotoBytes,
    authCacheMs: nonNegative('HQ_AUTH_CACHE_MS', env.HQ_AUTH_CACHE_MS, AUTH_CACHE_MS),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Otklik <otklik@localhost>',
    mailDir: resolve(dataDir, env.MAIL_DIR ?? 'mail'),
    mailPollMs: positive('MAIL_POLL_MS', env.MAIL_POLL_MS, 5_000),
    mailLeaseMs: positive('MAIL_LEASE_MS', env.MAIL_LEASE_MS, 10 * 60_000),
  };
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number of milliseconds`);
  return n;
}

function nonNegative(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be 0 or a positive number of milliseconds`);
  return n;
}
