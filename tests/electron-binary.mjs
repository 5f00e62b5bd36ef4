// @ts-check
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

/**
 * The Electron executable, or null. The electron npm package (45.x) ships without it and downloads it on
 * first use, which some machines (CI here among them) cannot do; so this only looks, it never downloads.
 * ELECTRON_OVERRIDE_DIST_PATH points at an unpacked Electron where one was obtained otherwise.
 */
export function electronBinary() {
  const executable = process.platform === 'win32' ? 'electron.exe' : 'electron';
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, executable);
    return existsSync(candidate) ? candidate : null;
  }
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** The part before " — " is what `npm test`'s closing lines say ("1 skipped (desktop app: no Electron binary)"). */
export const NO_ELECTRON_REASON =
  'desktop app: no Electron binary — the electron package ships without it and this machine cannot download ' +
  'it. These tests run the real desktop app where one is available (or with ELECTRON_OVERRIDE_DIST_PATH); ' +
  'see the README, "Tests".';
