// @ts-check
// The folder says which process a file runs in; these rules make the "may import" column of
// ARCHITECTURE.md a build failure instead of a convention.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import i18next from 'eslint-plugin-i18next';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
/** @param {string} s */
const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * The module names themselves ('fs', 'fs/promises', 'node:path'), anchored: a glob like `console/*` would
 * also refuse a project path such as '../shared/console/protocol'.
 */
const nodeImports = {
  regex: `^(node:.*|(${nodeBuiltins.map(escapeRegex).join('|')})(/.*)?)$`,
  message: 'Node built-ins run only in electron/ and hq/.',
};
const electronImport = {
  group: ['electron', 'electron/*'],
  message: 'Only electron/ imports electron.',
};
const browserStoreImports = {
  group: ['dexie', 'dexie/*', 'dexie-*', 'react', 'react/*', 'react-*', 'wouter', 'wouter/*'],
  message: 'UI and browser storage libraries belong to renderer/.',
};
const folder = (name) => ({
  group: [`**/${name}`, `**/${name}/*`, `**/${name}/**`],
  message: `Code outside ${name}/ must not import from it.`,
});

/** @param {...({group: string[], message: string} | {regex: string, message: string})} patterns */
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/**
 * Layers inside the page (ARCHITECTURE.md): `ui | i18n | platform | db` < `documents` (rendering a printed
 * document: ui, i18n and platform only) < `sync` < features < `shell` < `App`.
 * Each folder of renderer/ is one element; any folder not named here is a feature (complaints, book,
 * settings, …). What each may import — everything else is refused. Features reach each other (and the shell
 * and App reach them) only through the feature's `index.ts`. `console` is the HQ console to come: it shares
 * the UI kit, i18n and platform with the branch app, never the branch database or the sync engine.
 */
const RENDERER_LAYERS = [
  { type: 'ui', folder: 'renderer/ui', mayImport: ['i18n', 'platform'] },
  { type: 'i18n', folder: 'renderer/i18n', mayImport: ['locales'] },
  { type: 'platform', folder: 'renderer/platform', mayImport: [] },
  { type: 'db', folder: 'renderer/db', mayImport: [] },
  { type: 'sync', folder: 'renderer/sync', mayImport: ['ui', 'i18n', 'platform', 'db'] },
  // Issue 16: rendering and printing a document — for the branch app and the console alike, so it may
  // import what the console may, and never the branch database.
  { type: 'documents', folder: 'renderer/documents', mayImport: ['ui', 'i18n', 'platform'] },
  { type: 'console', folder: 'renderer/console', mayImport: ['ui', 'i18n', 'platform', 'documents'] },
  {
    type: 'shell',
    folder: 'renderer/shell',
    mayImport: ['ui', 'i18n', 'platform', 'db', 'sync', 'feature index'],
  },
  { type: 'public', folder: 'renderer/public', mayImport: [] },
  {
    type: 'feature',
    folder: 'renderer/*',
    mayImport: ['ui', 'i18n', 'platform', 'documents', 'db', 'sync', 'feature index'],
  },
  // What is left of renderer/ (App.tsx, main.tsx): the top, which wires the layers together.
  {
    type: 'app',
    folder: 'renderer',
    mayImport: ['ui', 'i18n', 'platform', 'db', 'sync', 'shell', 'feature index'],
  },
];
/** A feature's index.ts: all that others may use of it. */
const FEATURE_INDEX = { element: { type: 'feature', fileInternalPath: 'index.ts' } };
/**
 * Dependency lists, checked also where they are given to useRequest (renderer/console/useRequest.ts), whose
 * `load` runs again when they change, as an effect's does: the check is made at each call.
 */
const hookDepsRules = {
  'react-hooks/exhaustive-deps': ['warn', { additionalHooks: '^useRequest$' }],
};

const rendererLayers = {
  files: ['renderer/**'],
  plugins: { boundaries },
  settings: {
    // The first pattern that matches names the element, so `renderer/*` catches only the folders not named before it.
    'boundaries/elements': [
      ...RENDERER_LAYERS.map(({ type, folder }) => ({
        type,
        pattern: folder,
        partialMatch: false,
        ...(type === 'feature' ? { capture: ['name'] } : {}),
      })),
      { type: 'shared', pattern: 'shared', partialMatch: false },
      { type: 'locales', pattern: 'locales', partialMatch: false },
    ],
    'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] } },
  },
  rules: {
    'boundaries/dependencies': [
      'error',
      {
        default: 'disallow',
        message:
          '{{from.element.type}} must not import {{to.element.type}} ({{dependency.source}}): see the layers in eslint.config.js',
        policies: [
          // npm packages: what each process may use is no-restricted-imports' job above.
          { allow: { to: { module: { origin: ['external', 'core'] } } } },
          // Pure shared code is for everyone; a folder's own files are for itself.
          { allow: { to: { element: { type: 'shared' } } } },
          {
            from: { element: { type: '!feature' } },
            allow: { to: { element: { type: '{{from.element.type}}' } } },
          },
          {
            from: { element: { type: 'feature' } },
            allow: {
              to: { element: { type: 'feature', captured: { name: '{{from.element.captured.name}}' } } },
            },
          },
          ...RENDERER_LAYERS.filter((l) => l.mayImport.length > 0).map(({ type, mayImport }) => ({
            from: { element: { type } },
            allow: {
              to: [
                { element: { type: mayImport.filter((m) => m !== 'feature index') } },
                ...(mayImport.includes('feature index') ? [FEATURE_INDEX] : []),
              ],
            },
          })),
        ],
      },
    ],
  },
};

