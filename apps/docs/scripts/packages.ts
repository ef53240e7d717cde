import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository root, two folders above this app. `astro.config.ts` (which runs from this file's real
 * place) hands it to the pages through the environment: they run bundled, from `dist/.prerender/`.
 */
export const repoRoot = process.env.CLERKSHIP_REPO_ROOT ?? path.resolve(import.meta.dirname, '../../..');
process.env.CLERKSHIP_REPO_ROOT = repoRoot;

/** The site's package pages and API reference cover these: every package in `packages/` that is published. */
export interface PublicPackage {
  /** `@clerkship/rbac` */
  name: string;
  /** `rbac`: the folder name, also the page's slug (`/packages/rbac/`). */
  slug: string;
  /** Absolute path of the package folder. */
  dir: string;
  description: string;
  /** Importable entries and the source file behind each (`.` → `src/index.ts`, `./next` → `src/next/index.ts`). */
  entries: { subpath: string; source: string }[];
}

interface Manifest {
  name: string;
  private?: boolean;
  description?: string;
  exports?: Record<string, unknown>;
}

/** `./next/client` → the first of `src/next/client/index.ts(x)`, `src/next/client.ts(x)` that exists. */
function entrySource(dir: string, subpath: string): string | undefined {
  const base = subpath === '.' ? 'src/index' : `src/${subpath.slice(2)}`;
  const candidates = subpath === '.' ? [base] : [`${base}/index`, base];
  for (const candidate of candidates) {
    for (const extension of ['.ts', '.tsx']) {
      const file = path.join(dir, candidate + extension);
      if (existsSync(file)) return file;
    }
  }
  return undefined;
}

/** Every published package of the repository, by folder name. Private ones (`packages/internal`) are left out. */
export function publicPackages(root = repoRoot): PublicPackage[] {
  const packagesDir = path.join(root, 'packages');
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(packagesDir, entry.name, 'package.json')))
    .map((entry) => {
      const dir = path.join(packagesDir, entry.name);
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
      return { dir, slug: entry.name, manifest };
    })
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, slug, manifest }) => ({
      name: manifest.name,
      slug,
      dir,
      description: manifest.description ?? '',
      entries: Object.keys(manifest.exports ?? { '.': null })
        .filter((subpath) => subpath !== './package.json')
        .flatMap((subpath) => {
          const source = entrySource(dir, subpath);
          return source ? [{ subpath, source }] : [];
        }),
    }))
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

/** The GitHub repository the packages point to (`repository.url` of the first one), as an https URL. */
export function repositoryUrl(root = repoRoot): string {
  for (const pkg of publicPackages(root)) {
    const manifest = JSON.parse(readFileSync(path.join(pkg.dir, 'package.json'), 'utf8')) as {
      repository?: { url?: string } | string;
    };
    const url = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
    if (url) return url.replace(/^git\+/, '').replace(/\.git$/, '');
  }
  return 'https://github.com/clerkship/clerkship';
}
