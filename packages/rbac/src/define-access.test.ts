import { createTestKeys, type Persona, type TestKeys } from '@clerkship/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { access, alice, bob, charlie, claimsOf, dana, erin, serverAuthOf } from './__fixtures__/team-tasks';
import { defineAccess } from './define-access';
import { RbacError } from './errors';

let keys: TestKeys;
beforeAll(async () => {
  keys = await createTestKeys();
});

const aliceTask = { id: 't1', tenantId: 'org_acme', createdById: 'user_alice' };
const bobTask = { id: 't2', tenantId: 'org_acme', createdById: 'user_bob' };
const globexTask = { id: 't3', tenantId: 'org_globex', createdById: 'user_erin' };
const danaTask = { id: 't4', tenantId: 'user_dana', createdById: 'user_dana' };

const subjects = [
  ['server auth() object, claim version 1', (persona: Persona) => serverAuthOf(keys, persona, 1)],
  ['server auth() object, claim version 2', (persona: Persona) => serverAuthOf(keys, persona, 2)],
  ['verified token payload, claim version 1', (persona: Persona) => claimsOf(keys, persona, 1)],
  ['verified token payload, claim version 2', (persona: Persona) => claimsOf(keys, persona, 2)],
] as const;

describe.each(subjects)('the Team Tasks scenario from a %s', (_, subjectOf) => {
  it('Charlie (viewer) sees tasks but cannot create or edit', async () => {
    const charlieAuth = await subjectOf(charlie);
    expect(access.can(charlieAuth, 'org:tasks:view')).toBe(true);
    expect(access.can(charlieAuth, 'org:tasks:edit')).toBe(false);
    expect(access.can(charlieAuth, 'org:tasks:edit', aliceTask)).toBe(false);
    expect(access.denialReason(charlieAuth, 'org:tasks:edit', bobTask)).toBe('missing_permission');
    expect(access.permissions.filter((permission) => access.can(charlieAuth, permission))).toEqual([
      'org:tasks:view',
    ]);
  });

  it("Bob (member) creates tasks and edits his own, not Alice's", async () => {
    const bobAuth = await subjectOf(bob);
    expect(access.can(bobAuth, 'org:tasks:edit')).toBe(true);
    expect(access.can(bobAuth, 'org:tasks:edit', bobTask)).toBe(true);
    expect(access.can(bobAuth, 'org:tasks:edit', aliceTask)).toBe(false);
    expect(access.denialReason(bobAuth, 'org:tasks:edit', aliceTask)).toBe('not_creator');
    expect(access.can(bobAuth, 'org:tasks:manage')).toBe(false);
  });

  it('Alice (manager) edits all tasks of her organization', async () => {
    const aliceAuth = await subjectOf(alice);
    expect(access.can(aliceAuth, 'org:tasks:edit', aliceTask)).toBe(true);
    expect(access.can(aliceAuth, 'org:tasks:edit', bobTask)).toBe(true);
    expect(access.permissions.filter((permission) => access.can(aliceAuth, permission))).toEqual([
      'org:tasks:view',
      'org:tasks:edit',
      'org:tasks:manage',
    ]);
    expect(access.tenantId(aliceAuth)).toBe('org_acme');
  });

  it('Dana (personal account) manages only her own tasks', async () => {
    const danaAuth = await subjectOf(dana);
    expect(access.tenantId(danaAuth)).toBe('user_dana');
    expect(access.can(danaAuth, 'org:tasks:manage', danaTask)).toBe(true);
    expect(access.can(danaAuth, 'org:tasks:edit', danaTask)).toBe(true);
    expect(access.can(danaAuth, 'org:tasks:view', aliceTask)).toBe(false);
    expect(access.denialReason(danaAuth, 'org:tasks:edit', bobTask)).toBe('other_tenant');
  });

  it("Alice never sees or changes another organization's tasks, whatever her permissions", async () => {
    const aliceAuth = await subjectOf(alice);
    const erinAuth = await subjectOf(erin);
    expect(access.can(aliceAuth, 'org:tasks:view', globexTask)).toBe(false);
    expect(access.can(aliceAuth, 'org:tasks:manage', globexTask)).toBe(false);
    expect(access.denialReason(aliceAuth, 'org:tasks:edit', globexTask)).toBe('other_tenant');
    expect(access.can(erinAuth, 'org:tasks:edit', aliceTask)).toBe(false);
    expect(access.can(erinAuth, 'org:tasks:edit', globexTask)).toBe(true);
  });
});

