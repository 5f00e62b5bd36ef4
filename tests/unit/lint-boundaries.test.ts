import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// ARCHITECTURE.md "may import": the folder a file lives in decides what it may import, and lint enforces it.
const eslint = new ESLint({ cwd: join(import.meta.dirname, '../..') });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

// The first lint loads ESLint's plugins: seconds on a two-core machine that is also starting Chromium.
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
