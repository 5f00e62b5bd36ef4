import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { holidayDataOfBranchCountries } from './vite.config.ts';

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
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (!/\.(js|css|html|svg)$/.test(file.fileName)) continue;
        const source = file.type === 'chunk' ? file.code : file.source;
        const bytes = typeof source === 'string' ? Buffer.from(source) : Buffer.from(source);
        const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
        this.emitFile({ type: 'asset', fileName: `${file.fileName}.br`, source: br });
        this.emitFile({
          type: 'asset',
          fileName: `${file.fileName}.gz`,
          source: gzipSync(bytes, { level: 9 }),
        });
      }
    },
  };
}

export default defineConfig({
  root: 'renderer/console',
  base: '/console/',
  publicDir: false,
  plugins: [react(), holidayDataOfBranchCountries(), precompressed()],
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // One bundle (≈ 1.7 MB, ≈ 300 kB as brotli): React, zod, i18next with five languages, the calendars.
    chunkSizeWarningLimit: 2048,
  },
  server: { host: '127.0.0.1', port: 5174, strictPort: true },
});
