import { builtinModules } from 'node:module';
import { defineConfig, type EnvironmentOptions } from 'vite';

/**
 * The Electron main process and the preload, each bundled into one CommonJS file in dist/electron/.
 * Two separate builds (not two inputs of one), so no chunk is shared: the sandboxed preload can
 * require only `electron`, and the main bundle needs nothing from node_modules at run time.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

function bundle(entry: string, name: string, external: string[], emptyOutDir: boolean): EnvironmentOptions {
  return {
    consumer: 'server',
    resolve: { noExternal: true, external },
    build: {
      outDir: 'dist/electron',
      emptyOutDir,
      target: 'node20',
      minify: false,
      sourcemap: true,
      rollupOptions: {
        input: entry,
        external: (id) => external.includes(id) || id.startsWith('electron/'),
        output: { format: 'cjs', entryFileNames: `${name}.cjs` },
      },
    },
  };
}

export default defineConfig({
  publicDir: false,
  environments: {
    main: bundle('electron/main.ts', 'main', ['electron', ...nodeBuiltins], true),
    preload: bundle('electron/preload.ts', 'preload', ['electron'], false),
  },
  // Setting `builder` makes a plain `vite build --config …` build both environments, in this order.
  builder: {
    async buildApp(builder) {
      const { main, preload } = builder.environments;
      if (!main || !preload) throw new Error('electron build environments are missing');
      await builder.build(main);
      await builder.build(preload);
    },
  },
});
