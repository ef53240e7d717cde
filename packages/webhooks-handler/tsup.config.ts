import { definePackageBuild } from '../../tsup.shared';

export default definePackageBuild({
  entries: { index: 'src/index.ts', stripe: 'src/stripe/index.ts', drizzle: 'src/drizzle/index.ts' },
  // The CLI is self-contained: the kit's sample builders and signer are bundled (tree-shaken to what it
  // uses), so installing the package adds no dependency for it.
  bin: { 'clerkship-webhooks': 'src/cli/main.ts' },
  binBundles: ['@clerkship/testing'],
});
