import pg from 'pg';
import type { DeviceAuthCache } from '../auth';
import { DEVICE_CHANNEL } from './registry';

/**
 * On PostgreSQL, every HQ process listens for changes to device tokens (issue 13, ARCHITECTURE "HQ at
 * scale": auth-cache invalidation across processes): a trigger on `devices` notifies in the transaction
 * that revokes, expires, moves or removes a device or changes its token, whoever makes it (migration 008),
 * and each process drops the device from its auth cache the moment that commits. While the listening connection is down a
 * notification can be missed, so every (re)connection starts by forgetting every cached token.
 */
export function listenForRevocations(
  connectionString: string,
  cache: DeviceAuthCache,
  log: (message: string) => void = (m) => console.error(m),
): { ready: Promise<void>; close(): Promise<void> } {
  let listening!: () => void;
  const ready = new Promise<void>((resolve) => (listening = resolve));
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let delay = 500;

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString });
    client = c;
    c.on('notification', (n) => {
      if (n.channel === DEVICE_CHANNEL && n.payload) cache.forgetDevice(n.payload);
    });
    c.on('error', (error) => lost(c, error));
    c.on('end', () => lost(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${DEVICE_CHANNEL}`);
      cache.forgetAll();
      delay = 500;
      listening();
    } catch (error) {
      lost(c, error as Error);
    }
  };

  const lost = (c: pg.Client, error?: Error) => {
    if (closed || client !== c) return;
    client = undefined;
    cache.forgetAll();
    if (error) log(`[hq] device revocation channel lost (${error.message}); reconnecting`);
    c.end().catch(() => undefined);
    retry = setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, 30_000);
  };

  void connect();
  return {
    /** Resolves once the first LISTEN is in place (tests wait for it). */
    ready,
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
