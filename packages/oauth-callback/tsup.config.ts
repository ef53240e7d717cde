import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', next: 'src/next/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node22',
});
