import { describe, expect, it } from 'vitest';
import { access } from './__fixtures__/access';
import { alice, bob, instance } from './__fixtures__/clerk';
import { httpV2Event, restTokenEvent } from './__fixtures__/events';
import { tokenFor } from './__fixtures__/tokens';
import { createClerkAuthorizer } from './create-clerk-authorizer';

const trusted = {
  issuer: instance.issuer,
  authorizedParties: [instance.authorizedParty],
  jwtKey: instance.keys.jwtKey,
};

describe("@clerkship/rbac's definition decides in the authorizer, on the same verified claims as the app", () => {
  for (const version of [1, 2] as const) {
    it(`claims v${version}: Alice (manager) may read reports, Bob (member) may not`, async () => {
      const handler = createClerkAuthorizer({
        type: 'http-v2',
        ...trusted,
        authorize: (claims) => access.can(claims, 'org:reports:read'),
      });
      const answer = async (persona: typeof alice) =>
        (await handler(httpV2Event(`Bearer ${await tokenFor(persona, { version })}`))).isAuthorized;
      expect(await answer(alice)).toBe(true);
      expect(await answer(bob)).toBe(false);
    });
  }

  it('a role the definition does not know is denied (fail closed)', async () => {
    const handler = createClerkAuthorizer({
      type: 'rest-token',
      ...trusted,
      authorize: (claims) => access.can(claims, 'org:tasks:view'),
    });
    const intern = {
      userId: 'user_ivy',
      organization: { id: 'org_acme', role: 'org:intern', permissions: ['org:tasks:view'] },
    };
    const result = await handler(restTokenEvent(`Bearer ${await tokenFor(intern)}`));
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
  });
});
