import { createAblyTokenRoute } from '@clerkship/ably-token/next';
import { chatPolicy } from '@/lib/chat-policy';

/** Ably's `authUrl`: `new Realtime({ authUrl: '/api/ably' })`. */
export const GET = createAblyTokenRoute(chatPolicy, { ttlSeconds: 3600 });
