import { buildAuthorizationUrl, fragmentSafeRedirect } from '@clerkship/oauth-callback';
import { cookies } from 'next/headers';
import { appOrigin } from '@/lib/app-origin';
import { callbackPath, cookieOptions, expectedCookie, provider } from '@/lib/connections';
import { guard } from '@/lib/guard';

/**
 * Starts "Connect GitHub" for the signed-in user: `response_type=code`, `response_mode=query` and PKCE
 * S256 pinned by `buildAuthorizationUrl`; the state, issuer and verifier wait in an HttpOnly cookie.
 */
export const GET = guard.route([], async () => {
  const origin = await appOrigin();
  const from = provider(origin);
  if (!from) return fragmentSafeRedirect('/connections?unconfigured=1');
  const { url, expected } = await buildAuthorizationUrl({
    server: from.server,
    clientId: from.clientId,
    redirectUri: `${origin}${callbackPath}`,
    scope: 'read:user',
  });
  (await cookies()).set(expectedCookie, JSON.stringify(expected), {
    ...cookieOptions,
    secure: !from.local,
  });
  return fragmentSafeRedirect(url.href);
});
