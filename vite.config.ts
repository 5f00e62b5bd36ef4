import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { buildContentSecurityPolicy } from './shared/security/csp.ts';

/**
 * Outside Electron (vite preview, the start script's fallback) the page gets the same CSP as in the app, sent
 * as a header rather than a <meta>: both would be enforced, and a baked-in meta tag would block the HQ origin
 * that Electron adds to its own header once the branch is connected.
 */
// The renderer: served by Vite in development, by the app:// protocol in Electron,
// and by `vite preview` when no Electron binary is available (see scripts/start.mjs).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // One bundle loaded from the local disk: there is no network round trip to save by splitting it.
    chunkSizeWarningLimit: 1024,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
    headers: { 'Content-Security-Policy': buildContentSecurityPolicy() },
  },
});
