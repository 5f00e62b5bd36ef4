// `npm start`: builds Otklik and runs it on its embedded defaults. Without an Electron binary (it cannot be
// downloaded on every machine), the same app is served to a browser instead.
import { spawn } from 'node:child_process';
import { electronBinary, ensureDependencies, root, run, say } from './setup.mjs';

ensureDependencies();
say('Building…');
if (run('npm', ['run', '--silent', 'build']) !== 0) process.exit(1);

const electron = electronBinary();
if (electron) {
  say('Starting the desktop app.');
  const child = spawn(electron, ['.'], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
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
  const child = spawn('npx', ['vite', 'preview', '--port', port, '--strictPort'], {
    cwd: root,
    stdio: 'inherit',
  });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}
