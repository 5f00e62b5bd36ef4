import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { buildContentSecurityPolicy } from './shared/security/csp.ts';
import { calendarDataOfBranchCountries, catalogueChunks } from './scripts/bundle-data.ts';

/**
 * Outside Electron (vite preview, the start script's fallback) the page gets the same CSP as in the app, sent
 * as a header rather than a <meta>: both would be enforced, and a baked-in meta tag would block the HQ origin
 * that Electron adds to its own header once the branch is connected.
 */
/**
 * The offline shell (public/sw.js) caches the page and everything it loads, including what the HTML does
 * not name (the image worker): the build lists its own files in shell-files.json for the service worker.
 */
function shellFileList(): Plugin {
  return {
    name: 'otklik-shell-files',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => !f.endsWith('.map') && f !== 'index.html')
        .sort()
        .map((f) => `./${f}`);
      this.emitFile({ type: 'asset', fileName: 'shell-files.json', source: JSON.stringify(files) });
    },
  };
}

/**
 * `vite preview` (the end-to-end tests' server, and `npm start` where Electron cannot run) sends the page from
 * this machine to a browser on this machine, and gzipped every script on every request: CPU on both ends to
 * save bytes on a loopback. The desktop app reads the same files from disk, uncompressed. Asked without
 * `Accept-Encoding`, Vite's compression leaves the response as it is (issue 17 item 5: CI time).
 */
function previewWithoutCompression(): Plugin {
  return {
    name: 'otklik-preview-uncompressed',
    configurePreviewServer(server) {
      // Registered here, before Vite's compression and its static files.
      server.middlewares.use((req, _res, next) => {
        delete req.headers['accept-encoding'];
        next();
      });
    },
  };
}

// The renderer: served by Vite in development, by the app:// protocol in Electron,
// and by `vite preview` when no Electron binary is available (see scripts/start.mjs).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), ...calendarDataOfBranchCountries(), shellFileList(), previewWithoutCompression()],
  // The sync worker computes due moments too: the same picked calendar data (scripts/bundle-data.ts).
  worker: { plugins: () => calendarDataOfBranchCountries() },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // One bundle loaded from the local disk, and each language's catalogues in a chunk of their own (loaded when
    // the language is first used: scripts/bundle-data.ts).
    chunkSizeWarningLimit: 1024,
    rolldownOptions: catalogueChunks(),
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
    // OTKLIK_HQ_URL: the HQ this page may sync with (npm start sets it to the local HQ); the end-to-end tests
    // give two, separated by a space (two HQ processes side by side).
    headers: {
      'Content-Security-Policy': buildContentSecurityPolicy({
        hqOrigin: (process.env.OTKLIK_HQ_URL ?? '').split(/\s+/).filter(Boolean),
      }),
    },
  },
});
