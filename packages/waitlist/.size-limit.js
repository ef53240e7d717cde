import { sizeBudgets } from '../../size-limit.shared.js';

// Browser entries: the waiting room's refresh hook, and the core status check.
export default sizeBudgets(import.meta.dirname, [
  { entry: 'dist/client/next-client.js', import: '{ useWaitlistRefresh }', limit: '1 KB' },
  { entry: 'dist/lib/index.js', import: '{ createWaitlist }', limit: '3 KB' },
]);
