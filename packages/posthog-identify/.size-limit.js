import { sizeBudgets } from '../../size-limit.shared.js';

// Both entries run in the browser: the client component, and the framework-free core.
export default sizeBudgets(import.meta.dirname, [
  { entry: 'dist/client/next-client.js', import: '{ PostHogIdentify }', limit: '1 KB' },
  { entry: 'dist/lib/index.js', import: '{ syncIdentity }', limit: '1 KB' },
]);
