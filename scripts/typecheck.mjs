// `npm run typecheck`: each process's own tsconfig (what its code may use: shared/ neither DOM nor Node, the
// page no Node, main/preload and HQ no DOM), then everything together (tests, scripts, benchmarks).
// With TypeScript 7's native compiler (the `typescript-native` alias in package.json): the five checks take
// about a fifth of TypeScript 5.9's time. TypeScript 5.9 stays as `typescript` for typescript-eslint, which
// needs its JavaScript API.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const tsc = join(
  dirname(createRequire(import.meta.url).resolve('typescript-native/package.json')),
  'bin/tsc',
);
const configs = ['shared', 'renderer', 'electron', 'hq'].map((p) => `tsconfig.${p}.json`);
configs.push('tsconfig.json');

const failed = configs.filter(
  (config) => spawnSync(process.execPath, [tsc, '-p', config], { cwd: root, stdio: 'inherit' }).status !== 0,
);
if (failed.length > 0) {
  console.error(`typecheck failed: ${failed.join(', ')}`);
  process.exit(1);
}
