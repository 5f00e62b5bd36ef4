// `npm run hq -- [command]`: HQ's command line (dist/hq/main.mjs, built by the npm script just before).
// Serving — the default command — also needs the console's page: it is built here when missing, so
// `npm run hq` alone gives a working console at /console/ (issue 14).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root, run, say } from './setup.mjs';

const command = process.argv[2];
const serving = command === undefined || command === 'serve' || command.startsWith('-');
if (serving && !process.env.HQ_CONSOLE_DIR && !existsSync(join(root, 'dist', 'console', 'index.html'))) {
  say('Building the HQ console (dist/console)…');
  if (run('npx', ['vite', 'build', '--config', 'vite.console.config.ts', '--logLevel', 'warn']) !== 0)
    process.exit(1);
}
// Same process: HQ reads its command from process.argv, which is [node, this script, …the arguments].
await import('../dist/hq/main.mjs');
