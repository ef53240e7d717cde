import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', stripe: 'src/stripe/index.ts', drizzle: 'src/drizzle/index.ts' },
    outDir: 'dist/lib',
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node22',
  },
  {
    // The CLI is an executable ES module, not part of the importable API; its own folder keeps the two
    // builds from cleaning each other's output.
    entry: { 'clerkship-webhooks': 'src/cli/main.ts' },
    outDir: 'dist/bin',
    format: ['esm'],
    sourcemap: true,
    clean: true,
    target: 'node22',
    banner: { js: '#!/usr/bin/env node' },
    // Self-contained: the kit's sample builders and signer are bundled (tree-shaken to what the CLI
    // uses), so installing the package adds no dependency for it.
    noExternal: ['@clerkship/testing'],
    treeshake: { preset: 'smallest' },
  },
]);
