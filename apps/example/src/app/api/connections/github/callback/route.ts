import { fragmentSafeRedirect, protectCallback, validateCallback } from '@clerkship/oauth-callback';
import { GuardError } from '@clerkship/rbac/next';
import { cookies } from 'next/headers';
import { appOrigin } from '@/lib/app-origin';
import {
  callbackPath,
  exchangeCode,
  expectedCookie,
  parseExpected,
  provider,
  saveConnection,
} from '@/lib/connections';
import { guard } from '@/lib/guard';

/**
 * GitHub's callback. `protectCallback` makes every redirect it answers fragment-safe (an access token an
 * attacker had put in the fragment never reaches the next page) and marks it no-store / no-referrer;
 * `validateCallback` reads the code from the query only and refuses tokens, a wrong `state` or `iss`.
 * A refusal is a 303 to `/connections?oauth_callback_error=<code>#`.
 */
export const GET = protectCallback(
  async (request: Request) => {
    const jar = await cookies();
    const expected = parseExpected(jar.get(expectedCookie)?.value);
    jar.delete({ name: expectedCookie, path: '/api/connections/github' });
    const validated = await validateCallback(request, expected);
    // The guard after the checks that need no session: a signed-out browser is sent to sign in, fragment-safely.
    const session = await guard.action().catch((error: unknown) => {
      if (GuardError.isInstance(error) && error.code === 'signed_out') return undefined;
      throw error;
    });
    if (!session || !expected) return fragmentSafeRedirect('/sign-in?redirect_url=%2Fconnections');
    const origin = await appOrigin();
    const from = provider(origin);
    if (!from) return fragmentSafeRedirect('/connections?unconfigured=1');
    const login = await exchangeCode(
      from,
      `${origin}${callbackPath}`,
      validated.parameters,
      expected.codeVerifier,
    );
    await saveConnection(session.userId, login);
    return fragmentSafeRedirect('/connections?connected=github');
  },
  { errorUrl: '/connections' },
);
