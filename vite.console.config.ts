import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { holidayDataOfBranchCountries } from './vite.config.ts';

/**
 * The HQ console (issue 14): its own entry beside the branch app, built into dist/console and served by HQ
 * at /console/ (hq/routes/console-app.ts) — same origin as the console API, so the session cookie needs no
 * CORS. Absolute asset paths under /console/, so any address under it can serve the same index.html.
 */
export default defineConfig({
  root: 'renderer/console',
  base: '/console/',
  publicDir: false,
  plugins: [react(), holidayDataOfBranchCountries()],
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
  server: { host: '127.0.0.1', port: 5174, strictPort: true },
});
