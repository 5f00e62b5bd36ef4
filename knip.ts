import type { KnipConfig } from 'knip';

// Unused files, exports and dependencies (issue 12 item 7), run by `npm run lint`. Knip's own plugins add
// the configs of vite, vitest and Playwright, and the tests and specs they name.
const config: KnipConfig = {
  entry: [
    // The page (renderer/index.html loads main.tsx, which vite's plugin finds) and its workers, which the
    // page starts with `new Worker(new URL(…))`.
    'renderer/book/image.worker.ts',
    'renderer/sync/sync.worker.ts',
    'electron/main.ts',
    'electron/preload.ts',
    'hq/main.ts',
    'scripts/*.mjs',
    'bench/*.mjs',
    'bench/*/*-bench.ts',
    'bench/store/seed-app.ts',
    // Built by bench/console.mjs into its own bundle, which it imports.
    'bench/console/seed.ts',
    // Read by the dpdm command of `npm run lint:cycles`.
    'dpdm.config.ts',
  ],
  project: ['**/*.{ts,tsx,mjs}'],
  // A constant or helper a file exports for its tests and also uses itself is not dead.
  ignoreExportsUsedInFile: true,
  ignoreIssues: {
    // Each shared module's index is its whole vocabulary (every status, kind and type it defines), for
    // the renderer, HQ and the console alike; an export no one uses is still found in the module's files.
    'shared/*/index.ts': ['exports', 'types'],
    // Issue 14's roles and scope rules (R24): the console and HQ's console routes use them as they come.
    'shared/people/model.ts': ['exports', 'types'],
    // Issue 15's handling contract: its data types are the vocabulary the branch and console screens being
    // built will type their forms with.
    'shared/handling/*.ts': ['types'],
  },
  ignoreDependencies: [
    // The document fonts, named by url() in renderer/documents/documents.css, which knip does not read.
    '@fontsource/noto-sans',
    '@fontsource/noto-sans-kr',
    // TypeScript 7's compiler, which scripts/typecheck.mjs finds with require.resolve.
    'typescript-native',
  ],
  // The TLS integration test makes its certificate with the system's openssl.
  ignoreBinaries: ['openssl'],
};

export default config;
