import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClerkClient } from '@clerk/backend';

// @clerkship/testing's Clerk API fake answers the user endpoints only; licensing needs the two
// organization metadata endpoints. This stands in for them, in the fake's style (Clerk's JSON, deep
// merge with `null` removing a key, 404, 429 with Retry-After, every call counted), until the shared
// fake grows them.

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
  const calls: ClerkCall[] = [];
  let limited = 0;
  let retryAfter = 1;

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
