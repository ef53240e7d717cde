import { defineConfig, type Options } from 'tsup';

/** What a package builds: the one build of every `@clerkship/*` package, into one layout. */
export interface PackageBuild {
  /** Importable entries (`name → source`), built to `dist/lib/<name>.{js,cjs,d.ts,d.cts}`. */
  entries: Record<string, string>;
  /**
   * Entries imported from client components (React hooks, providers), built to `dist/client/<name>.*`
   * with a `'use client'` banner: bundlers drop a directive written in the source.
   */
  clientEntries?: Record<string, string>;
  /** Executables (`name → source`), self-contained ES modules in `dist/bin/<name>.js`. */
  bin?: Record<string, string>;
  /** Workspace packages bundled into the executables (besides `@clerkship/internal`). */
  binBundles?: string[];
  /**
   * ES modules only, no CommonJS build: for a package whose dependencies are ES modules only, which a
   * CommonJS build could `require()` only on Node >= 22.12 (`engines` allows 22.0).
   */
  esmOnly?: boolean;
}

// The private shared package is bundled into each published package (code and declarations), so users
// install nothing extra and no package depends on another at run time.
const internal = [/^@clerkship\/internal(\/|$)/];

const common: Options = {
  format: ['esm', 'cjs'],
  // Declarations: resolve the internal package's source and its relative imports into each bundle.
  dts: { resolve: [...internal, /^\./] },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  noExternal: internal,
};

/**
 * The tsup configuration of a package. Each output folder is built and cleaned by one configuration, so
 * the builds never clean each other's output.
 *
 * @example
 * // packages/<name>/tsup.config.ts
 * export default definePackageBuild({ entries: { index: 'src/index.ts', next: 'src/next/index.ts' } });
 */
export function definePackageBuild(build: PackageBuild) {
  const library: Options = { ...common, format: build.esmOnly ? ['esm'] : ['esm', 'cjs'] };
  const configs: Options[] = [{ ...library, entry: build.entries, outDir: 'dist/lib' }];
  if (build.clientEntries) {
    configs.push({
      ...library,
      entry: build.clientEntries,
      outDir: 'dist/client',
      banner: { js: "'use client';" },
    });
  }
  if (build.bin) {
    configs.push({
      entry: build.bin,
      outDir: 'dist/bin',
      format: ['esm'],
      sourcemap: true,
      clean: true,
      target: 'node22',
      banner: { js: '#!/usr/bin/env node' },
      noExternal: [...internal, ...(build.binBundles ?? [])],
      treeshake: { preset: 'smallest' },
    });
  }
  return defineConfig(configs);
}
