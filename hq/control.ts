import { chmodSync } from 'node:fs';
import http from 'node:http';
import { PRIVATE_FILE } from './fs-modes';

/**
 * The control socket of a running HQ on the embedded database (issue 13): a Unix socket beside the
 * database's, in the same private directory, through which an admin command tells the server what a change
 * it made in the database means for the server's memory. Today: a revoked device's token is forgotten at
 * once (the auth cache would trust it for HQ_AUTH_CACHE_MS otherwise). On PostgreSQL the same news travels
 * as a NOTIFY (hq/devices/revocation.ts), to every HQ process.
 */
export interface ControlHandlers {
  forgetDevice(deviceId: string): void;
}

const FORGET = /^\/devices\/([0-9a-fA-F-]{36})\/forget$/;

export async function startControlServer(
  path: string,
  handlers: ControlHandlers,
): Promise<{ close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const match = FORGET.exec(request.url ?? '');
    if (request.method === 'POST' && match) {
      handlers.forgetDevice(match[1]!.toLowerCase());
      response.writeHead(204).end();
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, PRIVATE_FILE);
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * Tells the running server that a device's token must be forgotten. False when no server listens there
 * (a mail worker or another admin command holds the database: none of them caches tokens).
 */
export function tellServerToForget(path: string, deviceId: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { socketPath: path, method: 'POST', path: `/devices/${deviceId}/forget`, timeout: 10_000 },
      (response) => {
        response.resume();
        if (response.statusCode === 204) resolve(true);
        else reject(new Error(`the running HQ answered ${response.statusCode}`));
      },
    );
    request.on('timeout', () => request.destroy(new Error('the running HQ did not answer')));
    request.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' || error.code === 'ECONNREFUSED' ? resolve(false) : reject(error),
    );
    request.end();
  });
}
