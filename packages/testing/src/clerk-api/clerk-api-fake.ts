import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OrganizationJSON, OrganizationMembershipJSON, UserJSON } from '@clerk/backend';
import { createClerkEvent } from '../clerk-events';
import { TestingError } from '../errors';

/** One request the fake answered. */
export interface ClerkApiCall {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

/** A member of a seeded organization. */
export interface ClerkApiFakeMember {
  userId: string;
  /** The role key, e.g. `org:member`. */
  role: string;
  publicMetadata?: Record<string, unknown>;
}

/** An organization the fake starts with, and its members. */
export interface ClerkApiFakeOrganization {
  id: string;
  name: string;
  /** Defaults to the id. */
  slug?: string;
  publicMetadata?: Record<string, unknown>;
  members?: readonly ClerkApiFakeMember[];
}

/** How the fake starts. */
export interface ClerkApiFakeOptions {
  /** Users to hold: a number of generated users (`user_seed_001`…), or your own `UserJSON`s. */
  users?: number | readonly UserJSON[];
  /** Organizations to hold, with their memberships (their metadata is what the org endpoints change). */
  organizations?: readonly ClerkApiFakeOrganization[];
  /** Secret keys it accepts as `Authorization: Bearer`. Default: any `sk_test_…` / `sk_live_…`. */
  secretKeys?: readonly string[];
  /**
   * The role `POST /v1/organizations` gives its `created_by` user: Clerk's instance setting "Creator's
   * initial role" (Dashboard → Organizations → Roles). Default `org:admin`, as in a new Clerk instance.
   */
  creatorRole?: string;
}

/** A running Clerk Backend API fake. */
export interface ClerkApiFake {
  /** Give it to Clerk as `apiUrl` (or `CLERK_API_URL`). */
  url: string;
  /** Every request answered, in order. */
  readonly calls: readonly ClerkApiCall[];
  /** The users it holds, by id (live: updates show here). */
  readonly users: ReadonlyMap<string, UserJSON>;
  /** The organizations it holds, by id (live). */
  readonly organizations: ReadonlyMap<string, OrganizationJSON>;
  /** A user's membership in an organization (live), or `undefined` when the user is not a member. */
  membershipOf(organizationId: string, userId: string): OrganizationMembershipJSON | undefined;
  /**
   * Holds one more user from now on: a user who signed up while the fake runs, as Clerk's sign-up
   * components create users outside the Backend API. Replaces a held user with the same id.
   *
   * @throws {TestingError} `invalid_event` when the user has no id.
   */
  addUser(user: UserJSON): UserJSON;
  /** Answers the next `count` requests with 429 and `Retry-After: seconds`. */
  rateLimitNext(count: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

const metadataFields = ['public_metadata', 'private_metadata', 'unsafe_metadata'] as const;

/**
 * `count` realistic users, `user_seed_001`… with `userNNN@example.com`, created a minute apart, for
 * seeding the fake next to users of your own.
 *
 * @example
 * await createClerkApiFake({ users: [alice, ...createSeedUsers(250)] });
 */
export function createSeedUsers(count: number): UserJSON[] {
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, index) => {
    const number = String(index + 1).padStart(3, '0');
    const user = createClerkEvent('user.created', {}, { timestamp: start + index * 60_000 }).data;
    const email = user.email_addresses[0];
    return {
      ...user,
      id: `user_seed_${number}`,
      username: `user${number}`,
      first_name: 'Seed',
      last_name: `User ${number}`,
      email_addresses: email ? [{ ...email, email_address: `user${number}@example.com` }] : [],
      created_at: start + index * 60_000,
      updated_at: start + index * 60_000,
    };
  });
}

/** Clerk's deep merge for metadata updates: objects merge key by key, `null` removes a key. */
function merged(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else if (
      typeof value === 'object' &&
      !Array.isArray(value) &&
      typeof result[key] === 'object' &&
      result[key] !== null
    ) {
      result[key] = merged(result[key] as Record<string, unknown>, value as Record<string, unknown>);
    } else result[key] = value;
  }
  return result;
}

type MetadataField = (typeof metadataFields)[number];

/**
 * The metadata fields of a PATCH (merge) or PUT (replace) body applied to `current`, or the name of a
 * field that is not an object.
 */
function withMetadata<T extends Partial<Record<MetadataField, unknown>>>(
  current: T,
  body: Record<string, unknown>,
  fields: readonly MetadataField[],
  mode: 'merge' | 'replace',
): T | { invalid: MetadataField } {
  const updated: Record<string, unknown> = { ...current };
  for (const field of fields) {
    const patch = body[field];
    if (patch === undefined) continue;
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return { invalid: field };
    updated[field] =
      mode === 'replace'
        ? patch
        : merged((current[field] ?? {}) as Record<string, unknown>, patch as Record<string, unknown>);
  }
  return updated as T;
}