/** A file that does two jobs becomes two: no renderer source over 400 lines, no component over 300 (issue 12). */
const rendererSize = [
  { files: ['renderer/**/*.ts', 'renderer/**/*.tsx'], rules: { 'max-lines': ['error', { max: 400 }] } },
  { files: ['renderer/**/*.tsx'], rules: { 'max-lines': ['error', { max: 300 }] } },
];

/**
 * Import cycles: import-x/no-cycle catches a circle of value imports in the editor; `npm run lint:cycles`
 * (dpdm, part of `npm run lint`) also counts `import type`, which no-cycle skips. `npm run lint` turns
 * no-cycle off (--rule): dpdm finds every cycle the rule finds, and the rule's module graph made the whole of
 * `npm run lint` take 35.1-35.5 CPU-s against 30.6-30.9 without it (issue 17: CI time).
 */
const noCycles = {
  files: ['shared/**', 'renderer/**', 'hq/**'],
  plugins: { 'import-x': importX },
  settings: {
    'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
    'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
  },
  rules: { 'import-x/no-cycle': 'error' },
};
// HQ's layers (README "HQ layout"): a folder of hq/ imports only the folders below it.
const hqProcess = [electronImport, browserStoreImports, folder('renderer'), folder('electron')];
/** Bottom to top; `app`, `serve`, `main` are hq/app.ts, hq/serve.ts and hq/main.ts. */
const hqLayers = [
  ['db', 'blobs', 'audit'],
  ['branches', 'devices'],
  ['complaints', 'book', 'people'],
  ['mail'],
  ['console'],
  ['sync', 'routes', 'http'],
  ['app', 'serve', 'main'],
];
const hqLayerRules = hqLayers.slice(0, -1).map((layer, i) => {
  const above = hqLayers.slice(i + 1).flat();
  return {
    files: layer.map((f) => `hq/${f}/**`),
    rules: restrict(...hqProcess, {
      regex: `^(\\.\\./)+(${above.join('|')})(/|$)`,
      message: `HQ layers import only downward (README "HQ layout"): hq/${layer.join(', hq/')} may not import hq/${above.join(', hq/')}.`,
    }),
  };
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.ci-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**'],
    rules: {
      ...restrict(
        nodeImports,
        electronImport,
        browserStoreImports,
        folder('renderer'),
        folder('electron'),
        folder('hq'),
      ),
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'indexedDB',
          'process',
          'Buffer',
          'require',
        ].map((name) => ({ name, message: 'shared/ is pure: pass what you need in as an argument.' })),
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: restrict(nodeImports, electronImport, folder('electron'), folder('hq')),
  },
  {
    // R22: the page's one IndexedDB database is OtklikDatabase, whose transactions are strict (a save is
    // reported once flushed to disk); another connection would not be.
    files: ['renderer/**'],
    ignores: ['renderer/db/database.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          "NewExpression[callee.name='Dexie']",
          "CallExpression[callee.property.name='open'][callee.object.name='indexedDB']",
          "CallExpression[callee.property.name='open'][callee.object.property.name='indexedDB']",
        ].map((selector) => ({
          selector,
          message: 'Use OtklikDatabase (renderer/db/database.ts): its transactions are strict (R22).',
        })),
      ],
    },
  },
  {
    files: ['electron/**'],
    languageOptions: { globals: globals.node },
    rules: restrict(browserStoreImports, folder('renderer'), folder('hq')),
  },
  {
    files: ['hq/**'],
    languageOptions: { globals: globals.node },
    rules: restrict(...hqProcess),
  },
  ...hqLayerRules,
  {
    // The page's hooks of its own (.ts: useCapture, useRequest…) as well as its components.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, i18next },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...hookDepsRules,
      // Every user-visible string comes from locales/; a literal in JSX text is a bug.
      'i18next/no-literal-string': ['error', { mode: 'jsx-text-only' }],
    },
  },
  rendererLayers,
  ...rendererSize,
  noCycles,
  {
    files: ['tests/**', 'scripts/**', 'bench/**', '*.config.*', '*.js', '*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Issue 18: a focused test (`it.only`, `test.describe.only`, …) quietly turns a suite into one test.
    files: ['tests/**', 'bench/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'only', message: 'No focused tests: run one file or use -t "<name>" instead.' },
      ],
    },
  },
);
