import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * The embedded default: PGlite (PostgreSQL in WebAssembly) with its data directory on disk, served on a
 * loopback port through pglite-socket, so HQ talks to it with the same `pg` driver code as to PostgreSQL.
 *
 * PGlite runs in a worker thread of HQ's process, not on HQ's own thread: each statement is WebAssembly
 * plus synchronous file access, and on the main thread it held up every request in flight — photo uploads
 * streaming their bytes above all (R23, issue 5 benchmark). The worker is a few lines of CommonJS given as
 * text, so it runs the same from the TypeScript sources (tests) and from the built server; the two modules
 * it loads are resolved here, from HQ's own node_modules.
 */
export interface EmbeddedDatabase {
  url: string;
  close(): Promise<void>;
}

const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { PGlite } = require(workerData.pglite);
  const { PGLiteSocketServer } = require(workerData.socket);
  const db = await PGlite.create({ dataDir: workerData.dir });
  // PGlite runs one query at a time; a few connections let a CLI command in while the server runs.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
  await server.start();
  parentPort.once('message', async () => {
    try {
      await server.stop();
      await db.close();
      parentPort.postMessage({ closed: true });
    } catch (error) {
      parentPort.postMessage({ error: String((error && error.stack) || error) });
    }
  });
  parentPort.postMessage({ conn: server.getServerConn() });
})().catch((error) => parentPort.postMessage({ error: String((error && error.stack) || error) }));
`;

type ThreadMessage = { conn: string } | { closed: true } | { error: string };

export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  const dir = join(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const require = createRequire(import.meta.url);
  const worker = new Worker(THREAD, {
    eval: true,
    workerData: {
      dir,
      pglite: require.resolve('@electric-sql/pglite'),
      socket: require.resolve('@electric-sql/pglite-socket'),
    },
  });
  let closing = false;
  const next = () =>
    new Promise<ThreadMessage>((resolve, reject) => {
      const settle = (done: () => void) => {
        worker.off('error', onError).off('exit', onExit).off('message', onMessage);
        done();
      };
      const onError = (error: Error) => settle(() => reject(error));
      const onExit = (code: number) =>
        settle(() => reject(new Error(`the embedded database stopped (exit code ${code})`)));
      const onMessage = (message: ThreadMessage) => settle(() => resolve(message));
      worker.on('error', onError).on('exit', onExit).on('message', onMessage);
    });
  const started = await next().catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  if (!('conn' in started)) {
    await worker.terminate();
    throw new Error(`the embedded database did not start: ${'error' in started ? started.error : '?'}`);
  }
  // Should it die while HQ runs, every query fails with a connection error; the log says why.
  worker.on('error', (error) => console.error('[hq] embedded database failed:', error));
  worker.on('exit', (code) => {
    if (!closing) console.error(`[hq] embedded database stopped unexpectedly (exit code ${code})`);
  });
  return {
    url: `postgresql://postgres@${started.conn}/postgres?sslmode=disable`,
    async close() {
      if (closing) return;
      closing = true;
      const done = next();
      worker.postMessage('close');
      const answer = await done.catch((error: unknown) => ({ error: String(error) }));
      await worker.terminate();
      if ('error' in answer) throw new Error(`the embedded database did not close cleanly: ${answer.error}`);
    },
  };
}
