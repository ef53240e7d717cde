import { defineConfig, type Options } from 'tsup';

const shared: Options = { format: ['esm', 'cjs'], dts: true, sourcemap: true, clean: true, target: 'node22' };

export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts', next: 'src/next/index.ts' }, outDir: 'dist/main' },
  // The React entry is imported from client components and server pages alike: it declares itself a
  // client module (bundlers drop a directive from the source, hence the banner and its own folder).
  {
    ...shared,
    entry: { react: 'src/react/index.ts' },
    outDir: 'dist/client',
    banner: { js: "'use client';" },
  },
]);
