import { createClerkClient, verifyToken } from '@clerk/backend';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { authenticateToken, createAuthObject } from './auth-object';
import { TestingError } from './errors';
import { createTestKeys, type TestKeys } from './keys';
import { createSessionToken, type Persona } from './session-token';

const bob: Persona = {
  userId: 'user_bob',
  organization: {
    id: 'org_acme',
    slug: 'acme',
    role: 'org:member',
    permissions: ['org:tasks:view', 'org:tasks:edit', 'org:billing:read'],
  },
  claims: { metadata: { isBetaUser: true } },
};

let keys: TestKeys;
beforeAll(async () => {
  keys = await createTestKeys();
});

const authOf = (token: string) => authenticateToken(keys, token);

describe.each([1, 2] as const)('session token, claim version %i', (version) => {
  it("is accepted by @clerk/backend's verifyToken with the test jwtKey", async () => {
    const token = await createSessionToken(keys, bob, { version });
    const payload = await verifyToken(token, { jwtKey: keys.jwtKey });
    expect(payload.sub).toBe('user_bob');
    expect(payload.sid).toBe('sess_bob');
    expect(payload.metadata).toEqual({ isBetaUser: true });
  });

  it("gives Bob (member) exactly his role's permissions through Clerk's has()", async () => {
    const auth = await authOf(await createSessionToken(keys, bob, { version }));
    expect(auth.isAuthenticated).toBe(true);
    if (!auth.isAuthenticated) return;
    expect(auth.userId).toBe('user_bob');
    expect(auth.orgId).toBe('org_acme');
    expect(auth.orgSlug).toBe('acme');
    expect(auth.orgRole).toBe('org:member');
    expect(auth.has({ role: 'org:member' })).toBe(true);
    expect(auth.has({ permission: 'org:tasks:view' })).toBe(true);
    expect(auth.has({ permission: 'org:tasks:edit' })).toBe(true);
    expect(auth.has({ permission: 'org:billing:read' })).toBe(true);
    expect(auth.has({ permission: 'org:tasks:manage' })).toBe(false);
    expect(auth.has({ permission: 'org:billing:edit' })).toBe(false);
    expect([...(auth.orgPermissions ?? [])].sort()).toEqual([
      'org:billing:read',
      'org:tasks:edit',
      'org:tasks:view',
    ]);
  });

  it('has no organization for a personal account', async () => {
    const auth = await authOf(await createSessionToken(keys, { userId: 'user_dana' }, { version }));
    expect(auth.isAuthenticated).toBe(true);
    if (!auth.isAuthenticated) return;
    expect(auth.orgId).toBeUndefined();
    expect(auth.has({ permission: 'org:tasks:view' })).toBe(false);
  });
});

describe('session token format', () => {
  it('carries the compact v2 claims Clerk mints, with features before their permission masks', async () => {
    const token = await createSessionToken(keys, bob);
    const payload = decodeJwt(token);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', kid: keys.kid, typ: 'JWT' });
    expect(payload).toMatchObject({
      v: 2,
      sts: 'active',
      o: { id: 'org_acme', rol: 'member', slg: 'acme', per: 'edit,read,view', fpm: '5,2' },
      fea: 'o:tasks,o:billing',
    });
    expect(payload).not.toHaveProperty('org_id');
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(60);
  });

  it('carries org_* claims in version 1', async () => {
    const payload = decodeJwt(await createSessionToken(keys, bob, { version: 1 }));
    expect(payload).toMatchObject({ org_id: 'org_acme', org_role: 'org:member', org_slug: 'acme' });
    expect(payload).not.toHaveProperty('v');
    expect(payload).not.toHaveProperty('o');
  });

  it('decodes exactly when a role has more than 53 distinct actions (bitmasks past 2^53)', async () => {
    const permissions = Array.from(
      { length: 60 },
      (_, index) => `org:reports:action${String(index).padStart(2, '0')}`,
    );
    const auth = await authOf(
      await createSessionToken(keys, {
        userId: 'user_eve',
        organization: { id: 'org_big', role: 'admin', permissions },
      }),
    );
    if (!auth.isAuthenticated) throw new Error('expected a signed-in auth object');
    expect([...(auth.orgPermissions ?? [])].sort()).toEqual([...permissions].sort());
  });

  it('honours issuedAt and lifetimeSeconds', async () => {
    const issuedAt = new Date('2026-01-01T00:00:00Z');
    const payload = decodeJwt(await createSessionToken(keys, bob, { issuedAt, lifetimeSeconds: 3600 }));
    expect(payload.iat).toBe(issuedAt.getTime() / 1000);
    expect(payload.exp).toBe(issuedAt.getTime() / 1000 + 3600);
  });
});

