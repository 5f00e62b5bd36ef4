/**
 * The Node flags of the HQ processes the tests start (the production build, on PGlite or PostgreSQL).
 * `--liftoff-only`: V8 compiles PGlite's WebAssembly with its baseline compiler only, without optimising the
 * hot functions again in the background. A test's HQ lives for seconds and does little work, so that
 * second compile was most of its start: measured on the two-core machine, three starts each, the CPU of a
 * start until three seconds after "listening" was 2.2-2.9 s against 3.7-5.0 s; an e2e run starts HQ
 * some forty times (restarts after kills included). The same code runs, only compiled differently; HQ
 * itself (`npm start`, the benchmarks) keeps V8's defaults. The integration suite's workers, which run HQ on
 * PGlite in-process, take the same flags (vitest.config.ts).
 */
export const HQ_NODE_FLAGS = ['--liftoff-only'];
