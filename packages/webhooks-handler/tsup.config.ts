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
    // Bundled so that only the sample builders and the signer come along, not the kit's session-token
    // helpers (which need @clerk/backend, an optional peer here).
    noExternal: ['@clerkship/testing'],
  },
]);
