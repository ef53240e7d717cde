import { createSessionToken, createTestKeys, type TestKeys } from '@clerkship/testing';
import fc from 'fast-check';
import { decodeJwt } from 'jose';
import { beforeAll, expect, it } from 'vitest';
import { access } from './__fixtures__/team-tasks';

let keys: TestKeys;
beforeAll(async () => {
  keys = await createTestKeys();
});

const declared = access.permissions;
const permissionKey = fc.oneof(
  fc.constantFrom(...declared),
  fc.stringMatching(/^org:[a-z]{1,6}:[a-z]{1,6}$/),
);
const claimSet = fc.record({
  userId: fc.stringMatching(/^user_[a-z0-9]{1,8}$/),
  orgId: fc.constantFrom('org_acme', 'org_globex'),
  role: fc.constantFrom('org:manager', 'org:member', 'org:viewer', 'org:intern', 'org:admin'),
  permissions: fc.uniqueArray(permissionKey, { maxLength: 6 }),
  version: fc.constantFrom(1 as const, 2 as const),
  checked: fc.constantFrom(...declared),
  resource: fc.option(
    fc.record({
      tenantId: fc.constantFrom('org_acme', 'org_globex', 'user_x'),
      createdById: fc.option(fc.stringMatching(/^user_[a-z0-9]{1,8}$/), { nil: undefined }),
    }),
    { nil: undefined },
  ),
});

// The permissions that would justify granting `permission`: itself, or one that includes it.
function justifying(permission: string): string[] {
  return declared.filter(
    (candidate) =>
      candidate === permission ||
      (access.definition.permissions[candidate].includes as readonly string[] | undefined)?.includes(
        permission,
      ),
  );
}

it('never grants a permission the session claims do not carry (random claim sets, v1 and v2)', async () => {
  await fc.assert(
    fc.asyncProperty(claimSet, async ({ userId, orgId, role, permissions, version, checked, resource }) => {
      const token = await createSessionToken(
        keys,
        { userId, organization: { id: orgId, role, permissions } },
        { version },
      );
      const claims = decodeJwt(token) as { sub: string };
      const granted = access.can(claims, checked, resource);
      if (granted) {
        expect(justifying(checked).some((permission) => permissions.includes(permission))).toBe(true);
        expect(access.roles as readonly string[]).toContain(role);
        if (resource) expect(resource.tenantId).toBe(orgId);
      }
    }),
    { numRuns: 300 },
  );
});