describe('tokens Clerk must refuse', () => {
  it('an expired token is signed out', async () => {
    const token = await createSessionToken(keys, bob, { issuedAt: new Date(Date.now() - 3_600_000) });
    await expect(verifyToken(token, { jwtKey: keys.jwtKey })).rejects.toThrow(/expired/i);
    expect((await authOf(token)).isAuthenticated).toBe(false);
  });

  it('a tampered token is signed out', async () => {
    const token = await createSessionToken(keys, bob);
    const [header, payload, signature] = token.split('.');
    const forged = JSON.parse(atob((payload ?? '').replace(/-/g, '+').replace(/_/g, '/')));
    forged.sub = 'user_alice';
    const tampered = [
      header,
      btoa(JSON.stringify(forged)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'),
      signature,
    ].join('.');
    await expect(verifyToken(tampered, { jwtKey: keys.jwtKey })).rejects.toThrow();
    expect((await authOf(tampered)).isAuthenticated).toBe(false);
  });

  it('a token signed by other keys is signed out', async () => {
    const token = await createSessionToken(await createTestKeys(), bob);
    expect((await authOf(token)).isAuthenticated).toBe(false);
  });

  it('a pending session: authenticateRequest verifies it (signed-in), auth() reads it as signed out', async () => {
    const token = await createSessionToken(keys, { ...bob, status: 'pending' });
    expect(decodeJwt(token).sts).toBe('pending');
    const clerk = createClerkClient({
      publishableKey: `pk_live_${btoa('clerk.clerkship.test$')}`,
      secretKey: 'sk_live_clerkship_offline',
      jwtKey: keys.jwtKey,
    });
    const state = await clerk.authenticateRequest(
      new Request('http://localhost/', { headers: { authorization: `Bearer ${token}` } }),
    );
    expect(state.status).toBe('signed-in');
    expect(state.toAuth({ treatPendingAsSignedOut: false })).toMatchObject({
      userId: 'user_bob',
      sessionStatus: 'pending',
    });
    // What the README promises: the auth object (as `auth()` returns it) is signed out, with no user.
    const auth = await authOf(token);
    expect({ isAuthenticated: auth.isAuthenticated, userId: auth.userId, orgId: auth.orgId }).toEqual({
      isAuthenticated: false,
      userId: null,
      orgId: null,
    });
    expect(auth.has({ permission: 'org:tasks:view' })).toBe(false);
    expect((await createAuthObject(keys, { ...bob, status: 'pending' })).userId).toBeNull();
  });
});

describe('bad arguments', () => {
  it.each([
    ['invalid_persona', { userId: '' }],
    ['invalid_persona', { userId: 'user_x', claims: { sub: 'user_admin' } }],
    ['invalid_persona', { userId: 'user_x', organization: { id: '', role: 'org:member' } }],
    [
      'invalid_permission',
      { userId: 'user_x', organization: { id: 'org_a', role: 'member', permissions: ['tasks.edit'] } },
    ],
    [
      'invalid_permission',
      {
        userId: 'user_x',
        organization: { id: 'org_a', role: 'admin', permissions: ['org:sys_memberships:manage'] },
      },
    ],
  ] as const)('%s: %j', async (code, persona) => {
    const error = await createSessionToken(keys, persona as Persona).catch((caught: unknown) => caught);
    expect(TestingError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code, message: expect.stringMatching(/^@clerkship\/testing: /) });
  });

  it('invalid_token_options: a version Clerk does not have, or a non-positive lifetime', async () => {
    await expect(createSessionToken(keys, bob, { version: 3 as never })).rejects.toMatchObject({
      code: 'invalid_token_options',
    });
    await expect(createSessionToken(keys, bob, { lifetimeSeconds: 0 })).rejects.toMatchObject({
      code: 'invalid_token_options',
    });
    await expect(
      createSessionToken(keys, { userId: 'user_x', status: 'pending' }, { version: 1 }),
    ).rejects.toMatchObject({
      code: 'invalid_persona',
    });
  });

  it('invalid_keys: keys that are not from createTestKeys()', async () => {
    await expect(
      createSessionToken({ kid: 'k', jwtKey: '', privateKeyPem: 'nope' }, bob),
    ).rejects.toMatchObject({
      code: 'invalid_keys',
    });
    await expect(createSessionToken(undefined as never, bob)).rejects.toMatchObject({ code: 'invalid_keys' });
  });
});

describe('createAuthObject', () => {
  it('gives the auth object Clerk builds for a persona, as auth() would in a route handler', async () => {
    const auth = await createAuthObject(keys, bob, { version: 1 });
    expect(auth).toMatchObject({
      isAuthenticated: true,
      userId: 'user_bob',
      orgId: 'org_acme',
      orgRole: 'org:member',
    });
    expect(auth.has({ permission: 'org:tasks:edit' })).toBe(true);
    expect(auth.sessionClaims?.metadata).toEqual({ isBetaUser: true });
    expect((await createAuthObject(keys, { ...bob, status: 'pending' })).isAuthenticated).toBe(false);
  });
});
