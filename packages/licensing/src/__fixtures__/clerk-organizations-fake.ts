import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClerkClient } from '@clerk/backend';

// @clerkship/testing's Clerk API fake answers the user endpoints only; licensing needs the two
// organization metadata endpoints, and the sign-up flow creates, lists and deletes organizations. This
// stands in for them, in the fake's style (Clerk's JSON, deep merge with `null` removing a key, 404, 429
// with Retry-After, every call counted), until the shared fake grows them.

/** One request the fake answered. */
export interface ClerkCall {
  method: string;
  path: string;
  status: number;
}

type Metadata = Record<string, unknown>;

function merged(current: Metadata, patch: Metadata): Metadata {
  const result: Metadata = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else if (
      typeof value === 'object' &&
      !Array.isArray(value) &&
      typeof result[key] === 'object' &&
      result[key]
    ) {
      result[key] = merged(result[key] as Metadata, value as Metadata);
    } else result[key] = value;
  }
  return result;
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
  return status;
}

function clerkError(
  response: ServerResponse,
  status: number,
  code: string,
  headers: Record<string, string> = {},
) {
  return send(response, status, { errors: [{ code, message: code, long_message: code, meta: {} }] }, headers);
}

/**
 * A local Clerk Backend API for organization and membership metadata, and a real `@clerk/backend`
 * client pointed at it.
 */
