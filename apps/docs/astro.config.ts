import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { createStarlightTypeDocPlugin } from 'starlight-typedoc';
import { apiIntroDir } from './scripts/generate.ts';
import { publicPackages, repoRoot, repositoryUrl } from './scripts/packages.ts';
import { base, site } from './scripts/site.ts';

const packages = publicPackages();
const repository = repositoryUrl();

// One TypeDoc run per package, each with its own sidebar group, from the entries its package.json exports.
const apiReference = packages.map((pkg) => {
  const [plugin, sidebarGroup] = createStarlightTypeDocPlugin();
  return {
    sidebarGroup,
    plugin: plugin({
      entryPoints: pkg.entries.map((entry) => entry.source),
      tsconfig: `${pkg.dir}/tsconfig.json`,
      output: `api/${pkg.slug}`,
      sidebar: { label: pkg.name, collapsed: true, readmeLabel: 'Overview' },
      typeDoc: {
        name: pkg.name,
        // An opening page written by scripts/generate.ts; with `readme: 'none'` starlight-typedoc drops the
        // entry pages of a package with several entries, and the module list links to nothing.
        readme: `${apiIntroDir}/${pkg.slug}.md`,
        excludePrivate: true,
        excludeInternal: true,
        excludeExternals: true,
        disableGit: true,
        basePath: repoRoot,
        displayBasePath: `${pkg.dir}/src`,
        sourceLinkTemplate: `${repository}/blob/main/{path}#L{line}`,
        gitRevision: 'main',
        logLevel: 'Warn',
        // The packages type-check themselves; here only their public surface matters.
        skipErrorChecking: true,
      },
    }),
  };
});

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  output: 'static',
  integrations: [
    starlight({
      title: 'Clerkship',
      description:
        "Integration libraries for Clerk's guides, done properly: typed, tested, idempotent, offline.",
      social: [{ icon: 'github', label: 'GitHub', href: repository }],
      editLink: { baseUrl: `${repository}/edit/main/apps/docs/` },
      lastUpdated: false,
      customCss: ['./src/styles/site.css'],
      sidebar: [
        {
          label: 'Start',
          items: [
            { label: 'Overview', link: '/' },
            { label: 'Example app tour', slug: 'tour' },
            { label: 'Testing offline', slug: 'packages/testing' },
          ],
        },
        {
          label: 'Packages',
          items: packages.map((pkg) => ({ label: pkg.name, slug: `packages/${pkg.slug}` })),
        },
        { label: 'From the guide to Clerkship', items: [{ autogenerate: { directory: 'guides' } }] },
        { label: 'API reference', collapsed: true, items: apiReference.map((api) => api.sidebarGroup) },
      ],
      plugins: apiReference.map((api) => api.plugin),
    }),
  ],
});
