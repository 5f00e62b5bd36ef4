import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PGliteOptions } from '@electric-sql/pglite';
import { PRIVATE_FILE, privateDirSync } from '../fs-modes';
import { acquireLock, LOCK_FILE } from './lock';

/**
 * The embedded default: PGlite (PostgreSQL in WebAssembly) with its data directory on disk, served through
 * pglite-socket, so HQ talks to it with the same `pg` driver code as to PostgreSQL.
 *
 * Issue 13: PGlite accepts anyone who connects, as superuser, without a password. So it is served on a Unix
 * socket in a directory only HQ's user may enter (socket 0600, directory 0700), never on a TCP port — except
 * on Windows, where `pg` cannot reach a named pipe: there it stays on loopback (use PostgreSQL for production
 * on Windows). Only one process opens the data directory at a time (lock.ts).
 *
 * PGlite runs in a worker thread of HQ's process, not on HQ's own thread: each statement is WebAssembly
 * plus synchronous file access, and on the main thread it held up every request in flight — photo uploads
 * streaming their bytes above all (R23, issue 5 benchmark). The worker is a few lines of CommonJS given as
 * text, so it runs the same from the TypeScript sources (tests) and from the built server; the two modules
 * it loads are resolved here, from HQ's own node_modules.
 */
export interface EmbeddedDatabase {
  /** `pg` connection settings: `host` is the socket's directory (or 127.0.0.1 on Windows). */
  connection: EmbeddedConnection;
  /** The private directory of the database's socket (and of the control socket); none on Windows. */
  socketDir?: string;
  /** Whether the database thread runs on the process's compiled PGlite program (pgliteModules), not its own. */
  sharedProgram: boolean;
  /** How many times the database synced a file to disk so far (each commit syncs the WAL: R22, R23). */
  syncs(): Promise<number>;
  close(): Promise<void>;
}

export interface EmbeddedConnection {
  host: string;
  port: number;
  user: string;
  database: string;
}

/** `pg` looks for `<host>/.s.PGSQL.<port>` when `host` is a directory. */
export const SOCKET_PORT = 5432;
const SOCKET_NAME = `.s.PGSQL.${SOCKET_PORT}`;
/** The control socket of a running `serve` (hq/control.ts), beside the database's. */
export const CONTROL_SOCKET = 'control.sock';
/** A Unix socket path is limited to about 104 bytes (macOS; 108 on Linux). */
const MAX_SOCKET_PATH = 100;

