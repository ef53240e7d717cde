import { sizeBudgets } from '../../size-limit.shared.js';

// Browser entries: the client components, and the core that `<Can>` runs on.
export default sizeBudgets(import.meta.dirname, [
  { entry: 'dist/client/next-client.js', import: '{ createReactAccess }', limit: '3 KB' },
  { entry: 'dist/lib/index.js', import: '{ defineAccess }', limit: '3 KB' },
]);
