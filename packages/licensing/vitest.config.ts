import { nodeAndEdgeConfig } from '../../vitest.shared';

// The Postgres store, the Next.js functions and the Stripe / Clerk fakes (HTTP servers) run on Node only.
export default nodeAndEdgeConfig(['src/drizzle/**', 'src/next/**', 'src/**/*.node.test.ts', 'bench/**']);