export function embeddedConnection(socketDir: string): EmbeddedConnection {
  return { host: socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres' };
}

/** `<DATA_DIR>/run`, or a private temporary directory when that path is too long for a socket. */
function socketDirFor(dataDir: string): { dir: string; temporary: boolean } {
  const dir = join(dataDir, 'run');
  const longest = Math.max(SOCKET_NAME.length, CONTROL_SOCKET.length) + 1;
  if (Buffer.byteLength(dir) + longest <= MAX_SOCKET_PATH) return { dir, temporary: false };
  return { dir: mkdtempSync(join(tmpdir(), 'otklik-hq-')), temporary: true };
}

const THREAD = `
const { closeSync, existsSync, fsyncSync, openSync, readdirSync, writeSync } = require('node:fs');
const { join } = require('node:path');
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { PGlite } = require(workerData.pglite);
  const { NodeFS } = require(workerData.nodefs);
  const { PGLiteSocketServer } = require(workerData.socket);
  // Durable commits (R22, R23): PGlite starts PostgreSQL with fsync off (-F), and its file system on disk
  // (Emscripten's NODEFS) passes no sync on to the disk: fsync() succeeds without one, fdatasync() too.
  // So fsync on, the WAL synced with fsync(), and NODEFS given an fsync that syncs the file or directory
  // (it opens both on the disk). A sync that fails cannot be told to PostgreSQL in a way it survives
  // (PGlite drops an exception thrown in the middle of a commit): the thread ends at once, before the
  // commit is answered, and every query fails until HQ starts again and replays the log, as PostgreSQL
  // itself stops when a sync fails.
  let syncs = 0;
  const sync = (fd) => {
    try {
      fsyncSync(fd);
      syncs += 1;
    } catch (error) {
      writeSync(2, '[hq] the embedded database could not sync to disk, it stops: ' + String(error) + '\\n');
      process.exit(1);
    }
  };
  class DurableNodeFS extends NodeFS {
    async init(pg, options) {
      const init = await super.init(pg, options);
      const durable = (mod) => {
        mod.FS.filesystems.NODEFS.stream_ops.fsync = (stream) => {
          if (stream.nfd !== undefined) sync(stream.nfd);
          return 0;
        };
      };
      const preRun = init.emscriptenOpts.preRun || [];
      return { ...init, emscriptenOpts: { ...init.emscriptenOpts, preRun: [...preRun, durable] } };
    }
  }
  // A new database is unpacked into its folder without a sync: it is synced once, every file and folder.
  const syncTree = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true }))
      if (entry.isDirectory()) syncTree(join(path, entry.name));
      else if (entry.isFile()) syncPath(join(path, entry.name), false);
    syncPath(path, true);
  };
  const syncPath = (path, folder) => {
    let fd;
    try {
      fd = openSync(path, 'r');
    } catch (error) {
      // Windows opens no folder: left out there, as PostgreSQL leaves out a folder it cannot open.
      if (folder && ['EISDIR', 'EPERM', 'EACCES'].includes(error && error.code)) return;
      throw error;
    }
    try {
      sync(fd);
    } finally {
      closeSync(fd);
    }
  };
  const created = !existsSync(join(workerData.dir, 'PG_VERSION'));
  const db = await PGlite.create({
    fs: new DurableNodeFS(workerData.dir),
    startParams: [
      ...PGlite.defaultStartParams.filter((param) => param !== '-F'),
      ...['-c', 'fsync=on', '-c', 'wal_sync_method=fsync'],
      ...(workerData.sharedBuffers ? ['-c', 'shared_buffers=' + workerData.sharedBuffers] : []),
    ],
    ...workerData.modules,
  });
  if (created) syncTree(workerData.dir);
  // PGlite runs one query at a time; a few connections let a CLI command in while the server runs.
  const where = workerData.path ? { path: workerData.path } : { host: '127.0.0.1', port: 0 };
  const server = new PGLiteSocketServer({ db, ...where, maxConnections: 8 });
  await server.start();
  parentPort.on('message', async (message) => {
    if (message === 'syncs') return parentPort.postMessage({ syncs });
    try {
      await server.stop();
      await db.close();
      parentPort.postMessage({ closed: true });
    } catch (error) {
      parentPort.postMessage({ error: String((error && error.stack) || error) });
    }
  });
  parentPort.postMessage({ conn: server.getServerConn(), shared: Boolean(workerData.modules) });
})().catch((error) => parentPort.postMessage({ error: String((error && error.stack) || error) }));
`;

type ThreadMessage =
  { conn: string; shared: boolean } | { closed: true } | { syncs: number } | { error: string };

/** PGlite's two programs, compiled (options of PGlite.create). */
type PgliteModules = Required<Pick<PGliteOptions, 'pgliteWasmModule' | 'initdbWasmModule'>>;
/** Node's WebAssembly, which HQ's types (Node's own, no DOM) do not declare. */
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<PgliteModules['pgliteWasmModule']> };
let compiled: Promise<PgliteModules | undefined> | undefined;

/**
 * PGlite's WebAssembly, compiled once per process and handed to each database thread (issue 17: CI time).
 * A thread compiles the 9 MB program anew otherwise: about 1 CPU-s of the 1.5 a start costs, paid at every
 * start by the integration suite, which starts HQ on PGlite dozens of times in each of its processes. V8
 * shares a compiled module, and the code it optimises later, between the threads it is given to.
 */
function pgliteModules(entry: string): Promise<PgliteModules | undefined> {
  compiled ??= compilePgliteModules(dirname(entry)).then((modules) => {
    // Not remembered when it failed (out of file handles, say): the next start tries again.
    if (!modules) compiled = undefined;
    return modules;
  });
  return compiled;
}

/**
 * The two programs of the PGlite package in `dir`; undefined if they cannot be read or compiled here: the
 * thread then loads them itself, as PGlite does by default (and fails there with PGlite's own message).
 */
export async function compilePgliteModules(dir: string): Promise<PgliteModules | undefined> {
  try {
    const compile = async (name: string) => WebAssembly.compile(await readFile(join(dir, name)));
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all([
      compile('pglite.wasm'),
      compile('initdb.wasm'),
    ]);
    return { pgliteWasmModule, initdbWasmModule };
  } catch (error) {
    console.warn(
      `[hq] PGlite's WebAssembly was not compiled ahead (${String(error)}); the database compiles it`,
    );
    return undefined;
  }
}

/**
 * HQ_EMBEDDED_SHARED_BUFFERS: the embedded database's buffer cache (PostgreSQL's `shared_buffers`, whose
 * 128MB it keeps by default), in kB, MB or GB. PGlite clears the whole cache when it starts, which costs a
 * start 75 ms of CPU at 128MB (340 against 265 ms to open the tests' migrated database) and 128 MB of
 * memory: the tests' short-lived HQs take 16MB (tests/hq-node.ts), a small machine may too.
 */
