import type {
  DeletedObjectJSON,
  OrganizationJSON,
  OrganizationMembershipJSON,
  UserJSON,
  WebhookEvent,
  WebhookEventType,
} from '@clerk/backend';
import { TestingError } from './errors';

/**
 * The Clerk webhook event of one `type`, with `data` typed for it. A distributive conditional, because
 * `Extract<WebhookEvent, { type: 'user.created' }>` is `never`: Clerk's union members carry unions of
 * type strings (`'user.created' | 'user.updated'`).
 */
export type ClerkEvent<T extends WebhookEventType = WebhookEventType> = WebhookEvent extends infer E
  ? E extends { type: infer U }
    ? T extends U
      ? Omit<E, 'type'> & { type: T }
      : never
    : never
  : never;

/** The event types `createClerkEvent` builds payloads for. */
export type BuildableClerkEventType =
  | 'user.created'
  | 'user.updated'
  | 'user.deleted'
  | 'organization.created'
  | 'organization.updated'
  | 'organization.deleted'
  | 'organizationMembership.created'
  | 'organizationMembership.updated'
  | 'organizationMembership.deleted'
  | 'session.created'
  | 'session.ended'
  | 'session.removed'
  | 'session.revoked';

/** Envelope fields of a built event. */
export interface ClerkEventOptions {
  /** Milliseconds since the epoch, as in Clerk's `timestamp`. Defaults to now. */
  timestamp?: number;
  /** The Clerk instance that sent it. */
  instanceId?: string;
}

const base62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A Clerk-style object id: prefix, underscore, 27 base-62 characters. */
export function createClerkId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(27));
  return `${prefix}_${Array.from(bytes, (byte) => base62[byte % 62]).join('')}`;
}

function user(now: number): UserJSON {
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

function organization(now: number): OrganizationJSON {
  const id = createClerkId('org');
  return {
    object: 'organization',
    id,
    name: 'Acme Inc',
    slug: 'acme-inc',
    image_url: `https://img.clerk.com/${id}`,
    has_image: false,
    members_count: 1,
    pending_invitations_count: 0,
    max_allowed_memberships: 5,
    admin_delete_enabled: true,
    public_metadata: {},
    private_metadata: {},
    created_by: createClerkId('user'),
    created_at: now,
    updated_at: now,
  };
}

function membership(now: number): OrganizationMembershipJSON {
  const member = user(now);
  return {
    object: 'organization_membership',
    id: createClerkId('orgmem'),
    role: 'org:member',
    permissions: ['org:sys_memberships:read'],
    public_metadata: {},
    private_metadata: {},
    created_at: now,
    updated_at: now,
    organization: organization(now),
    public_user_data: {
      identifier: 'alice@example.com',
      first_name: member.first_name,
      last_name: member.last_name,
      image_url: member.image_url,
      has_image: false,
      user_id: member.id,
    },
  };
}

function deleted(object: string, prefix: string): DeletedObjectJSON {
  return { object, id: createClerkId(prefix), deleted: true };
}

function session(now: number): ClerkEvent<'session.created'>['data'] {
  const sessionUser = user(now);
  return {
    object: 'session',
    id: createClerkId('sess'),
    client_id: createClerkId('client'),
    user_id: sessionUser.id,
    status: 'active',
    actor: null,
    last_active_at: now,
    expire_at: now + 7 * 24 * 3600_000,
    abandon_at: now + 30 * 24 * 3600_000,
    created_at: now,
    updated_at: now,
    user: sessionUser,
  };
}

const dataBuilders: { [T in BuildableClerkEventType]: (now: number) => ClerkEvent<T>['data'] } = {
  'user.created': user,
  'user.updated': user,
  'user.deleted': () => deleted('user', 'user'),
  'organization.created': organization,
  'organization.updated': organization,
  'organization.deleted': () => deleted('organization', 'org'),
  'organizationMembership.created': membership,
  'organizationMembership.updated': membership,
  'organizationMembership.deleted': membership,
  'session.created': session,
  'session.ended': (now: number) => ({ ...session(now), status: 'ended' }),
  'session.removed': (now: number) => ({ ...session(now), status: 'removed' }),
  'session.revoked': (now: number) => ({ ...session(now), status: 'revoked' }),
};

/**
 * Builds a Clerk webhook event shaped like what Clerk sends: the `{ data, object: 'event', type,
 * timestamp, instance_id, event_attributes }` envelope and a complete `data` object with fresh ids.
 * `data` fields you pass replace the defaults (shallowly).
 *
 * @example
 * const event = createClerkEvent('organizationMembership.created', {
 *   role: 'org:manager',
 *   public_user_data: { ...defaults, user_id: 'user_alice' },
 * });
 * const request = await createClerkWebhookRequest(event, { secret });
 *
 * @throws {TestingError} `invalid_event` for a type it has no builder for.
 */
export function createClerkEvent<T extends BuildableClerkEventType>(
  type: T,
  data: Partial<ClerkEvent<T>['data']> = {},
  options: ClerkEventOptions = {},
): ClerkEvent<T> {
  const build = dataBuilders[type] as ((now: number) => ClerkEvent<T>['data']) | undefined;
  if (!build) {
    throw new TestingError(
      'invalid_event',
      `no payload builder for "${String(type)}". Supported: ${Object.keys(dataBuilders).join(', ')}.`,
    );
  }
  const timestamp = options.timestamp ?? Date.now();
  return {
    data: { ...build(timestamp), ...data },
    object: 'event',
    type,
    timestamp,
    instance_id: options.instanceId ?? 'ins_clerkship_test',
    event_attributes: {
      http_request: {
        client_ip: '203.0.113.7',
        user_agent:
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
      },
    },
  } as unknown as ClerkEvent<T>;
}
