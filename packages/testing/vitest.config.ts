import { nodeAndEdgeConfig } from '../../vitest.shared';

// The Stripe fake's in-process test (`stripe-fake.test.ts`) also runs on the edge runtime; the rest
// start HTTP servers or a browser.
export default nodeAndEdgeConfig([
  'src/clerk-api/**',
  'src/postgres/**',
  'src/stripe-api/**/!(stripe-fake).test.ts',
]);