function matches(user: UserJSON, query: string): boolean {
  const needle = query.toLowerCase();
  return [
    user.id,
    user.username,
    user.first_name,
    user.last_name,
    ...user.email_addresses.map((email) => email.email_address),
  ]
    .filter((value): value is string => typeof value === 'string')
    .some((value) => value.toLowerCase().includes(needle));
}

function membershipKey(organizationId: string, userId: string): string {
  return `${organizationId}/${userId}`;
}

/** Clerk's slug of a new organization's name: lower case, dashes between words. */
function slugOf(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clerkError(response: ServerResponse, status: number, code: string, message: string): number {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({ errors: [{ code, message, long_message: message, meta: {} }], clerk_trace_id: 'fake' }),
  );
  return status;
}

function json(response: ServerResponse, body: unknown): number {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
  return 200;
}

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

/**
 * A local HTTP server that answers the Clerk Backend API's user endpoints the way Clerk does (JSON
 * shapes, pagination, search, metadata merge, 404s, 429 with `Retry-After`), driven through the real
 * `@clerk/backend` client. It counts every call, so tests can assert how many Backend API requests a
 * feature makes. Node only.
 *
 * Endpoints: `GET /v1/users` (`limit`, `offset`, `query`, `order_by`), `GET /v1/users/count`,
 * `GET /v1/users/:id`, `PATCH /v1/users/:id/metadata` (merge), `PUT /v1/users/:id/metadata` (replace),
 * and for seeded organizations `GET /v1/organizations/:id`, `PATCH /v1/organizations/:id/metadata` and
 * `PATCH /v1/organizations/:id/memberships/:userId/metadata` (merge; 404 for a user who is not a member);
 * for sign-ups `POST /v1/users`, `POST /v1/organizations` (`created_by` becomes a member with
 * `creatorRole`), `DELETE /v1/organizations/:id` and `GET /v1/users/:id/organization_memberships`.
 *
 * @example
 * const fake = await createClerkApiFake({ users: 250 });
 * const clerk = createClerkClient({ secretKey: 'sk_test_fake', apiUrl: fake.url });
 * const { data, totalCount } = await clerk.users.getUserList({ limit: 100 });
 * expect(fake.calls).toHaveLength(2); // the page and the count
 *
 * @throws {TestingError} `invalid_event` when given users or organizations without ids.
 */
