import { sizeBudgets } from '../../size-limit.shared.js';

// The moderation check and channel matching run in the browser, next to Ably's client.
export default sizeBudgets(import.meta.dirname, [
  { entry: 'dist/lib/index.js', import: '{ canModifyMessage, channelOperations }', limit: '1 KB' },
]);
