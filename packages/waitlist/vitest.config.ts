import { configDefaults, defineConfig } from 'vitest/config';

// The core claims edge support (it runs in Next middleware and edge route handlers), so its suite also
// runs under the edge runtime. The /next adapter runs where Next.js runs it: Node.
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'node', environment: 'node' } },
      {
        extends: true,
        test: {
          name: 'edge-runtime',
          environment: 'edge-runtime',
          exclude: [...configDefaults.exclude, 'src/next/**', 'src/react/**', 'src/exports.test.ts'],
        },
      },
    ],
  },
});
