import { defineConfig } from 'vite';
import { calendarDataOfBranchCountries } from './scripts/bundle-data.ts';

/**
 * Packages that load files of their own folder at run time, or are loaded only when needed, stay in
 * node_modules: PGlite (its WebAssembly and data files, in a worker thread: hq/db/embedded.ts), Argon2 (a
 * native addon), pdfkit (its font metrics) and qrcode (with the first document: hq/mail/documents-pdf.ts),
 * the S3 SDK (only with S3_BUCKET: hq/serve.ts). Inside main.mjs a package cannot find files of its own
 * folder: pino's transports (a worker thread started from a file) would not start, and HQ's logger has none
 * (hq/app.ts: `logger` true or false).
 */
const KEPT_IN_NODE_MODULES = [
  '@electric-sql/pglite',
  '@electric-sql/pglite-socket',
  '@node-rs/argon2',
  '@aws-sdk/client-s3',
  'pdfkit',
  'qrcode',
];

/**
 * HQ for Node: hq/main.ts (with the shared/ code it uses) bundled into dist/hq/main.mjs, with the packages
 * every command loads (zod, pg, date-holidays…), and the server in serve.mjs (Fastify, nodemailer…): a few
 * files to read instead of some 800 modules to find and load one by one (issue 17: CI time). On the
 * two-core machine, alternating five each, before the server became a chunk of its own: loading it
 * (`main.mjs --help`) 0.52 → 0.31–0.35 CPU-s; `serve` on a migrated database until "listening"
 * 0.97–1.09 → 0.80–0.88 CPU-s. The test suites start HQ some 85 times. The calendar libraries' data is
 * the branch countries' only, as in the branch app (scripts/bundle-data.ts): the same holidays on both
 * sides, and 0.78–0.84 CPU-s to "listening".
 */
export default defineConfig({
  publicDir: false,
  plugins: calendarDataOfBranchCountries(),
  ssr: { noExternal: true, external: KEPT_IN_NODE_MODULES },
  build: {
    ssr: 'hq/main.ts',
    outDir: 'dist/hq',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    // A module loaded only when needed is a chunk beside main.mjs, an ES module too: the server and the mail
    // worker (serve.mjs, hq/serve.ts: the administration commands load neither Fastify nor the mail
    // transport; `enroll` or `user add` through a running HQ 0.31–0.32 → 0.22–0.24 CPU-s, five each,
    // alternating; `serve` unchanged at 0.71–0.75), the S3 store (only with S3_BUCKET). The chunks import
    // what they share from each other and from main.mjs, so main.mjs must load from its own folder under one
    // address (as every launcher does) and keep no top-level await before it imports a chunk.
    rollupOptions: { output: { format: 'esm', entryFileNames: 'main.mjs', chunkFileNames: '[name].mjs' } },
  },
});