export async function startClerkOrganizationsFake(organizations: Record<string, readonly string[]>) {
  const orgMetadata = new Map<string, Metadata>(Object.keys(organizations).map((id) => [id, {}]));
  const memberMetadata = new Map<string, Metadata>();
  for (const [orgId, users] of Object.entries(organizations)) {
    for (const userId of users) memberMetadata.set(`${orgId}/${userId}`, {});
  }
  /** Organizations created through the API, with their creator, name and private metadata. */
  const created = new Map<
    string,
    { name: string; createdBy: string; privateMetadata: Metadata; createdAt: number }
  >();
  const roles = new Map<string, string>();
  const calls: ClerkCall[] = [];
  let limited = 0;
  let retryAfter = 1;
  let sequence = 0;

  function organizationJson(id: string) {
    const organization = created.get(id);
    return {
      object: 'organization',
      id,
      name: organization?.name ?? 'Org',
      slug: id.replace(/^org_/, ''),
      image_url: '',
      has_image: false,
      max_allowed_memberships: 0,
      admin_delete_enabled: true,
      public_metadata: orgMetadata.get(id) ?? {},
      private_metadata: organization?.privateMetadata ?? {},
      created_by: organization?.createdBy ?? '',
      created_at: organization?.createdAt ?? 1,
      updated_at: organization?.createdAt ?? 1,
    };
  }

  function membershipJson(orgId: string, userId: string) {
    return {
      object: 'organization_membership',
      id: `orgmem_${orgId.replace(/^org_/, '')}_${userId.replace(/^user_/, '')}`,
      role: roles.get(`${orgId}/${userId}`) ?? 'org:member',
      permissions: [],
      public_metadata: memberMetadata.get(`${orgId}/${userId}`) ?? {},
      private_metadata: {},
      created_at: 1,
      updated_at: 1,
      organization: organizationJson(orgId),
      public_user_data: {
        user_id: userId,
        identifier: `${userId}@example.com`,
        has_image: false,
        image_url: '',
      },
    };
  }

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Metadata) : {};
    const status = (() => {
      if (limited > 0) {
        limited -= 1;
        return clerkError(response, 429, 'too_many_requests', { 'retry-after': String(retryAfter) });
      }
      if (!/^Bearer sk_test_\S+$/.test(request.headers.authorization ?? ''))
        return clerkError(response, 401, 'authentication_invalid');
      if (request.method === 'POST' && url.pathname === '/v1/organizations') {
        const createdBy = String(body.created_by ?? '');
        if (!body.name || !createdBy) return clerkError(response, 422, 'form_param_missing');
        sequence += 1;
        const id = `org_signup${sequence}`;
        created.set(id, {
          name: String(body.name),
          createdBy,
          privateMetadata: (body.private_metadata as Metadata) ?? {},
          createdAt: Date.now(),
        });
        orgMetadata.set(id, (body.public_metadata as Metadata) ?? {});
        // Clerk makes the creator a member with the creator role (org:admin by default).
        memberMetadata.set(`${id}/${createdBy}`, {});
        roles.set(`${id}/${createdBy}`, 'org:admin');
        return send(response, 200, organizationJson(id));
      }
      const deleted = /^\/v1\/organizations\/([^/]+)$/.exec(url.pathname);
      if (request.method === 'DELETE' && deleted) {
        const id = deleted[1] ?? '';
        if (!orgMetadata.has(id)) return clerkError(response, 404, 'resource_not_found');
        orgMetadata.delete(id);
        created.delete(id);
        for (const key of [...memberMetadata.keys()])
          if (key.startsWith(`${id}/`)) memberMetadata.delete(key);
        return send(response, 200, { object: 'organization', id, slug: id, deleted: true });
      }
      const userMemberships = /^\/v1\/users\/([^/]+)\/organization_memberships$/.exec(url.pathname);
      if (request.method === 'GET' && userMemberships) {
        const userId = userMemberships[1] ?? '';
        const data = [...memberMetadata.keys()]
          .filter((key) => key.endsWith(`/${userId}`))
          .map((key) => membershipJson(key.slice(0, key.indexOf('/')), userId));
        return send(response, 200, { data, total_count: data.length });
      }
      const membership = /^\/v1\/organizations\/([^/]+)\/memberships\/([^/]+)\/metadata$/.exec(url.pathname);
      const organization = /^\/v1\/organizations\/([^/]+)\/metadata$/.exec(url.pathname);
      if (request.method === 'PATCH' && membership) {
        const key = `${membership[1]}/${membership[2]}`;
        const current = memberMetadata.get(key);
        if (!current) return clerkError(response, 404, 'resource_not_found');
        const next = merged(current, (body.public_metadata as Metadata) ?? {});
        memberMetadata.set(key, next);
        return send(response, 200, {
          object: 'organization_membership',
          id: `orgmem_${membership[2]}`,
          role: 'org:member',
          permissions: [],
          public_metadata: next,
          private_metadata: {},
          created_at: 1,
          updated_at: Date.now(),
          organization: {
            object: 'organization',
            id: membership[1],
            name: 'Org',
            slug: 'org',
            public_metadata: {},
          },
          public_user_data: { user_id: membership[2], identifier: `${membership[2]}@example.com` },
        });
      }
      if (request.method === 'PATCH' && organization) {
        const id = organization[1] ?? '';
        const current = orgMetadata.get(id);
        if (!current) return clerkError(response, 404, 'resource_not_found');
        const next = merged(current, (body.public_metadata as Metadata) ?? {});
        orgMetadata.set(id, next);
        return send(response, 200, {
          object: 'organization',
          id,
          name: 'Org',
          slug: 'org',
          public_metadata: next,
          private_metadata: {},
          created_at: 1,
          updated_at: Date.now(),
        });
      }
      return clerkError(response, 404, 'resource_not_found');
    })();
    calls.push({ method: request.method ?? 'GET', path: url.pathname, status });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    clerk: createClerkClient({ secretKey: 'sk_test_licensing', apiUrl: url }),
    calls,
    /** The public metadata of a membership (what `{{org_membership.public_metadata}}` renders). */
    membership: (orgId: string, userId: string) => memberMetadata.get(`${orgId}/${userId}`),
    /** The public metadata of an organization (what `{{org.public_metadata}}` renders). */
    organization: (orgId: string) => orgMetadata.get(orgId),
    /** The session claims the documented template renders for a member. */
    claimsOf(orgId: string, userId: string) {
      return {
        sub: userId,
        v: 2,
        o: { id: orgId, rol: 'member' },
        licensing: {
          seat: memberMetadata.get(`${orgId}/${userId}`)?.seat ?? null,
          license: orgMetadata.get(orgId)?.license ?? null,
        },
      };
    },
    /** Organizations the API created: id, name, creator and private metadata. */
    createdOrganizations: () => [...created].map(([id, organization]) => ({ id, ...organization })),
    /** The role of a member (the creator of an organization is `org:admin`). */
    roleOf: (orgId: string, userId: string) =>
      memberMetadata.has(`${orgId}/${userId}`) ? (roles.get(`${orgId}/${userId}`) ?? 'org:member') : null,
    removeMember(orgId: string, userId: string) {
      memberMetadata.delete(`${orgId}/${userId}`);
    },
    rateLimitNext(count: number, seconds = 1) {
      limited = count;
      retryAfter = seconds;
    },
    async close() {
      server.close();
      server.closeAllConnections();
      await once(server, 'close');
    },
  };
}

export type ClerkOrganizationsFake = Awaited<ReturnType<typeof startClerkOrganizationsFake>>;
