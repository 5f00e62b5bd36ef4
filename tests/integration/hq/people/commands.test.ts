import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CONSOLE_PATHS } from '../../../../shared/console/protocol';
import { type AuditEntry, type ConsoleUserListItem } from '../../../../shared/console/admin';
import { copyMigratedDatabase, type RunningHq } from '../../harness';
import { signIn } from '../../console-client';
import { HQ_NODE_FLAGS } from '../../../hq-node';

/**
 * Issue 14 with real processes: the first admin is created from the command line while HQ runs on its
 * embedded database (the command goes through the server's socket), gets a one-time link, sets a password
 * and signs in; `user list`, `user disable` (signed out at once) and `audit` (issue 13 item 6) work the same
 * way, each change audited with the operating-system user or --actor.
 */
const root = join(import.meta.dirname, '../../../..');
const main = inject('hqMain');

function cli(dataDir: string, port: number, ...args: string[]) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [...HQ_NODE_FLAGS, main, ...args], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('HQ users from the command line, on the embedded database', { timeout: 240_000 }, () => {
  let dir: string;
  let server: ChildProcess;
  let output = '';
  let url = '';
  let port = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'otklik-people-'));
    copyMigratedDatabase(dir);
    server = spawn(process.execPath, [...HQ_NODE_FLAGS, main, 'serve'], {
      cwd: root,
      env: { ...process.env, PORT: '0', DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    server.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const until = Date.now() + 120_000;
    while (!/listening on (http:\/\/\S+) /.test(output)) {
      if (Date.now() > until || server.exitCode !== null) throw new Error(`HQ did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    url = /listening on (http:\/\/\S+) /.exec(output)![1]!;
    port = Number(new URL(url).port);
  }, 180_000);
  afterAll(async () => {
    server?.kill('SIGTERM');
    await new Promise((r) => server?.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('user add prints a one-time link; the admin sets a password, signs in; disable signs them out; audit shows it', async () => {
    const hq = { url } as RunningHq;
    const added = await cli(
      dir,
      port,
      'user',
      'add',
      '--email',
      'Admin@Example.com',
      '--name',
      'Первый админ',
      '--role',
      'admin',
    );
    expect(added.status, added.stderr).toBe(0);
    const link = /(http:\/\/\S+\/console\/#\/set-password\/(\S+))/.exec(added.stdout);
    expect(link, added.stdout).not.toBeNull();
    expect(link![1]!.startsWith(`http://127.0.0.1:${port}/console/`)).toBe(true);

    const set = await fetch(url + CONSOLE_PATHS.password, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ token: link![2], password: 'первый пароль админа' }),
    });
    expect(set.status).toBe(204);
    const admin = await signIn(hq, 'admin@example.com', 'первый пароль админа');
    expect(admin.user).toMatchObject({ role: 'admin', name: 'Первый админ' });

    const wrong = await cli(
      dir,
      port,
      'user',
      'add',
      '--email',
      'x@example.com',
      '--name',
      'X',
      '--role',
      'boss',
    );
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/--role must be one of admin, head_of_sales, manager, auditor/);

    const listed = await cli(dir, port, 'user', 'list', '--json');
    const users = JSON.parse(listed.stdout) as ConsoleUserListItem[];
    expect(users).toEqual([
      expect.objectContaining({ email: 'Admin@Example.com', passwordSet: true, disabled: false }),
    ]);

    const disabled = await cli(
      dir,
      port,
      'user',
      'disable',
      '--user',
      'admin@example.com',
      '--actor',
      'Служба ИТ',
    );
    expect(disabled.status, disabled.stderr).toBe(0);
    expect((await admin.call(CONSOLE_PATHS.session)).status).toBe(401);

    const audit = await cli(dir, port, 'audit', '--json');
    const entries = JSON.parse(audit.stdout) as AuditEntry[];
    const actions = entries.map((e) => [e.action, e.actorKind, e.actorName]);
    expect(actions).toEqual([
      ['user.add', 'cli', userInfo().username],
      ['user.password_set', 'hq_user', 'Первый админ'],
      ['session.sign_in', 'hq_user', 'Первый админ'],
      ['user.disable', 'cli', 'Служба ИТ'],
    ]);
    expect((await cli(dir, port, 'audit')).stdout).toMatch(/user\.disable\s+user:/);
  });
});
