import { createClerkClient, type SessionAuthObject } from '@clerk/backend';
import { TestingError } from './errors';
import type { TestKeys } from './keys';
import { createSessionToken, type Persona, type SessionTokenOptions } from './session-token';

// A production-type key for the placeholder Frontend API the tokens name: no handshake, no network.
const publishableKey = `pk_live_${btoa('clerk.clerkship.test$')}`;
// authenticateRequest insists on a secret key; networkless verification never uses it.
const secretKey = 'sk_live_clerkship_offline';

/**
 * The auth object Clerk's own code builds for a persona's session token: what `auth()` returns in a
 * route handler, with `userId`, `orgId`, `orgRole`, `orgPermissions`, `sessionClaims` and `has()`.
 * Test authorization code without a server.
 *
 * @example
 * const auth = await createAuthObject(keys, bob);
 * auth.has({ permission: 'org:tasks:edit' }); // true
 * expect(canEditTask(auth, alicesTask)).toBe(false);
 *
 * @throws {TestingError} as `createSessionToken` does.
 */
export async function createAuthObject(
  keys: TestKeys,
  persona: Persona,
  options: SessionTokenOptions = {},
): Promise<SessionAuthObject> {
  return authenticateToken(keys, await createSessionToken(keys, persona, options));
}

/** Clerk's auth object for any token (also expired or forged ones: then signed out). */
export async function authenticateToken(keys: TestKeys, token: string): Promise<SessionAuthObject> {
  const clerk = createClerkClient({ publishableKey, secretKey, jwtKey: keys.jwtKey });
  const state = await clerk.authenticateRequest(
    new Request('http://localhost/', { headers: { authorization: `Bearer ${token}` } }),
    { jwtKey: keys.jwtKey },
  );
  const auth = state.toAuth();
  if (!auth)
    throw new TestingError(
      'invalid_token_options',
      'Clerk asked for a handshake instead of reading the token.',
    );
  return auth as SessionAuthObject;
}
