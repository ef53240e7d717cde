import { configDefaults, defineConfig } from 'vitest/config';

// The core claims edge support (it runs in Next middleware and edge route handlers), so its suite also
// runs under the edge runtime. The /react and /server entries run in the browser and on Node.
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'node', environment: 'node' } },
      {
        extends: true,
        test: {
          name: 'edge-runtime',
          environment: 'edge-runtime',
          exclude: [...configDefaults.exclude, 'src/server/**', 'src/react/**', 'src/exports.test.ts'],
        },
      },
    ],
  },
});
