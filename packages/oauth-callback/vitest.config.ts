import { nodeAndEdgeConfig } from '../../vitest.shared';

// The Next.js adapter and the browser attack test (node:http, Chromium) run under Node only.
export default nodeAndEdgeConfig(['src/next/**', 'e2e/**']);
