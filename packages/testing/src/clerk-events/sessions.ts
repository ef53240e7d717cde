import type { SessionWebhookEvent } from '@clerk/backend';
import { createClerkId } from './clerk-id';
import { day, type EventContext } from './event-context';
import { user } from './users';

/**
 * A session of Alice's in the given state. `session.*` events carry the user with the session; a
 * `pending` session is one with a task left (choosing an organization, say) before it becomes active.
 */
export function session(
  context: EventContext,
  status: 'active' | 'pending' | 'ended' | 'removed' | 'revoked',
): SessionWebhookEvent['data'] {
  const { now } = context;
  const sessionUser = user(context);
  return {
    object: 'session',
    id: createClerkId('sess'),
    client_id: createClerkId('client'),
    user_id: sessionUser.id,
    status,
    actor: null,
    last_active_at: now,
    expire_at: now + 7 * day,
    abandon_at: now + 30 * day,
    created_at: now,
    updated_at: now,
    user: sessionUser,
  };
}
