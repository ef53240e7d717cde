import { defineConfig, type Options } from 'tsup';

const shared: Options = { format: ['esm', 'cjs'], dts: true, sourcemap: true, clean: true, target: 'es2022' };

export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts', server: 'src/server/index.ts' }, outDir: 'dist/main' },
  // The React entry is imported from server layouts, so it must declare itself a client module;
  // bundlers drop a directive from the source, hence the banner (and a separate output folder).
  {
    ...shared,
    entry: { react: 'src/react/index.ts' },
    outDir: 'dist/client',
    banner: { js: "'use client';" },
  },
]);
