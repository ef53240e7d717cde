import { definePackageBuild } from '../../tsup.shared';

export default definePackageBuild({
  entries: {
    index: 'src/index.ts',
    drizzle: 'src/drizzle/index.ts',
    next: 'src/next/index.ts',
    signup: 'src/signup/index.ts',
  },
});