export function embeddedSharedBuffers(value = process.env.HQ_EMBEDDED_SHARED_BUFFERS): string | undefined {
  if (value === undefined || value === '') return undefined;
  const size = /^([1-9][0-9]{0,6})(kB|MB|GB)$/.exec(value);
  // PostgreSQL's least: 128kB (16 pages of 8 kB).
  if (!size || (size[2] === 'kB' && Number(size[1]) < 128))
    throw new Error(
      `HQ_EMBEDDED_SHARED_BUFFERS=${value}: a size such as 128MB (kB, MB or GB; 128kB at least)`,
    );
  return value;
}

export async function startEmbeddedDatabase(
  dataDir: string,
  options: { command?: string } = {},
): Promise<EmbeddedDatabase> {
  const sharedBuffers = embeddedSharedBuffers();
  privateDirSync(dataDir);
  const dir = join(dataDir, 'pglite');
  privateDirSync(dir);
  const socket = process.platform === 'win32' ? undefined : socketDirFor(dataDir);
  const dropSocketDir = () => {
    if (socket?.temporary) rmSync(socket.dir, { recursive: true, force: true });
  };
  let lock;
  try {
    if (socket) privateDirSync(socket.dir);
    lock = await acquireLock(join(dataDir, LOCK_FILE), {
      command: options.command ?? 'hq',
      ...(socket ? { socketDir: socket.dir } : {}),
    });
  } catch (error) {
    dropSocketDir();
    throw error;
  }
  const held = lock;
  const socketPath = socket && join(socket.dir, SOCKET_NAME);
  const cleanUp = async () => {
    if (socket) {
      rmSync(join(socket.dir, SOCKET_NAME), { force: true });
      rmSync(join(socket.dir, CONTROL_SOCKET), { force: true });
    }
    dropSocketDir();
    await held.release();
  };
  // Left by a process that was killed: the lock is ours, so nobody is listening on them.
  if (socket) {
    rmSync(join(socket.dir, SOCKET_NAME), { force: true });
    rmSync(join(socket.dir, CONTROL_SOCKET), { force: true });
  }
  const require = createRequire(import.meta.url);
  const pglite = require.resolve('@electric-sql/pglite');
  const worker = new Worker(THREAD, {
    eval: true,
    workerData: {
      dir,
      path: socketPath,
      pglite,
      nodefs: require.resolve('@electric-sql/pglite/nodefs'),
      socket: require.resolve('@electric-sql/pglite-socket'),
      modules: await pgliteModules(pglite),
      sharedBuffers,
    },
  });
  let closing = false;
  let exited = false;
  /** The thread's next message that `wanted` accepts (the others go to whoever waits for them). */
  const next = (wanted: (message: ThreadMessage) => boolean = () => true) =>
    new Promise<ThreadMessage>((resolve, reject) => {
      const settle = (done: () => void) => {
        worker.off('error', onError).off('exit', onExit).off('message', onMessage);
        done();
      };
      const onError = (error: Error) => settle(() => reject(error));
      const onExit = (code: number) =>
        settle(() => reject(new Error(`the embedded database stopped (exit code ${code})`)));
      const onMessage = (message: ThreadMessage) => {
        if (wanted(message)) settle(() => resolve(message));
      };
      worker.on('error', onError).on('exit', onExit).on('message', onMessage);
    });
  const started = await next().catch(async (error: unknown) => {
    await worker.terminate();
    await cleanUp();
    throw error;
  });
  if (!('conn' in started)) {
    await worker.terminate();
    await cleanUp();
    throw new Error(`the embedded database did not start: ${'error' in started ? started.error : '?'}`);
  }
  // Created with the process's umask; only HQ's user may connect (its directory is private too).
  if (socketPath) chmodSync(socketPath, PRIVATE_FILE);
  // Should it die while HQ runs, every query fails with a connection error; the log says why.
  worker.on('error', (error) => console.error('[hq] embedded database failed:', error));
  worker.on('exit', (code) => {
    exited = true;
    if (!closing) console.error(`[hq] embedded database stopped unexpectedly (exit code ${code})`);
  });
  const [host, port] = started.conn.split(/:(?=\d+$)/);
  return {
    connection: socket
      ? embeddedConnection(socket.dir)
      : { host: host!, port: Number(port), user: 'postgres', database: 'postgres' },
    ...(socket ? { socketDir: socket.dir } : {}),
    sharedProgram: started.shared,
    async syncs() {
      if (closing || exited) throw new Error('the embedded database is closed');
      const answer = next((message) => 'syncs' in message || 'error' in message);
      worker.postMessage('syncs');
      const reply = await answer;
      if (!('syncs' in reply)) throw new Error('the embedded database did not say how often it synced');
      return reply.syncs;
    },
    async close() {
      if (closing) return;
      closing = true;
      const done = next((message) => 'closed' in message || 'error' in message);
      worker.postMessage('close');
      const answer = await done.catch((error: unknown) => ({ error: String(error) }));
      await worker.terminate();
      await cleanUp();
      if ('error' in answer) throw new Error(`the embedded database did not close cleanly: ${answer.error}`);
    },
  };
}
