import {
  createSessionToken,
  createTestKeys,
  type Persona,
  type SessionTokenOptions,
} from '@clerkship/testing';
import { importPKCS8, SignJWT } from 'jose';
import { bob, instance } from './clerk';

/** A session token of the trusted instance. */
export function tokenFor(persona: Persona = bob, options: SessionTokenOptions = {}): Promise<string> {
  return createSessionToken(instance.keys, persona, options);
}

function base64Url(value: unknown): string {
  return btoa(JSON.stringify(value)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The token an attacker forges with `alg: none`: valid claims, no signature. */
export function unsignedToken(): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sub: 'user_mallory',
    iss: instance.issuer,
    azp: instance.authorizedParty,
    iat: now,
    nbf: now - 10,
    exp: now + 60,
  };
  return `${base64Url({ alg: 'none', typ: 'JWT' })}.${base64Url(claims)}.`;
}

const otherInstanceKeys = await createTestKeys();

/** Every token the authorizer must refuse, by the code it is refused with. */
export async function badTokens(): Promise<
  Array<{ name: string; authorization: string | undefined; code: string }>
> {
  const hourAgo = new Date(Date.now() - 3_600_000);
  const inTwoMinutes = new Date(Date.now() + 120_000);
  return [
    { name: 'no Authorization header', authorization: undefined, code: 'missing_token' },
    { name: 'an empty Authorization header', authorization: '', code: 'missing_token' },
    {
      name: 'a Basic header',
      authorization: 'Basic dXNlcjpwYXNzd29yZA==',
      code: 'invalid_authorization_scheme',
    },
    { name: '"Bearer" with no token', authorization: 'Bearer ', code: 'invalid_authorization_scheme' },
    { name: 'a malformed token', authorization: 'Bearer not-a-jwt', code: 'malformed_token' },
    {
      name: 'a token signed with a key the API does not trust',
      authorization: `Bearer ${await createSessionToken(await createTestKeys(), bob)}`,
      code: 'invalid_signature',
    },
    {
      name: 'an expired token',
      authorization: `Bearer ${await tokenFor(bob, { issuedAt: hourAgo })}`,
      code: 'token_expired',
    },
    {
      name: 'a token not valid yet',
      authorization: `Bearer ${await tokenFor(bob, { issuedAt: inTwoMinutes })}`,
      code: 'token_not_active_yet',
    },
    {
      name: 'a token of the right key with another issuer',
      authorization: `Bearer ${await tokenFor(bob, { issuer: 'https://clerk.evil.test' })}`,
      code: 'invalid_issuer',
    },
    {
      name: 'a token minted for another origin (azp)',
      authorization: `Bearer ${await tokenFor(bob, { authorizedParty: 'https://evil.test' })}`,
      code: 'invalid_authorized_party',
    },
    { name: 'an alg: none token', authorization: `Bearer ${unsignedToken()}`, code: 'invalid_algorithm' },
    {
      name: 'a pending session',
      authorization: `Bearer ${await tokenFor({ ...bob, status: 'pending' })}`,
      code: 'session_pending',
    },
    {
      name: 'a token from another Clerk instance',
      authorization: `Bearer ${await createSessionToken(otherInstanceKeys, bob, { issuer: 'https://clerk.other.test' })}`,
      code: 'invalid_signature',
    },
  ];
}

/** The instance's public key as a JWKS, as `https://<frontend api>/.well-known/jwks.json` serves it. */
export async function jwksOf(keys: { kid: string; jwtKey: string }): Promise<{ keys: JsonWebKey[] }> {
  const base64 = keys.jwtKey.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, '');
  const der = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  const key = await crypto.subtle.importKey(
    'spki',
    der,
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    true,
    ['verify'],
  );
  const jwk = await crypto.subtle.exportKey('jwk', key);
  return { keys: [{ ...jwk, kid: keys.kid, alg: 'RS256', use: 'sig' } as JsonWebKey] };
}

/** The claims of a valid session token of the trusted instance, for tokens a test shapes by hand. */
export function sessionClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: 'user_bob',
    sid: 'sess_bob',
    iss: instance.issuer,
    azp: instance.authorizedParty,
    iat: now,
    nbf: now - 10,
    exp: now + 60,
    v: 2,
    ...overrides,
  };
}

/**
 * A token with the header and claims a test chooses, signed with the trusted instance's private key
 * (RS256/384/512), or, for `HS256`, with the instance's public PEM as the HMAC secret: the classic
 * algorithm-confusion forgery against verifiers that let the token pick the algorithm.
 */
export async function signedToken(
  claims: Record<string, unknown>,
  header: { alg?: string; typ?: string } = {},
): Promise<string> {
  const alg = header.alg ?? 'RS256';
  const key =
    alg === 'HS256'
      ? new TextEncoder().encode(instance.keys.jwtKey)
      : await importPKCS8(instance.keys.privateKeyPem, alg);
  return new SignJWT(claims)
    .setProtectedHeader({ kid: instance.keys.kid, typ: 'JWT', ...header, alg })
    .sign(key);
}
