// `npm run typecheck`: each process's own tsconfig (what its code may use: shared/ neither DOM nor Node, the
// page no Node, main/preload and HQ no DOM), and everything together (tests, scripts, benchmarks).
// With TypeScript 7's native compiler (the `typescript-native` alias in package.json): the five checks take
// about a fifth of TypeScript 5.9's time. TypeScript 5.9 stays as `typescript` for typescript-eslint, which
// needs its JavaScript API.
//
// Each check runs on one thread (`--singleThreaded`), the checks side by side, as many as there are cores.
// The compiler's own threads cost CPU of their own: the five checks took 27.3 CPU-s with them and 15.3
// without on the two-core machine, one after another in 14.4 s and 12.7 s (issue 17 item 5: CI, where the
// checks share the cores with the test suites).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const tsc = join(
  dirname(createRequire(import.meta.url).resolve('typescript-native/package.json')),
  'bin/tsc',
);
// The longest first: everything together, then the page.
const configs = [
  'tsconfig.json',
  ...['renderer', 'hq', 'electron', 'shared'].map((p) => `tsconfig.${p}.json`),
];

/**
 * One check; its output is printed as one block when it ends, so two checks' errors never interleave (in
 * colour when this run is on a terminal, as the compiler would print it there).
 */
const pretty = process.stdout.isTTY ? ['--pretty'] : [];
function check(config) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', config, '--singleThreaded', ...pretty], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('error', (error) => {
      console.error(`${config}: ${error.message}`);
      resolve(false);
    });
    child.on('close', (code) => {
      if (chunks.length > 0) process.stdout.write(Buffer.concat(chunks));
      resolve(code === 0);
    });
  });
}

const failed = [];
const queue = [...configs];
await Promise.all(
  Array.from({ length: Math.min(availableParallelism(), configs.length) }, async () => {
    for (let config = queue.shift(); config; config = queue.shift()) {
      if (!(await check(config))) failed.push(config);
    }
  }),
);
if (failed.length > 0) {
  console.error(`typecheck failed: ${failed.join(', ')}`);
  // Not process.exit: the checks' output may still be on its way into a pipe (npm test collects it).
  process.exitCode = 1;
}
