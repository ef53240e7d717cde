import { defineAccess } from '@clerkship/rbac';
import { createAuthObject, createTestKeys } from '@clerkship/testing';
import { test } from 'vitest';
import { isLicensed } from '../src/is-licensed';

// The hot check on one auth() object, next to the permission check it sits beside in every guard:
// @clerkship/rbac's can() is the baseline (goal: within 1.2x of it, under 1 µs).
const access = defineAccess({
  permissions: { 'org:tasks:edit': { description: 'Edit tasks' } },
  roles: { 'org:member': ['org:tasks:edit'] },
});
const auth = await createAuthObject(await createTestKeys(), {
  userId: 'user_bob',
  organization: { id: 'org_acme', role: 'org:member', permissions: ['org:tasks:edit'] },
  claims: { licensing: { seat: true, license: { status: 'active' } } },
});
if (!isLicensed(auth) || !access.can(auth, 'org:tasks:edit'))
  throw new Error('bench: Bob should pass both checks');

test('one check on one auth() object (zero database and Backend API calls)', async ({ bench }) => {
  await bench.compare(
    bench("@clerkship/rbac's access.can(auth, permission) (baseline)", () => {
      access.can(auth, 'org:tasks:edit');
    }),
    bench('isLicensed(auth)', () => {
      isLicensed(auth);
    }),
  );
});
