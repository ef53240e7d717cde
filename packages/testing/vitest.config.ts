import { configDefaults, defineConfig } from 'vitest/config';

// The kit signs tokens and webhooks with Web Crypto only, so its suite runs under Node and under the
// edge runtime (Vercel Edge / Next middleware), as users' own tests may. The Backend API fake is an
// HTTP server: Node only.
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'node', environment: 'node' } },
      {
        extends: true,
        test: {
          name: 'edge-runtime',
          environment: 'edge-runtime',
          exclude: [...configDefaults.exclude, 'src/clerk-api/**', 'src/exports.test.ts'],
        },
      },
    ],
  },
});
