import type { UserDeletedJSON, UserJSON } from '@clerk/backend';
import { createClerkId } from './clerk-id';
import { deletedObject } from './deleted-object';
import type { EventContext } from './event-context';

/** Alice, a user who signed up with a verified email address and a password. */
export function user({ now }: EventContext): UserJSON {
  const id = createClerkId('user');
  const emailId = createClerkId('idn');
  return {
    object: 'user',
    id,
    username: null,
    first_name: 'Alice',
    last_name: 'Example',
    image_url: `https://img.clerk.com/${id}`,
    has_image: false,
    primary_email_address_id: emailId,
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    password_enabled: true,
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    email_addresses: [
      {
        object: 'email_address',
        id: emailId,
        email_address: 'alice@example.com',
        // Clerk sends verification objects whose `object` names no ObjectType in @clerk/backend's types.
        verification: {
          object: 'verification' as never,
          id: createClerkId('ver'),
          status: 'verified',
          strategy: 'email_code',
          attempts: 1,
          expire_at: now + 600_000,
        },
        linked_to: [],
      },
    ],
    phone_numbers: [],
    web3_wallets: [],
    organization_memberships: null,
    external_accounts: [],
    enterprise_accounts: [],
    password_last_updated_at: now,
    public_metadata: {},
    private_metadata: {},
    unsafe_metadata: {},
    external_id: null,
    last_sign_in_at: null,
    banned: false,
    locked: false,
    deprovisioned: false,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: 100,
    created_at: now,
    updated_at: now,
    last_active_at: null,
    create_organization_enabled: true,
    create_organizations_limit: null,
    delete_self_enabled: true,
    legal_accepted_at: null,
    locale: null,
    timezone: null,
  };
}

/** `user.deleted`: the id only (and `external_id` when one was set, which Alice has not). */
export function userDeleted(): UserDeletedJSON {
  return deletedObject('user', 'user');
}
