import { definePackageBuild } from '../../tsup.shared';

export default definePackageBuild({
  entries: { index: 'src/index.ts', server: 'src/server/index.ts' },
  // Imported from server layouts, so it must declare itself a client module.
  clientEntries: { 'next-client': 'src/next/client/index.ts' },
});
