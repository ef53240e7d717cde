import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The size budgets of a package's browser entries, the one way every package declares them: each budget
 * is the min+gzip size of what `import` pulls from the built entry, with the package's peer dependencies
 * excluded (the app has those anyway). Checked by `size-limit` in `check:package`.
 *
 * @example
 * // packages/<name>/.size-limit.js
 * import { sizeBudgets } from '../../size-limit.shared.js';
 * export default sizeBudgets(import.meta.dirname, [
 *   { entry: 'dist/client/next-client.js', import: '{ PostHogIdentify }', limit: '1 KB' },
 * ]);
 *
 * @param {string} packageDirectory
 * @param {{ entry: string; import: string; limit: string }[]} budgets
 */
export function sizeBudgets(packageDirectory, budgets) {
  const manifest = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8'));
  const peers = Object.keys(manifest.peerDependencies ?? {});
  return budgets.map((budget) => ({
    name: `${budget.entry} ${budget.import}, min+gzip, peers excluded`,
    path: budget.entry,
    import: budget.import,
    ignore: peers,
    limit: budget.limit,
    gzip: true,
  }));
}
