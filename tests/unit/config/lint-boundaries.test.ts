import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleIds } from './eslint-rules';

// ARCHITECTURE.md "may import": the folder a file lives in decides what it may import, and lint enforces it.
const root = join(import.meta.dirname, '../../..');

// The first case loads the whole ESLint config; on a busy two-core machine that alone can take seconds.
describe('process boundaries', { timeout: 30_000 }, () => {
  it.each([
    // shared/: pure TypeScript only
    ['shared/x.ts', "import { Dexie } from 'dexie';", 'no-restricted-imports'],
    ['shared/x.ts', "import { useState } from 'react';", 'no-restricted-imports'],
    ['shared/x.ts', "import { readFile } from 'node:fs/promises';", 'no-restricted-imports'],
    ['shared/x.ts', "import { join } from 'path';", 'no-restricted-imports'],
    ['shared/x.ts', "import { app } from 'electron';", 'no-restricted-imports'],
    ['shared/x.ts', "import { OtklikDatabase } from '../renderer/db/database';", 'no-restricted-imports'],
    ['shared/x.ts', "import { x } from '../hq/server';", 'no-restricted-imports'],
    ['shared/x.ts', 'export const lang = navigator.language;', 'no-restricted-globals'],
    ['shared/x.ts', 'export const env = process.env.X;', 'no-restricted-globals'],
    // renderer/: the page, never Node or Electron
    ['renderer/x.ts', "import { ipcRenderer } from 'electron';", 'no-restricted-imports'],
    ['renderer/x.ts', "import { join } from 'node:path';", 'no-restricted-imports'],
    ['renderer/x.ts', "import fs from 'fs';", 'no-restricted-imports'],
    ['renderer/x.ts', "import { log } from 'console';", 'no-restricted-imports'],
    ['renderer/x.ts', "import { registerBridge } from '../electron/bridge';", 'no-restricted-imports'],
    // electron/: never the UI or the server
    ['electron/x.ts', "import { useState } from 'react';", 'no-restricted-imports'],
    ['electron/x.ts', "import { Dexie } from 'dexie';", 'no-restricted-imports'],
    ['electron/x.ts', "import { App } from '../renderer/App';", 'no-restricted-imports'],
    // hq/: Node, never Electron or the renderer
    ['hq/x.ts', "import { app } from 'electron';", 'no-restricted-imports'],
    ['hq/x.ts', "import { listComplaints } from '../renderer/complaints/queries';", 'no-restricted-imports'],
  ])('%s: %s is refused', async (file, code, rule) => {
    expect(await ruleIds(file, `${code}\nexport {};\n`)).toContain(rule);
  });

  it.each([
    ['shared/x.ts', "import { z } from 'zod';\nexport const s = z.string();"],
    [
      'shared/x.ts',
      "import { addDays } from './time/local-date';\nexport const d = addDays('2026-01-01', 1);",
    ],
    [
      'renderer/x.ts',
      "import { Dexie } from 'dexie';\nimport { CHANNELS } from '../shared/complaints/model';\nexport { Dexie, CHANNELS };",
    ],
    [
      'electron/x.ts',
      "import { app } from 'electron';\nimport { join } from 'node:path';\nexport { app, join };",
    ],
    // Issue 14: a project folder named like a Node module (shared/console) is not that module.
    [
      'renderer/x.ts',
      "import { CONSOLE_PATHS } from '../shared/console/protocol';\nexport { CONSOLE_PATHS };",
    ],
    [
      'hq/x.ts',
      "import { readFile } from 'node:fs/promises';\nimport { CHANNELS } from '../shared/complaints/model';\nexport { readFile, CHANNELS };",
    ],
  ])('%s may: %s', async (file, code) => {
    expect(await ruleIds(file, `${code}\n`)).toEqual([]);
  });

  it('a literal string in JSX text fails lint: every visible string comes from locales/', async () => {
    const code = 'export function A() {\n  return <p>Жалоба сохранена</p>;\n}\n';
    expect(await ruleIds('renderer/x.tsx', code)).toContain('i18next/no-literal-string');
  });
});

