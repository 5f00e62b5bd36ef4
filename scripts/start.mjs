// `npm start`: builds Otklik and runs it on its embedded defaults: the local HQ (PGlite under
// .otklik-data/hq) and the app. Without an Electron binary (it cannot be downloaded on every machine), the
// same app is served to a browser instead.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary, ensureDependencies, root, run, say } from './setup.mjs';

await ensureDependencies();
say('Building…');
if (run('npm', ['run', '--silent', 'build']) !== 0) process.exit(1);

const hqPort = process.env.OTKLIK_HQ_PORT ?? '4180';
const hqUrl = `http://127.0.0.1:${hqPort}`;
const hqEnv = {
  ...process.env,
  PORT: hqPort,
  DATA_DIR: process.env.DATA_DIR ?? join(root, '.otklik-data', 'hq'),
};
const hqMain = join(root, 'dist', 'hq', 'main.mjs');

say(`Starting the local HQ on ${hqUrl} (embedded database under ${hqEnv.DATA_DIR})…`);
const hq = spawn(process.execPath, [hqMain, 'serve'], {
  cwd: root,
  env: hqEnv,
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve, reject) => {
  let seen = '';
  hq.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    seen += chunk.toString();
    if (seen.includes('listening on')) resolve(undefined);
  });
  hq.once('exit', (code) => reject(new Error(`HQ exited (${code}) before it was ready`)));
}).catch((error) => {
  console.error(
    `[otklik] ${error.message}: see HQ's message above (port ${hqPort} taken? set OTKLIK_HQ_PORT; another HQ on this DATA_DIR?).`,
  );
  process.exit(1);
});

// A fresh one-time code for the demo branch, so a first run can be connected at once.
const demoBranch = process.env.OTKLIK_DEMO_BRANCH ?? 'MSK-01';
const enrolled = spawnSync(
  process.execPath,
  [
    hqMain,
    'enroll',
    '--branch',
    demoBranch,
    '--name',
    'Демо-отделение',
    '--manager-email',
    'manager@example.com',
  ],
  { cwd: root, env: hqEnv, encoding: 'utf8' },
);
const code = /\b([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})\b/.exec(enrolled.stdout ?? '')?.[1];
// Issue 14: one demo console user per role, with a new random password at every start (no defaults).
const demo = spawnSync(process.execPath, [hqMain, 'demo-users', '--branch', demoBranch], {
  cwd: root,
  env: hqEnv,
  encoding: 'utf8',
});
const signIns = [...(demo.stdout ?? '').matchAll(/^demo (\S+)\s+(\S+)\s+(\S+)$/gm)].map(
  ([, role, email, password]) => `    ${role.padEnd(14)} ${email.padEnd(28)} ${password}`,
);
if (demo.status !== 0) console.error(`[otklik] demo users: ${demo.stderr}`);
say(
  [
    'Local HQ is running. To connect this workstation: Settings → Connection to HQ',
    `    address: ${hqUrl}`,
    code ? `    code:    ${code}   (for branch ${demoBranch}; set the workstation up as ${demoBranch})` : '',
    `Another branch: npm run hq -- enroll --branch CODE (with DATA_DIR=${hqEnv.DATA_DIR})`,
    '',
    signIns.length > 0 ? `HQ console: ${hqUrl}/console/ — demo sign-ins (new passwords at every start):` : '',
    ...signIns,
  ]
    .filter((line, i, all) => line !== '' || (all[i + 1] ?? '') !== '')
    .join('\n'),
);

const appEnv = { ...process.env, OTKLIK_HQ_URL: process.env.OTKLIK_HQ_URL ?? hqUrl };
let app;
const electron = electronBinary();
if (electron) {
  say('Starting the desktop app.');
  app = spawn(electron, ['.'], { cwd: root, stdio: 'inherit', env: appEnv });
} else {
  const port = process.env.OTKLIK_PORT ?? '4173';
  const url = `http://127.0.0.1:${port}/`;
  say(
    [
      'No Electron binary is installed (the electron package ships without it, and this machine cannot',
      'download it). Serving the same app to a browser instead; everything is stored in that browser.',
      '',
      `    Open ${url} in Chromium (e.g. chromium --app=${url})`,
      '',
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
  app = spawn('npx', ['vite', 'preview', '--port', port, '--strictPort'], {
    cwd: root,
    stdio: 'inherit',
    env: appEnv,
  });
}
const stop = () => {
  app.kill('SIGTERM');
  hq.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
app.on('exit', (code) => {
  hq.kill('SIGTERM');
  hq.once('exit', () => process.exit(code ?? 0));
});
