import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser tests visit every page of the built site.
    testTimeout: 600_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