describe('fail closed', () => {
  it('a signed-out, missing or malformed subject holds nothing', () => {
    for (const subject of [
      null,
      undefined,
      {},
      { userId: null },
      { isAuthenticated: false, userId: 'user_x' },
      'user_x',
      42,
    ]) {
      expect(access.can(subject as never, 'org:tasks:view')).toBe(false);
      expect(access.tenantId(subject as never)).toBeNull();
      expect(access.permissions.filter((permission) => access.can(subject as never, permission))).toEqual([]);
    }
  });

  it('a pending session holds nothing, from a token or an auth object', async () => {
    expect(access.can(await claimsOf(keys, { ...bob, status: 'pending' }, 2), 'org:tasks:view')).toBe(false);
    expect(
      access.can(
        {
          userId: 'user_bob',
          orgId: 'org_acme',
          orgRole: 'org:member',
          orgPermissions: ['org:tasks:view'],
          sessionStatus: 'pending',
        },
        'org:tasks:view',
      ),
    ).toBe(false);
  });

  it('a role not in the definition grants nothing, even with the permission in its claims', async () => {
    const intern = {
      userId: 'user_ivy',
      organization: { id: 'org_acme', role: 'org:intern', permissions: ['org:tasks:view'] },
    };
    const auth = await serverAuthOf(keys, intern, 2);
    expect(access.can(auth, 'org:tasks:view')).toBe(false);
    expect(access.denialReason(auth, 'org:tasks:view')).toBe('unknown_role');
  });

  it('a permission string the definition does not know (say, from JSON) is denied', async () => {
    const aliceAuth = await serverAuthOf(keys, alice, 2);
    const fromJson = JSON.parse('"org:tasks:delete"');
    expect(access.can(aliceAuth, fromJson)).toBe(false);
    expect(access.denialReason(aliceAuth, fromJson)).toBe('unknown_permission');
  });

  it('a resource without an owner is treated as another tenant', async () => {
    const aliceAuth = await serverAuthOf(keys, alice, 2);
    expect(access.can(aliceAuth, 'org:tasks:view', {} as never)).toBe(false);
    expect(access.can(aliceAuth, 'org:tasks:view', null as never)).toBe(false);
  });

  it('reads a client useAuth() object through its has(), which sees the active membership', () => {
    const clientAuth = {
      isLoaded: true,
      isSignedIn: true,
      userId: 'user_bob',
      orgId: 'org_acme',
      orgRole: 'org:member',
      has: ({ permission }: { permission: string }) =>
        ['org:tasks:view', 'org:tasks:edit'].includes(permission),
    };
    expect(access.can(clientAuth, 'org:tasks:edit', bobTask)).toBe(true);
    expect(access.can(clientAuth, 'org:tasks:manage')).toBe(false);
    expect(access.can({ ...clientAuth, isSignedIn: false }, 'org:tasks:view')).toBe(false);
  });
});

