import type { WaitlistEntryJSON } from '@clerk/backend';
import { createClerkId } from './clerk-id';
import type { EventContext } from './event-context';

/**
 * Carol on the waitlist. `waitlistEntry.created` reports her joining (`pending`, no invitation);
 * `waitlistEntry.updated` usually reports her being let in (`invited`, with the invitation Clerk sent).
 */
export function waitlistEntry({ now }: EventContext, status: 'pending' | 'invited'): WaitlistEntryJSON {
  const emailAddress = 'carol@example.com';
  return {
    object: 'waitlist_entry',
    id: createClerkId('wle'),
    status,
    email_address: emailAddress,
    invitation:
      status === 'invited'
        ? {
            object: 'invitation',
            id: createClerkId('inv'),
            email_address: emailAddress,
            public_metadata: {},
            revoked: false,
            status: 'pending',
            created_at: now,
            updated_at: now,
          }
        : null,
    is_locked: false,
    created_at: now,
    updated_at: now,
  };
}
