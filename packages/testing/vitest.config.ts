import { defineConfig } from 'vitest/config';

// The kit signs tokens and webhooks with Web Crypto only, so the suite runs under Node and under the
// edge runtime (Vercel Edge / Next middleware), as users' own tests may.
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'node', environment: 'node' } },
      { extends: true, test: { name: 'edge-runtime', environment: 'edge-runtime' } },
    ],
  },
});