describe('require', () => {
  it('throws an RbacError saying which rule denied', async () => {
    const bobAuth = await serverAuthOf(keys, bob, 2);
    expect(() => access.require(bobAuth, 'org:tasks:edit', bobTask)).not.toThrow();
    const error = (() => {
      try {
        access.require(bobAuth, 'org:tasks:edit', aliceTask);
      } catch (caught) {
        return caught;
      }
    })();
    expect(RbacError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'forbidden',
      reason: 'not_creator',
      permission: 'org:tasks:edit',
      status: 403,
    });
    expect((error as Error).message).toMatch(/^@clerkship\/rbac: "org:tasks:edit" covers only resources/);
  });

  it('throws signed_out (401) for a signed-out subject', () => {
    expect(() => access.require(null, 'org:tasks:view')).toThrow(
      expect.objectContaining({ code: 'signed_out', reason: 'signed_out', status: 401 }),
    );
  });
});

describe('defineAccess', () => {
  it.each([
    ['a malformed permission key', { permissions: { 'tasks.edit': {} }, roles: {} }],
    ['a system permission', { permissions: { 'org:sys_memberships:manage': {} }, roles: {} }],
    [
      'a role granting an undeclared permission',
      { permissions: { 'org:tasks:view': {} }, roles: { 'org:member': ['org:tasks:edit'] } },
    ],
    [
      'a malformed role key',
      { permissions: { 'org:tasks:view': {} }, roles: { member: ['org:tasks:view'] } },
    ],
    [
      'an include of an undeclared permission',
      { permissions: { 'org:tasks:view': { includes: ['org:tasks:peek'] } }, roles: {} },
    ],
    [
      'a personal-account grant of an undeclared permission',
      { permissions: { 'org:tasks:view': {} }, roles: {}, personalAccount: ['org:x:y'] },
    ],
    [
      'an unknown personal-account policy',
      { permissions: { 'org:tasks:view': {} }, roles: {}, personalAccount: 'some' },
    ],
    ['no permissions', { permissions: {}, roles: {} }],
  ])('refuses %s with invalid_definition', (_, definition) => {
    const error = (() => {
      try {
        defineAccess(definition as never);
      } catch (caught) {
        return caught;
      }
    })();
    expect(RbacError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'invalid_definition',
      message: expect.stringMatching(/^@clerkship\/rbac: /),
    });
  });

  it('denies everything to personal accounts by default', async () => {
    const strict = defineAccess({
      permissions: { 'org:tasks:view': {} },
      roles: { 'org:viewer': ['org:tasks:view'] },
    });
    expect(strict.can(await serverAuthOf(keys, dana, 2), 'org:tasks:view', { tenantId: 'user_dana' })).toBe(
      false,
    );
  });

  it('keeps keys typed: a typo does not compile', () => {
    // @ts-expect-error 'org:tasks:edt' is not a declared permission
    expect(access.can(null, 'org:tasks:edt')).toBe(false);
    // @ts-expect-error roles may only grant declared permissions
    expect(() => defineAccess({ permissions: { 'org:a:b': {} }, roles: { 'org:r': ['org:a:c'] } })).toThrow();
  });
});

describe('snapshot', () => {
  it('gives the same answers as the auth object it was made from, after a trip through JSON', async () => {
    const resources = [undefined, aliceTask, bobTask, globexTask, danaTask];
    for (const persona of [alice, bob, charlie, dana, erin]) {
      const auth = await serverAuthOf(keys, persona, 2);
      const snapshot = JSON.parse(JSON.stringify(access.snapshot(auth)));
      for (const permission of access.permissions) {
        for (const resource of resources) {
          expect(access.can(snapshot, permission, resource)).toBe(access.can(auth, permission, resource));
        }
      }
    }
  });

  it('is null when signed out and carries nothing for an undeclared role', async () => {
    expect(access.snapshot(null)).toBeNull();
    const intern = {
      userId: 'user_ivy',
      organization: { id: 'org_acme', role: 'org:intern', permissions: ['org:tasks:view'] },
    };
    expect(access.snapshot(await serverAuthOf(keys, intern, 1))).toEqual({
      userId: 'user_ivy',
      orgId: 'org_acme',
      orgRole: 'org:intern',
      orgPermissions: [],
    });
  });
});
