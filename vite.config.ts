import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

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
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
