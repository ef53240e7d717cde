import { clerkClient } from '@clerk/nextjs/server';
import type { ExpectedCallback } from '@clerkship/oauth-callback';
import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import { isLocalMode } from './mode';

/**
 * "Connect GitHub": an OAuth callback of the app's own, beside Clerk (the Open Response Type post's
 * case). Connected mode talks to GitHub with `GITHUB_CLIENT_ID` / `GITHUB_CLIENT_SECRET`; local mode to
 * the app's own fake provider under `/api/local/oauth` (see `src/local/oauth-provider.ts`).
 */
export { callbackPath } from './connection-routes';
/** The HttpOnly cookie that keeps the request's `state`, issuer and PKCE verifier between the two routes. */
export const expectedCookie = 'github_oauth';
const cookiePath = '/api/connections/github';

export interface Provider {
  server: oauth.AuthorizationServer & { authorization_endpoint: string; token_endpoint: string };
  clientId: string;
  clientSecret: string;
  userEndpoint: string;
  /** Plain http is accepted only for local mode's provider on 127.0.0.1. */
  local: boolean;
}

/** The provider this server talks to, or `undefined` when connected mode has no GitHub app configured. */
export function provider(origin: string): Provider | undefined {
  if (isLocalMode()) {
    const base = `${origin}/api/local/oauth`;
    return {
      server: {
        issuer: base,
        authorization_endpoint: `${base}/authorize`,
        token_endpoint: `${base}/token`,
        authorization_response_iss_parameter_supported: true,
      },
      clientId: 'team-tasks-local',
      clientSecret: 'local-mode-client-secret',
      userEndpoint: `${base}/user`,
      local: true,
    };
  }
  const clientId = process.env.GITHUB_CLIENT_ID;
  const clientSecret = process.env.GITHUB_CLIENT_SECRET;
  if (!clientId || !clientSecret) return undefined;
  return {
    server: {
      issuer: 'https://github.com/login/oauth',
      authorization_endpoint: 'https://github.com/login/oauth/authorize',
      token_endpoint: 'https://github.com/login/oauth/access_token',
    },
    clientId,
    clientSecret,
    userEndpoint: 'https://api.github.com/user',
    local: false,
  };
}

export const cookieOptions = {
  httpOnly: true,
  sameSite: 'lax',
  path: cookiePath,
  maxAge: 600,
} as const;

// The cookie comes back from the browser: parsed, never trusted as it is.
const expectedSchema = z.object({
  state: z.string().min(1),
  issuer: z.string().min(1),
  issuerRequired: z.boolean().optional(),
  codeVerifier: z.string().min(1),
});

/** The kept request, or `undefined` (no sign-in started here, or a cookie that is not ours). */
export function parseExpected(
  value: string | undefined,
): (ExpectedCallback & { codeVerifier: string }) | undefined {
  if (!value) return undefined;
  try {
    const parsed = expectedSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const githubUser = z.object({ login: z.string().min(1) });

/** Exchanges the code (PKCE, client secret) and reads the account's login. */
export async function exchangeCode(
  from: Provider,
  redirectUri: string,
  parameters: URLSearchParams,
  codeVerifier: string,
): Promise<string> {
  const client: oauth.Client = { client_id: from.clientId };
  const options = from.local ? { [oauth.allowInsecureRequests]: true } : {};
  const response = await oauth.authorizationCodeGrantRequest(
    from.server,
    client,
    oauth.ClientSecretPost(from.clientSecret),
    parameters,
    redirectUri,
    codeVerifier,
    options,
  );
  const { access_token } = await oauth.processAuthorizationCodeResponse(from.server, client, response);
  const user = await fetch(from.userEndpoint, {
    headers: { authorization: `Bearer ${access_token}`, accept: 'application/json' },
  });
  if (!user.ok) throw new Error(`example: the provider's user endpoint answered ${user.status}.`);
  return githubUser.parse(await user.json()).login;
}

const connectionSchema = z.object({ login: z.string(), connectedAt: z.string() });
export type Connection = z.infer<typeof connectionSchema>;

/** The user's GitHub connection, kept in their private metadata (never in a session token). */
export async function readConnection(userId: string): Promise<Connection | undefined> {
  const user = await (await clerkClient()).users.getUser(userId);
  const parsed = connectionSchema.safeParse(user.privateMetadata.github);
  return parsed.success ? parsed.data : undefined;
}

export async function saveConnection(userId: string, login: string): Promise<void> {
  await (await clerkClient()).users.updateUserMetadata(userId, {
    privateMetadata: { github: { login, connectedAt: new Date().toISOString() } },
  });
}
