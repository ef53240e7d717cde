import { definePackageBuild } from '../../tsup.shared';

export default definePackageBuild({
  entries: { index: 'src/index.ts' },
  bin: { 'clerkship-api-gateway': 'src/cli/main.ts' },
});
