/**
 * `--liftoff-only`: V8 compiles PGlite's WebAssembly with its baseline compiler only, without optimising the
 * hot functions again in the background. A test's HQ lives for seconds and does little work, so that
 * second compile was most of its start: measured on the two-core machine, three starts each, the CPU of a
 * start until three seconds after "listening" was 2.2-2.9 s against 3.7-5.0 s; an e2e run starts HQ
 * some forty times (restarts after kills included). The integration suite's workers, which run HQ on PGlite
 * in-process, take it too (vitest.config.ts): 144.0 and 146.1 machine CPU-s without, 134.6 and 136.5 with.
 */
export const PGLITE_NODE_FLAGS = ['--liftoff-only'];

/**
 * The Node flags of the HQ processes the tests start (the production build, on PGlite or PostgreSQL): the
 * WebAssembly's, and JavaScript without V8's optimising compilers (TurboFan; Maglev, off by default in
 * Node 20's V8, stays off on a later Node), which a process of a few seconds rarely repays. The e2e `hq`
 * project, sampled by process, alternating, two runs each: HQ's processes took 50.9 and 52.0 CPU-s with
 * `--liftoff-only` alone, 46.5 and 46.9 with these (issue 17 item 5: CI time). The same code runs, only
 * compiled differently; HQ itself (`npm start`, the benchmarks) keeps V8's defaults. The integration
 * suite's workers keep the optimising compilers (PGLITE_NODE_FLAGS alone): they run 370 tests' JavaScript,
 * and one run with these flags took 144.3 machine CPU-s against 134.6-137.8 with `--liftoff-only` alone.
 */
export const HQ_NODE_FLAGS = [...PGLITE_NODE_FLAGS, '--no-opt', '--no-maglev'];

/**
 * What the tests' HQs run with, beside the flags: a 16MB buffer cache for the embedded database instead of
 * 128MB (HQ_EMBEDDED_SHARED_BUFFERS, hq/db/embedded.ts). PGlite clears the whole cache at every start: an
 * HQ start on the tests' migrated database took 0.82-0.88 CPU-s with 128MB and 0.74-0.78 with 16MB, six
 * starts each, alternating (issue 17 item 5: CI time); the tests hold a few megabytes. vitest.config.ts
 * gives it to the integration workers (and so to the HQ processes they start), playwright.config.ts to the
 * e2e workers; the benchmarks and `npm start` keep the default.
 */
export const TEST_HQ_ENV = { HQ_EMBEDDED_SHARED_BUFFERS: '16MB' };
