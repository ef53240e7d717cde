import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The test setup every package shares: the suite runs under Node and under the edge runtime (Vercel
 * Edge, Next middleware), because package cores claim edge support. `nodeOnly` lists the files that run
 * where only Node runs them (framework adapters, HTTP servers), and the export snapshot is checked once.
 */
export function nodeAndEdgeConfig(nodeOnly: readonly string[]) {
  return defineConfig({
    test: {
      // Turbo runs every package's suite at once next to builds: starting PGlite or running a property
      // test can take several times longer than on an idle machine.
      testTimeout: 20_000,
      hookTimeout: 60_000,
      projects: [
        { extends: true, test: { name: 'node', environment: 'node' } },
        {
          extends: true,
          test: {
            name: 'edge-runtime',
            environment: 'edge-runtime',
            exclude: [...configDefaults.exclude, ...nodeOnly, 'src/exports.test.ts'],
          },
        },
      ],
    },
  });
}
