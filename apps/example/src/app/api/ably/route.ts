import { createAblyTokenRoute } from '@clerkship/ably-token/next';
import { chatPolicy } from '@/lib/chat-policy';
import { betaGuards } from '@/lib/waitlist';

/** Ably's `authUrl`: `new Realtime({ authUrl: '/api/ably' })`. */
export const GET = betaGuards.route(createAblyTokenRoute(chatPolicy, { ttlSeconds: 3600 }));
