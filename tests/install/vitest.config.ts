import { defineConfig } from 'vitest/config';

// One long test per scenario: packing, an npm install and two type-checks take minutes on a busy machine.
export default defineConfig({
  test: { include: ['install.test.ts'], testTimeout: 900_000, hookTimeout: 900_000 },
});
