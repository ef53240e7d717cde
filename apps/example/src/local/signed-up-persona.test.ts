import { createClerkClient } from '@clerk/backend';
import { createClerkApiFake } from '@clerkship/testing/clerk-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUpPersona } from './signed-up-persona';

let backendApi: Awaited<ReturnType<typeof createClerkApiFake>>;

beforeAll(async () => {
  // As local mode's Backend API: Acme with Alice, and creators made managers.
  backendApi = await createClerkApiFake({
    users: 0,
    creatorRole: 'org:manager',
    organizations: [{ id: 'org_local_acme', slug: 'acme', name: 'Acme Inc', members: [] }],
  });
});
afterAll(async () => {
  await backendApi.close();
});

describe('the session of a user who signed up in local mode', () => {
  it('Nina, who created Acme Two, manages it with billing rights; Acme, where she is no member, stays inactive', async () => {
    const clerk = createClerkClient({ secretKey: 'sk_test_local', apiUrl: backendApi.url });
    const nina = await clerk.users.createUser({ firstName: 'Nina', skipPasswordRequirement: true });
    expect(signedUpPersona(backendApi, nina.id, null)).toEqual({ userId: nina.id, claims: { name: 'Nina' } });

    const acmeTwo = await clerk.organizations.createOrganization({ name: 'Acme Two', createdBy: nina.id });
    const persona = signedUpPersona(backendApi, nina.id, acmeTwo.id);
    expect(persona?.organization).toMatchObject({ id: acmeTwo.id, slug: 'acme-two', role: 'org:manager' });
    expect(persona?.organization?.permissions).toContain('org:billing:manage');
    expect(persona?.claims).toEqual({ name: 'Nina', org_name: 'Acme Two' });

    expect(signedUpPersona(backendApi, nina.id, 'org_local_acme')?.organization).toBeUndefined();
    expect(signedUpPersona(backendApi, 'user_unknown', acmeTwo.id)).toBeUndefined();
  });
});
