import { createAblyTokenRoute } from '@clerkship/ably-token/next';
import { chatPolicy } from '@/lib/chat-policy';
import { guard } from '@/lib/guard';
import { waitlist } from '@/lib/waitlist';

/** Ably's `authUrl`: `new Realtime({ authUrl: '/api/ably' })`. One `auth()` call: the guard's. */
export const GET = guard.route(waitlist.approved, createAblyTokenRoute(chatPolicy, { ttlSeconds: 3600 }));
