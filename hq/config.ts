import { resolve } from 'node:path';
import { MAX_PHOTO_BYTES } from '../shared/sync/protocol';

/** HQ is configured by environment variables only (README "HQ server"). */
export interface HqConfig {
  port: number;
  host: string;
  /** PostgreSQL connection string; absent: the embedded PGlite under `dataDir`. */
  databaseUrl?: string;
  /** Photos, and the embedded database when there is no DATABASE_URL. */
  dataDir: string;
  maxPhotoBytes: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): HqConfig {
  const port = Number(env.PORT ?? 4180);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT is not a port: "${env.PORT}"`);
  const maxPhotoBytes = Number(env.HQ_MAX_PHOTO_BYTES ?? MAX_PHOTO_BYTES);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR ?? '.otklik-data/hq'),
    maxPhotoBytes,
  };
}
