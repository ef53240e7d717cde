import { nodeAndEdgeConfig } from '../../vitest.shared';

export default nodeAndEdgeConfig([
  'src/cli/**',
  // The guide's authorizer, a baseline here, runs on jsonwebtoken, which needs node:crypto.
  'src/gateway-cache.test.ts',
  // The synchronous RS256 path is Node's (node:crypto).
  'src/node-rs256.node.test.ts',
]);
