import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { appOrigin } from '@/lib/app-origin';

/**
 * Local mode's OAuth provider, standing in for GitHub: it signs in a fixed account (`octocat-local`)
 * without asking, and, like the providers of the Open Response Type post, it checks `redirect_uri`
 * against its allowlist but not `response_type`: a `token` request gets the access token in the
 * callback's fragment. That is the attack the app's callback has to survive.
 */
export const localAccount = 'octocat-local';
const clientId = 'team-tasks-local';
const clientSecret = 'local-mode-client-secret';

interface Grant {
  challenge: string;
  redirectUri: string;
  expiresAt: number;
}

const holder = globalThis as typeof globalThis & {
  clerkshipOAuthGrants?: Map<string, Grant>;
  clerkshipOAuthTokens?: Set<string>;
};
holder.clerkshipOAuthGrants ??= new Map();
holder.clerkshipOAuthTokens ??= new Set();
const grants = holder.clerkshipOAuthGrants;
const tokens = holder.clerkshipOAuthTokens;

function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

const authorizeQuery = z.object({
  client_id: z.literal(clientId),
  redirect_uri: z.url(),
  response_type: z.string().min(1),
  response_mode: z.string().optional(),
  state: z.string().optional(),
  code_challenge: z.string().optional(),
  code_challenge_method: z.string().optional(),
});

function authorize(request: Request, issuer: string, origin: string): Response {
  const url = new URL(request.url);
  const parsed = authorizeQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return json({ error: 'invalid_request' }, 400);
  const query = parsed.data;
  const callback = new URL(query.redirect_uri);
  // The allowlist: only this app's own callback.
  if (callback.origin !== origin || callback.pathname !== '/api/connections/github/callback')
    return json({ error: 'invalid_request', error_description: 'redirect_uri is not registered' }, 400);

  const code = randomBytes(16).toString('base64url');
  grants.set(code, {
    challenge: query.code_challenge ?? '',
    redirectUri: query.redirect_uri,
    expiresAt: Date.now() + 60_000,
  });
  if (query.response_type === 'code' && (query.response_mode ?? 'query') === 'query') {
    callback.searchParams.set('code', code);
    if (query.state) callback.searchParams.set('state', query.state);
    callback.searchParams.set('iss', issuer);
    return new Response(null, { status: 302, headers: { location: callback.href } });
  }
  // Any other response type: what the attacker asked for, in the fragment.
  const token = `gho_${randomBytes(16).toString('hex')}`;
  tokens.add(token);
  const fragment = new URLSearchParams({ token_type: 'bearer', state: query.state ?? '' });
  if (query.response_type.includes('token')) fragment.set('access_token', token);
  if (query.response_type.includes('code')) fragment.set('code', code);
  return new Response(null, { status: 302, headers: { location: `${callback.href}#${fragment}` } });
}

const tokenForm = z.object({
  grant_type: z.literal('authorization_code'),
  code: z.string().min(1),
  redirect_uri: z.string().min(1),
  code_verifier: z.string().min(43),
  client_id: z.literal(clientId),
  client_secret: z.literal(clientSecret),
});

async function token(request: Request): Promise<Response> {
  const parsed = tokenForm.safeParse(Object.fromEntries(new URLSearchParams(await request.text())));
  if (!parsed.success) return json({ error: 'invalid_request' }, 400);
  const form = parsed.data;
  const grant = grants.get(form.code);
  grants.delete(form.code); // a code is good once
  const challenge = createHash('sha256').update(form.code_verifier).digest('base64url');
  if (
    !grant ||
    grant.expiresAt < Date.now() ||
    grant.redirectUri !== form.redirect_uri ||
    grant.challenge !== challenge
  )
    return json({ error: 'invalid_grant' }, 400);
  const accessToken = `gho_${randomBytes(16).toString('hex')}`;
  tokens.add(accessToken);
  return json({ access_token: accessToken, token_type: 'bearer', scope: 'read:user' });
}

function user(request: Request): Response {
  const bearer = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  if (!bearer || !tokens.has(bearer)) return json({ message: 'Bad credentials' }, 401);
  return json({ login: localAccount, id: 1 });
}

/** `GET /api/local/oauth/authorize`, `POST /api/local/oauth/token`, `GET /api/local/oauth/user`. */
export async function localOAuthProvider(request: Request, endpoint: string): Promise<Response> {
  const origin = await appOrigin();
  const issuer = `${origin}/api/local/oauth`;
  if (request.method === 'GET' && endpoint === 'authorize') return authorize(request, issuer, origin);
  if (request.method === 'POST' && endpoint === 'token') return token(request);
  if (request.method === 'GET' && endpoint === 'user') return user(request);
  return json({ error: 'not_found' }, 404);
}
