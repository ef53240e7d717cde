import { defineConfig } from 'vitest/config';

// The core claims edge support (it runs in Next middleware and edge route handlers), so the suite
// runs under Node and under the edge runtime.
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'node', environment: 'node' } },
      { extends: true, test: { name: 'edge-runtime', environment: 'edge-runtime' } },
    ],
  },
});
