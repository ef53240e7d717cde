/**
 * Writes the pages the site builds from other files of the repository, before `astro build`:
 * - `src/content/docs/packages/<slug>.md`, one per published package, from its README;
 * - `public/tour/*.png`, the example app's screenshots taken by its browser tests
 *   (`apps/example/e2e/docs-screenshots.test.ts`).
 * Both are ignored by git: the README and the app stay the only sources.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { publicPackages, repoRoot, repositoryUrl } from './packages.ts';
import { readmePage } from './readme-page.ts';

export const appDir = path.resolve(import.meta.dirname, '..');
export const screenshotsDir = path.join(repoRoot, 'apps/example/test-results/docs-screenshots');
const pagesDir = path.join(appDir, 'src/content/docs/packages');
/** The opening text of each package's API reference (TypeDoc's `readme`), by slug. */
export const apiIntroDir = path.join(appDir, '.typedoc');
const tourDir = path.join(appDir, 'public/tour');

/** Fails the build when a published package is not a dependency of the site, so turbo builds it first. */
function checkDependencies(names: string[]): void {
  const manifest = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as {
    devDependencies?: Record<string, string>;
  };
  const missing = names.filter((name) => !manifest.devDependencies?.[name]);
  if (missing.length > 0) {
    throw new Error(
      `docs: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in apps/docs/package.json. Add "${missing[0]}": "workspace:*" to its devDependencies, so that turbo builds the package before the site type-checks its snippets.`,
    );
  }
}

export function generatePackagePages(): string[] {
  const packages = publicPackages();
  checkDependencies(packages.map((pkg) => pkg.name));
  const packageSlugs = new Set(packages.map((pkg) => pkg.slug));
  const repository = repositoryUrl();
  rmSync(pagesDir, { recursive: true, force: true });
  mkdirSync(pagesDir, { recursive: true });
  rmSync(apiIntroDir, { recursive: true, force: true });
  mkdirSync(apiIntroDir, { recursive: true });
  const written: string[] = [];
  for (const pkg of packages) {
    const readmeFile = path.join(pkg.dir, 'README.md');
    if (!existsSync(readmeFile)) {
      throw new Error(
        `docs: ${pkg.name} has no README.md. Write one: its page on the site is built from it.`,
      );
    }
    const page = readmePage(readFileSync(readmeFile, 'utf8'), {
      readmePath: path.relative(repoRoot, readmeFile),
      packageSlugs,
      repositoryUrl: repository,
      repoRoot,
    });
    const file = path.join(pagesDir, `${pkg.slug}.md`);
    writeFileSync(
      file,
      `${page}\n## API reference\n\nEvery export of ${pkg.name}, generated from its TSDoc: [API reference](../../api/${pkg.slug}/readme/).\n`,
    );
    // No relative links here: TypeDoc would copy their targets into the site as media.
    const entries = pkg.entries
      .map((entry) => `- \`${path.posix.join(pkg.name, entry.subpath)}\``)
      .join('\n');
    writeFileSync(
      path.join(apiIntroDir, `${pkg.slug}.md`),
      `The exports of \`${pkg.name}\`, generated from the TSDoc in its source. Entries:\n\n${entries}\n`,
    );
    written.push(file);
  }
  return written;
}

/** Copies the example app's screenshots into `public/tour/`; returns their names. */
export function copyScreenshots(): string[] {
  rmSync(tourDir, { recursive: true, force: true });
  if (!existsSync(screenshotsDir)) return [];
  mkdirSync(tourDir, { recursive: true });
  const names = readdirSync(screenshotsDir).filter((name) => name.endsWith('.png'));
  for (const name of names) copyFileSync(path.join(screenshotsDir, name), path.join(tourDir, name));
  return names;
}

if (import.meta.main) {
  const pages = generatePackagePages();
  const screenshots = copyScreenshots();
  console.info(`docs: ${pages.length} package pages, ${screenshots.length} screenshots`);
}
