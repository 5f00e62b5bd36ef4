import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { calendarDataOfBranchCountries, catalogueChunks } from './scripts/bundle-data.ts';

/**
 * The HQ console (issue 14): its own entry beside the branch app, built into dist/console and served by HQ
 * at /console/ (hq/routes/console-app.ts) — same origin as the console API, so the session cookie needs no
 * CORS. Absolute asset paths under /console/, so any address under it can serve the same index.html.
 */
/**
 * Brotli and gzip copies of the page, scripts and styles beside them: HQ serves them to browsers that accept
 * them (@fastify/static `preCompressed`) — the console is loaded over the company's network, not from disk.
 */
function precompressed(): Plugin {
  return {
    name: 'otklik-precompressed',
    apply: 'build',
    // Issue 16: from the files as written, after every plugin is done with them. Compressed in
    // generateBundle, a chunk that imports another (the console's document printing) kept Vite's
    // unreplaced `__VITE_PRELOAD__` marker in its .br/.gz copies, and the browser got those.
    async writeBundle(options, bundle) {
      const dir = options.dir!;
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg)$/.test(name)) continue;
        const bytes = await readFile(join(dir, name));
        const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
        await writeFile(join(dir, `${name}.br`), br);
        await writeFile(join(dir, `${name}.gz`), gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: 'renderer/console',
  base: '/console/',
  publicDir: false,
  plugins: [react(), ...calendarDataOfBranchCountries(), precompressed()],
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // One bundle (≈ 1 MB, ≈ 250 kB as brotli): React, zod, i18next, the calendars; each language's catalogues
    // a chunk of their own, loaded when the language is in use (scripts/bundle-data.ts).
    chunkSizeWarningLimit: 2048,
    rolldownOptions: catalogueChunks(),
  },
  server: { host: '127.0.0.1', port: 5174, strictPort: true },
});
