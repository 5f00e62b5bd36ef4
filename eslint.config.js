// @ts-check
// The folder says which process a file runs in; these rules make the "may import" column of
// ARCHITECTURE.md a build failure instead of a convention.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import i18next from 'eslint-plugin-i18next';
import globals from 'globals';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const nodeImports = {
  group: ['node:*', ...nodeBuiltins, ...nodeBuiltins.map((m) => `${m}/*`)],
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

/** @param {...{group: string[], message: string}} patterns */
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

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
    files: ['electron/**'],
    languageOptions: { globals: globals.node },
    rules: restrict(browserStoreImports, folder('renderer'), folder('hq')),
  },
  {
    files: ['hq/**'],
    languageOptions: { globals: globals.node },
    rules: restrict(electronImport, browserStoreImports, folder('renderer'), folder('electron')),
  },
  {
    files: ['renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, i18next },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Every user-visible string comes from locales/; a literal in JSX text is a bug.
      'i18next/no-literal-string': ['error', { mode: 'jsx-text-only' }],
    },
  },
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
