/**
 * The site's build: the example app's screenshots (taken by its browser test when the ones on disk are
 * older than its build), the pages generated from the READMEs, then `astro build` (TypeDoc, Pagefind).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { appDir, copyScreenshots, generatePackagePages, screenshotsDir } from './generate.ts';
import { repoRoot } from './packages.ts';

const exampleDir = path.join(repoRoot, 'apps/example');
const exampleBuild = path.join(exampleDir, '.next/BUILD_ID');

function screenshotsAreFresh(): boolean {
  if (!existsSync(screenshotsDir)) return false;
  const shots = readdirSync(screenshotsDir).filter((name) => name.endsWith('.png'));
  const built = statSync(exampleBuild).mtimeMs;
  return shots.length > 0 && shots.every((name) => statSync(path.join(screenshotsDir, name)).mtimeMs > built);
}

const started = performance.now();
if (!existsSync(exampleBuild)) {
  console.warn(
    'docs: the example app is not built (apps/example/.next), so the tour keeps the screenshots it has.',
  );
} else if (!screenshotsAreFresh()) {
  console.info('docs: taking the example app screenshots (apps/example/e2e/docs-screenshots.test.ts)');
  execFileSync(path.join(exampleDir, 'node_modules/.bin/vitest'), ['run', 'e2e/docs-screenshots.test.ts'], {
    cwd: exampleDir,
    stdio: 'inherit',
  });
}
const pages = generatePackagePages();
const screenshots = copyScreenshots();
console.info(`docs: ${pages.length} package pages, ${screenshots.length} screenshots`);
execFileSync(path.join(appDir, 'node_modules/.bin/astro'), ['build'], {
  cwd: appDir,
  stdio: 'inherit',
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
});
console.info(`docs: built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
