import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
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
    entry: { 'clerkship-api-gateway': 'src/cli/main.ts' },
    outDir: 'dist/bin',
    format: ['esm'],
    sourcemap: true,
    clean: true,
    target: 'node22',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
