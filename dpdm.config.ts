import type { Config } from 'dpdm';

/**
 * `npm run lint:cycles` (part of `npm run lint`): no import cycle in the code of a process, `import type`
 * included. A circle of modules is a layering bug even when it vanishes at run time; ESLint's
 * import-x/no-cycle reports value cycles as you type but skips type-only imports.
 */
export default {
  files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'hq/**/*.ts'],
  circular: true,
  tree: false,
  warning: false,
  progress: false,
  exitCode: 'circular:1',
} satisfies Config;
