// `pnpm bench`: every package's benchmarks, one package and one file at a time (benchmarks that share
// the machine disturb each other: a handler's floor dropped 3x with a store benchmark beside it), then
// one table of the ratios each benchmark reports against the baseline of its group.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);
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
  // `pnpm bench rbac licensing`: only those packages.
  .filter((entry) => only.length === 0 || only.includes(entry.manifest.name.replace('@clerkship/', '')))
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
  const status = run(
    'pnpm',
    [
      'run',
      'bench',
      ...(manifest.scripts.bench.includes('file-parallelism') ? [] : ['--no-file-parallelism']),
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${json}`,
    ],
    { cwd: directory },
  );
  if (status !== 0) {
    failed.push(manifest.name);
    continue;
  }
  // vitest's JSON report: each test's `bench.compare(...)` results, as `benchmarks[].tasks[]`.
  const report = JSON.parse(readFileSync(json, 'utf8'));
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      for (const comparison of test.benchmarks ?? []) {
        const tasks = (comparison.tasks ?? [])
          .map((task) => ({
            name: task.name,
            hz: task.throughput?.mean ?? 1000 / (task.latency?.mean ?? Infinity),
          }))
          .filter((task) => task.hz > 0 && Number.isFinite(task.hz));
        const slowest = Math.min(...tasks.map((task) => task.hz));
        for (const task of tasks) {
          rows.push({
            package: manifest.name.replace('@clerkship/', ''),
            group: comparison.name || test.title,
            benchmark: task.name,
            hz: task.hz,
            ratio: task.hz / slowest,
          });
        }
      }
    }
  }
}
rmSync(output, { recursive: true, force: true });

const table = [
  ['package', 'group', 'benchmark', 'ops/s', '× slowest'],
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
  '\n=== Summary: each benchmark against the slowest of its comparison (usually the baseline or the guide) ===',
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
