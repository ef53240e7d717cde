import { definePackageBuild } from '../../tsup.shared';

export default definePackageBuild({ entries: { index: 'src/index.ts', next: 'src/next/index.ts' } });
