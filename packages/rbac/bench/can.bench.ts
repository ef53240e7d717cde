import { createTestKeys } from '@clerkship/testing';
import { test } from 'vitest';
import { access, bob, serverAuthOf } from '../src/__fixtures__/team-tasks';

// Same auth object, same run: Clerk's has() is the baseline our can() is measured against.
const auth = await serverAuthOf(await createTestKeys(), bob, 2);
const bobTask = { tenantId: 'org_acme', createdById: 'user_bob' };
if (!access.can(auth, 'org:tasks:edit') || !auth.has({ permission: 'org:tasks:edit' })) {
  throw new Error('bench: Bob should hold org:tasks:edit');
}

test('permission check on one auth() object', async ({ bench }) => {
  await bench.compare(
    bench("Clerk's has({ permission }) (baseline)", () => {
      auth.has({ permission: 'org:tasks:edit' });
    }),
    bench('access.can(auth, permission)', () => {
      access.can(auth, 'org:tasks:edit');
    }),
    bench('access.can(auth, permission, resource) with ownership and tenant rules', () => {
      access.can(auth, 'org:tasks:edit', bobTask);
    }),
  );
});
