import { defineConfig } from 'vite';

/**
 * HQ for Node: hq/main.ts (with the shared/ code it uses) bundled into dist/hq/main.mjs. Packages from
 * node_modules stay external: PGlite loads its WebAssembly and data files from its own folder.
 */
export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'hq/main.ts',
    outDir: 'dist/hq',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    // A module loaded only when configured (the S3 store) is a chunk beside main.mjs, an ES module too. It
    // imports what it shares with main.mjs from main.mjs, so main.mjs must load from its own folder under
    // one address (as every launcher does) and keep no top-level await before it imports the chunk.
    rollupOptions: { output: { format: 'esm', entryFileNames: 'main.mjs', chunkFileNames: '[name].mjs' } },
  },
});