export async function createClerkApiFake(options: ClerkApiFakeOptions = {}): Promise<ClerkApiFake> {
  const seeded =
    typeof options.users === 'number' ? createSeedUsers(options.users) : [...(options.users ?? [])];
  const users = new Map<string, UserJSON>();
  function addUser(user: UserJSON): UserJSON {
    if (typeof user?.id !== 'string' || !user.id)
      throw new TestingError('invalid_event', 'every seeded user needs an id.');
    const held = structuredClone(user);
    users.set(held.id, held);
    return held;
  }
  for (const user of seeded) addUser(user);
  const organizations = new Map<string, OrganizationJSON>();
  // By organization and user: the pair Clerk's membership metadata endpoint addresses.
  const memberships = new Map<string, OrganizationMembershipJSON>();
  function addMember(organization: OrganizationJSON, member: ClerkApiFakeMember): OrganizationMembershipJSON {
    const template = createClerkEvent('organizationMembership.created').data;
    const user = users.get(member.userId);
    const membership: OrganizationMembershipJSON = {
      ...template,
      role: member.role,
      public_metadata: structuredClone(member.publicMetadata ?? {}),
      organization,
      public_user_data: {
        ...template.public_user_data,
        identifier: user?.email_addresses[0]?.email_address ?? member.userId,
        first_name: user?.first_name ?? null,
        last_name: user?.last_name ?? null,
        user_id: member.userId,
      },
    };
    memberships.set(membershipKey(organization.id, member.userId), membership);
    return membership;
  }
  for (const seed of options.organizations ?? []) {
    if (typeof seed?.id !== 'string' || !seed.id)
      throw new TestingError('invalid_event', 'every seeded organization needs an id.');
    const organization: OrganizationJSON = {
      ...createClerkEvent('organization.created').data,
      id: seed.id,
      name: seed.name,
      slug: seed.slug ?? seed.id,
      members_count: seed.members?.length ?? 0,
      public_metadata: structuredClone(seed.publicMetadata ?? {}),
    };
    organizations.set(organization.id, organization);
    for (const member of seed.members ?? []) addMember(organization, member);
  }
  const calls: ClerkApiCall[] = [];
  let rateLimited = 0;
  let retryAfter = 1;

  function authorized(request: IncomingMessage): boolean {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token) return false;
    return options.secretKeys ? options.secretKeys.includes(token) : /^sk_(test|live)_\S+$/.test(token);
  }

  async function answer(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    query: URLSearchParams,
  ): Promise<number> {
    if (rateLimited > 0) {
      rateLimited -= 1;
      response.setHeader('retry-after', String(retryAfter));
      return clerkError(response, 429, 'too_many_requests', 'Too many requests, retry later.');
    }
    if (!authorized(request))
      return clerkError(response, 401, 'authentication_invalid', 'Invalid or missing secret key.');

    const method = request.method ?? 'GET';
    const listed = () => {
      const search = query.get('query');
      const found = [...users.values()].filter((user) => !search || matches(user, search));
      const order = query.get('order_by') ?? '-created_at';
      const field = order.replace(/^[-+]/, '') as 'created_at' | 'updated_at';
      const direction = order.startsWith('-') ? -1 : 1;
      return found.sort(
        (a, b) => direction * ((a[field] ?? 0) - (b[field] ?? 0)) || a.id.localeCompare(b.id),
      );
    };

    if (method === 'GET' && path === '/v1/users') {
      const limit = Math.min(Math.max(Number(query.get('limit') ?? 10) || 10, 1), 500);
      const offset = Math.max(Number(query.get('offset') ?? 0) || 0, 0);
      return json(response, listed().slice(offset, offset + limit));
    }
    if (method === 'GET' && path === '/v1/users/count')
      return json(response, { object: 'total_count', total_count: listed().length });

    if (method === 'POST' && path === '/v1/users') {
      const body = await bodyOf(request);
      if (!isRecord(body))
        return clerkError(response, 422, 'form_param_format_invalid', 'The body must be an object.');
      const template = createClerkEvent('user.created').data;
      const emails = Array.isArray(body.email_address) ? body.email_address.map(String) : [];
      const now = Date.now();
      const created: UserJSON = {
        ...template,
        first_name: typeof body.first_name === 'string' ? body.first_name : null,
        last_name: typeof body.last_name === 'string' ? body.last_name : null,
        username: typeof body.username === 'string' ? body.username : null,
        email_addresses: emails.map((address, index) => ({
          ...(template.email_addresses[0] as UserJSON['email_addresses'][number]),
          id: `${template.id.replace(/^user_/, 'idn_')}${index}`,
          email_address: address,
        })),
        primary_email_address_id: emails.length ? `${template.id.replace(/^user_/, 'idn_')}0` : null,
        public_metadata: isRecord(body.public_metadata) ? body.public_metadata : {},
        private_metadata: isRecord(body.private_metadata) ? body.private_metadata : {},
        unsafe_metadata: isRecord(body.unsafe_metadata) ? body.unsafe_metadata : {},
        created_at: now,
        updated_at: now,
      };
      users.set(created.id, created);
      return json(response, created);
    }

    const userMemberships = /^\/v1\/users\/([^/]+)\/organization_memberships$/.exec(path);
    if (userMemberships && method === 'GET') {
      const userId = decodeURIComponent(userMemberships[1] ?? '');
      if (!users.has(userId)) return clerkError(response, 404, 'resource_not_found', 'User not found.');
      const limit = Math.min(Math.max(Number(query.get('limit') ?? 10) || 10, 1), 500);
      const offset = Math.max(Number(query.get('offset') ?? 0) || 0, 0);
      const all = [...memberships.values()]
        .filter((membership) => membership.public_user_data?.user_id === userId)
        .map((membership) => ({
          ...membership,
          organization: organizations.get(membership.organization.id) ?? membership.organization,
        }))
        .sort((a, b) => b.created_at - a.created_at);
      // Clerk answers this list paginated: `{ data, total_count }`.
      return json(response, { data: all.slice(offset, offset + limit), total_count: all.length });
    }

    if (method === 'POST' && path === '/v1/organizations') {
      const body = await bodyOf(request);
      const name = isRecord(body) && typeof body.name === 'string' ? body.name.trim() : '';
      if (!isRecord(body) || !name)
        return clerkError(response, 422, 'form_param_missing', 'name is missing.');
      const createdBy = typeof body.created_by === 'string' ? body.created_by : undefined;
      if (createdBy && !users.has(createdBy))
        return clerkError(response, 404, 'resource_not_found', 'created_by: user not found.');
      const template = createClerkEvent('organization.created').data;
      const now = Date.now();
      let slug = typeof body.slug === 'string' && body.slug ? body.slug : slugOf(name) || template.id;
      if ([...organizations.values()].some((organization) => organization.slug === slug))
        slug = `${slug}-${template.id.slice(-6).toLowerCase()}`;
      const created: OrganizationJSON = {
        ...template,
        name,
        slug,
        members_count: createdBy ? 1 : 0,
        created_by: createdBy,
        public_metadata: isRecord(body.public_metadata) ? body.public_metadata : {},
        private_metadata: isRecord(body.private_metadata) ? body.private_metadata : {},
        created_at: now,
        updated_at: now,
      };
      organizations.set(created.id, created);
      // Clerk makes the creator a member with the instance's creator role.
      if (createdBy) addMember(created, { userId: createdBy, role: options.creatorRole ?? 'org:admin' });
      return json(response, created);
    }

    const match = /^\/v1\/users\/([^/]+)(\/metadata)?$/.exec(path);
    const user = match ? users.get(decodeURIComponent(match[1] ?? '')) : undefined;
    if (match && !user) return clerkError(response, 404, 'resource_not_found', 'User not found.');
    if (user && method === 'GET' && !match?.[2]) return json(response, user);
    if (user && match?.[2] && (method === 'PATCH' || method === 'PUT')) {
      const updated = withMetadata(
        { ...user, updated_at: Math.max(Date.now(), user.updated_at + 1) },
        (await bodyOf(request)) as Record<string, unknown>,
        metadataFields,
        method === 'PUT' ? 'replace' : 'merge',
      );
      if ('invalid' in updated)
        return clerkError(
          response,
          422,
          'form_param_format_invalid',
          `${updated.invalid} must be an object.`,
        );
      users.set(user.id, updated);
      return json(response, updated);
    }

    const organizationPath =
      /^\/v1\/organizations\/([^/]+)(?:\/(metadata)|\/memberships\/([^/]+)\/(metadata))?$/.exec(path);
    if (organizationPath) {
      const organization = organizations.get(decodeURIComponent(organizationPath[1] ?? ''));
      if (!organization) return clerkError(response, 404, 'resource_not_found', 'Organization not found.');
      if (method === 'GET' && !organizationPath[2] && !organizationPath[3])
        return json(response, organization);
      if (method === 'DELETE' && !organizationPath[2] && !organizationPath[3]) {
        organizations.delete(organization.id);
        for (const [key, membership] of memberships)
          if (membership.organization.id === organization.id) memberships.delete(key);
        return json(response, {
          object: 'organization',
          id: organization.id,
          slug: organization.slug,
          deleted: true,
        });
      }
      if (method === 'PATCH' && organizationPath[2]) {
        // Organizations have no unsafe metadata.
        const updated = withMetadata(
          { ...organization, updated_at: Math.max(Date.now(), organization.updated_at + 1) },
          (await bodyOf(request)) as Record<string, unknown>,
          ['public_metadata', 'private_metadata'],
          'merge',
        );
        if ('invalid' in updated)
          return clerkError(
            response,
            422,
            'form_param_format_invalid',
            `${updated.invalid} must be an object.`,
          );
        organizations.set(organization.id, updated);
        return json(response, updated);
      }
      if (method === 'PATCH' && organizationPath[3] && organizationPath[4]) {
        const key = membershipKey(organization.id, decodeURIComponent(organizationPath[3]));
        const membership = memberships.get(key);
        if (!membership)
          return clerkError(
            response,
            404,
            'resource_not_found',
            'The user is not a member of the organization.',
          );
        const updated = withMetadata(
          { ...membership, updated_at: Math.max(Date.now(), membership.updated_at + 1) },
          (await bodyOf(request)) as Record<string, unknown>,
          ['public_metadata', 'private_metadata'],
          'merge',
        );
        if ('invalid' in updated)
          return clerkError(
            response,
            422,
            'form_param_format_invalid',
            `${updated.invalid} must be an object.`,
          );
        memberships.set(key, updated);
        return json(response, { ...updated, organization });
      }
    }
    return clerkError(response, 404, 'resource_not_found', `No fake for ${method} ${path}.`);
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    answer(request, response, url.pathname, url.searchParams)
      .catch(() => clerkError(response, 400, 'malformed_request', 'The request body is not JSON.'))
      .then((status) => {
        calls.push({
          method: request.method ?? 'GET',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          status,
        });
      });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    users,
    organizations,
    membershipOf(organizationId, userId) {
      const membership = memberships.get(membershipKey(organizationId, userId));
      const organization = organizations.get(organizationId);
      return membership && organization ? { ...membership, organization } : membership;
    },
    addUser,
    rateLimitNext(count, retryAfterSeconds = 1) {
      rateLimited = count;
      retryAfter = retryAfterSeconds;
    },
    close: async () => {
      server.close();
      server.closeAllConnections();
      await once(server, 'close');
    },
  };
}
