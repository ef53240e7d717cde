// Every entry of @clerkship/webhooks-handler, with its optional peers installed.
import type { UserJSON } from '@clerk/backend';
import { createWebhooksHandler } from '@clerkship/webhooks-handler';
import {
  createClerkMirror,
  createPostgresIdempotencyStore,
  webhookDeliveries,
} from '@clerkship/webhooks-handler/drizzle';
import { createStripeWebhooksHandler } from '@clerkship/webhooks-handler/stripe';

const secret = `whsec_${btoa('a 32-byte key for this test only')}`;
const users: UserJSON[] = [];
// Clerk's own UserJSON and ours are the same type.
createWebhooksHandler({ secret, onUserCreated: (user) => void users.push(user) });
createStripeWebhooksHandler({
  secret,
  on: { 'customer.created': (customer) => void customer.email },
});
if (typeof createClerkMirror !== 'function' || typeof createPostgresIdempotencyStore !== 'function') {
  throw new Error('the /drizzle entry is incomplete');
}
if (!webhookDeliveries) throw new Error('no webhookDeliveries table');
console.info('ok');