// Issue 12: inside the page, `ui | i18n | platform | db` < `sync` < features < `shell` < `App`; a feature is
// used through its index only; the HQ console (renderer/console) never touches the branch's data.
describe('renderer layers', { timeout: 30_000 }, () => {
  it.each([
    // A lower layer never imports a higher one.
    ['renderer/db/x.ts', "import { SyncEngine } from '../sync/engine';"],
    ['renderer/ui/x.tsx', "import { useDb } from '../db/context';"],
    ['renderer/platform/x.ts', "import { useNow } from '../ui/useNow';"],
    ['renderer/sync/x.ts', "import { ComplaintFields } from '../complaints';"],
    ['renderer/sync/x.tsx', "import { Shell } from '../shell/Shell';"],
    ['renderer/book/x.tsx', "import { Shell } from '../shell/Shell';"],
    ['renderer/shell/x.tsx', "import { App } from '../App';"],
    // Another feature's internals, from a feature, the shell or App (any new folder is a feature too).
    ['renderer/book/x.ts', "import { registerComplaint } from '../complaints/actions';"],
    ['renderer/reports/x.ts', "import { SettingsPage } from '../settings/SettingsPage';"],
    ['renderer/shell/x.tsx', "import { AtRiskBanner } from '../book/AtRiskBanner';"],
    ['renderer/x.tsx', "import { NewComplaintPage } from './complaints/NewComplaintPage';"],
    // The HQ console shares the UI kit, never the branch database, the sync engine or the branch's screens.
    ['renderer/console/x.tsx', "import { useDb } from '../db/context';"],
    ['renderer/console/x.tsx', "import { useSyncStatus } from '../sync/hooks';"],
    ['renderer/console/x.tsx', "import { ComplaintListPage } from '../complaints';"],
    // Issue 16: the document layer the console prints with never reaches the branch database or a feature.
    ['renderer/documents/x.ts', "import { useDb } from '../db/context';"],
    ['renderer/documents/x.ts', "import { printForComplaint } from '../complaints';"],
    ['renderer/documents/x.ts', "import { useSyncStatus } from '../sync/hooks';"],
  ])('%s: %s is refused', async (file, code) => {
    expect(await ruleIds(file, `${code}\nexport {};\n`)).toContain('boundaries/dependencies');
  });

  it.each([
    [
      'renderer/book/x.ts',
      "import { registerComplaint } from '../complaints';\nexport { registerComplaint };",
    ],
    ['renderer/book/x.ts', "import { useHqLink } from '../sync/hooks';\nexport { useHqLink };"],
    ['renderer/book/x.ts', "import { addPage } from './actions';\nexport { addPage };"],
    ['renderer/sync/x.ts', "import { hqLink } from '../db/device';\nexport { hqLink };"],
    ['renderer/ui/x.ts', "import { formatDate } from '../i18n/format';\nexport { formatDate };"],
    ['renderer/shell/x.tsx', "import { AtRiskBanner } from '../book';\nexport { AtRiskBanner };"],
    ['renderer/x.tsx', "import { SettingsPage } from './settings';\nexport { SettingsPage };"],
    [
      'renderer/console/x.tsx',
      "import { Field } from '../ui/Field';\nimport { formatDate } from '../i18n/format';\nimport { platform } from '../platform';\nimport { CHANNELS } from '../../shared/complaints/model';\nexport { Field, formatDate, platform, CHANNELS };",
    ],
    [
      'renderer/console/x.tsx',
      "import { printComplaintDocument } from '../documents';\nexport { printComplaintDocument };",
    ],
    [
      'renderer/complaints/x.ts',
      "import { printComplaintDocument } from '../documents';\nexport { printComplaintDocument };",
    ],
    [
      'renderer/documents/x.ts',
      "import { i18next } from '../i18n';\nimport { platform } from '../platform';\nexport { i18next, platform };",
    ],
  ])('%s may: %s', async (file, code) => {
    expect(await ruleIds(file, `${code}\n`)).toEqual([]);
  });
});

describe('file size', { timeout: 30_000 }, () => {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `export const x${i} = ${i};`).join('\n');
  it.each([
    ['renderer/book/x.ts', 401, true],
    ['renderer/book/x.ts', 400, false],
    ['renderer/book/X.tsx', 301, true],
    ['renderer/book/X.tsx', 300, false],
  ])('%s with %i lines fails lint: %s', async (file, n, fails) => {
    expect((await ruleIds(file, `${lines(n)}\n`)).includes('max-lines')).toBe(fails);
  });
});

describe('import cycles', { timeout: 30_000 }, () => {
  // zoned.ts imports local-date.ts, and sync/start.ts imports sync/channel.ts: the reverse closes a circle.
  it.each([
    ['shared/time/local-date.ts', "import { zonedParts } from './zoned';\nexport const z = zonedParts;\n"],
    ['renderer/sync/channel.ts', "import { startSync } from './start';\nexport const s = startSync;\n"],
  ])('%s importing back from its importer fails lint', async (file, code) => {
    expect(await ruleIds(file, code)).toContain('import-x/no-cycle');
  });

  /** `npm run lint:cycles` with the repository's dpdm.config.ts, run on a tree of the given files. */
  function lintCycles(files: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'otklik-cycles-'));
    try {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const bin = join(root, 'node_modules/dpdm/lib/bin/dpdm.js');
      const run = spawnSync(process.execPath, [bin, '--config', join(root, 'dpdm.config.ts'), '--cwd', dir], {
        encoding: 'utf8',
      });
      return { status: run.status, output: run.stdout };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  // `npm run lint` turns import-x/no-cycle off and leaves every cycle to dpdm: value imports as well.
  it('a circle of type-only imports fails too (import-x/no-cycle does not see it), and one of values', () => {
    const circle = lintCycles({
      'shared/a.ts': "import type { B } from './b';\nexport interface A { b?: B }\n",
      'shared/b.ts': "import type { A } from './a';\nexport interface B { a?: A }\n",
      'renderer/db/x.ts': "import type { A } from '../../shared/a';\nexport type X = A;\n",
      'hq/c.ts': "import { d } from './d';\nexport const c = () => d;\n",
      'hq/d.ts': "import { c } from './c';\nexport const d = () => c;\n",
    });
    expect(circle.status).toBe(1);
    expect(circle.output).toMatch(/shared\/(a|b)\.ts -> shared\/(a|b)\.ts/);
    expect(circle.output).toMatch(/hq\/(c|d)\.ts -> hq\/(c|d)\.ts/);

    const line = lintCycles({
      'shared/a.ts': 'export interface A { n: number }\n',
      'shared/b.ts': "import type { A } from './a';\nexport interface B { a?: A }\n",
      'hq/x.ts': "import type { B } from '../shared/b';\nexport type X = B;\n",
    });
    expect(line.status).toBe(0);
    // Two runs of dpdm over a temporary tree: seconds alone, over 30 s on two cores beside the other suites.
  }, 120_000);
});
