import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    stripe: 'src/stripe/index.ts',
    'clerk-api': 'src/clerk-api/index.ts',
    postgres: 'src/postgres/index.ts',
    'stripe-api': 'src/stripe-api/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node22',
});
