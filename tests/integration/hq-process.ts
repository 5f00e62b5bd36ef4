import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { HQ_NODE_FLAGS } from '../hq-node';

/**
 * HQ as real processes for the scale-out tests (issue 17): the production bundle built into its own folder,
 * `serve` started with the environment an operator would give it, a fresh PostgreSQL database.
 */
export const root = join(import.meta.dirname, '../..');

/**
 * Builds dist/hq/main.mjs into `outDir`: the suite's global set-up builds it once (`inject('hqMain')`), in a
 * folder of its own beside dist/hq, which the build step may be rewriting meanwhile.
 */
export function buildHq(outDir: string): string {
  const built = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'vite.hq.config.ts',
      '--outDir',
      outDir,
      '--logLevel',
      'warn',
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (built.status !== 0) throw new Error(`build: ${built.stderr}`);
  return join(outDir, 'main.mjs');
}

export class HqProcess {
  output = '';
  url = '';
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(main: string, env: Record<string, string>) {
    this.child = spawn(process.execPath, [...HQ_NODE_FLAGS, main, 'serve'], {
      cwd: root,
      env: { ...process.env, PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const onData = (chunk: Buffer) => (this.output += chunk.toString());
    this.child.stdout!.on('data', onData);
    this.child.stderr!.on('data', onData);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** The first match of `pattern` in what HQ printed, waiting for it (the process must stay up). */
  async waitFor(pattern: RegExp, ms = 90_000): Promise<RegExpExecArray> {
    const until = Date.now() + ms;
    for (;;) {
      const match = pattern.exec(this.output);
      if (match) return match;
      if (Date.now() > until || this.child.exitCode !== null)
        throw new Error(`HQ: no ${pattern} in:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async ready(ms = 90_000): Promise<this> {
    this.url = (await this.waitFor(/listening on (http:\/\/\S+) /, ms))[1]!;
    return this;
  }

  async stop(): Promise<void> {
    await this.kill('SIGTERM');
  }

  /** SIGKILL by default: a power cut, no chance to finish a request or to clean up. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill(signal);
    await this.exited;
  }
}

/** An admin command of the bundle (asynchronous: the test's own servers keep answering meanwhile). */
export function hqCli(
  main: string,
  env: Record<string, string>,
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...HQ_NODE_FLAGS, main, ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * A fresh database on the PostgreSQL server at `adminUrl`, empty or a copy of the database `template`;
 * `drop` removes it.
 */
export async function freshDatabase(adminUrl: string, prefix = 'hq', template?: string) {
  const name = `${prefix}_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client(adminUrl);
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
