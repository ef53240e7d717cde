// `pnpm bench`: every package's benchmarks, one package and one file at a time (benchmarks that share
// the machine disturb each other: a handler's floor dropped 3x with a store benchmark beside it), then
// one table of the ratios each benchmark reports against the baseline of its group.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const packages = readdirSync(path.join(root, 'packages'))
  .map((folder) => path.join(root, 'packages', folder))
  .map((directory) => {
    try {
      return { directory, manifest: JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) };
    } catch {
      return undefined;
    }
  })
  .filter((entry) => entry?.manifest.scripts?.bench)
  .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  return result.status ?? 1;
}

// The benchmarks import the built packages they depend on.
const filters = packages.flatMap(({ manifest }) => ['--filter', `${manifest.name}^...`]);
if (run('pnpm', ['exec', 'turbo', 'run', 'build', ...filters]) !== 0) process.exit(1);

const output = mkdtempSync(path.join(tmpdir(), 'clerkship-bench-'));
const rows = [];
const failed = [];
for (const { directory, manifest } of packages) {
  console.info(`\n=== ${manifest.name} ===`);
  const json = path.join(output, `${manifest.name.replace(/\W+/g, '-')}.json`);
  const status = run('pnpm', ['run', 'bench', '--no-file-parallelism', '--outputJson', json], {
    cwd: directory,
  });
  if (status !== 0) {
    failed.push(manifest.name);
    continue;
  }
  const report = JSON.parse(readFileSync(json, 'utf8'));
  for (const file of report.files ?? []) {
    for (const group of file.groups ?? []) {
      const benchmarks = (group.benchmarks ?? []).filter((benchmark) => benchmark.hz > 0);
      const slowest = Math.min(...benchmarks.map((benchmark) => benchmark.hz));
      for (const benchmark of benchmarks) {
        rows.push({
          package: manifest.name.replace('@clerkship/', ''),
          group: group.fullName.replace(/^.*?\.bench\.ts > /, ''),
          benchmark: benchmark.name,
          hz: benchmark.hz,
          ratio: benchmark.hz / slowest,
        });
      }
    }
  }
}
rmSync(output, { recursive: true, force: true });

const table = [
  ['package', 'group', 'benchmark', 'ops/s', '× slowest in group'],
  ...rows.map((row) => [
    row.package,
    row.group.length > 60 ? `${row.group.slice(0, 57)}...` : row.group,
    row.benchmark.length > 50 ? `${row.benchmark.slice(0, 47)}...` : row.benchmark,
    row.hz >= 100 ? Math.round(row.hz).toLocaleString('en') : row.hz.toFixed(1),
    `${row.ratio.toFixed(2)}×`,
  ]),
];
const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
console.info(
  '\n=== Summary: each benchmark against the slowest of its group (the baseline or the guide) ===',
);
for (const [index, line] of table.entries()) {
  console.info(
    line
      .map((cell, column) => (column >= 3 ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  '),
  );
  if (index === 0) console.info(widths.map((width) => '-'.repeat(width)).join('  '));
}
if (failed.length > 0) {
  console.error(`\nbench: failed in ${failed.join(', ')}`);
  process.exit(1);
}
