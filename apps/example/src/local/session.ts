'use server';

import { auth } from '@clerk/nextjs/server';
import { createSessionToken } from '@clerkship/testing';
import type { ClerkApiFake } from '@clerkship/testing/clerk-api';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { after } from 'next/server';
import { isLocalMode } from '@/lib/mode';
import { localBackendApi } from './backend-api';
import { assertLocalModeAllowed, localIssuer, localKeys } from './mode';
import { type LocalPersona, personas } from './personas';
import { safeRedirectPath } from './redirect-path';
import { seedMirror } from './seed-mirror';

// Clerk's browser script would refresh the 60 s token every minute; without it, a local session
// token lives for a working day instead.
const localSessionSeconds = 12 * 3600;

function assertLocalMode(): void {
  if (!isLocalMode()) throw new Error('example: local sign-in is only available in local mode.');
  assertLocalModeAllowed();
}

/** Signs in as a local persona: mints a session token and sets the cookies Clerk reads. */
export async function signInAsPersona(formData: FormData): Promise<void> {
  assertLocalMode();
  const persona = personas.find((candidate) => candidate.key === formData.get('persona'));
  const target = safeRedirectPath(formData.get('redirect_url'));
  // A forged form: back to the picker with a message, nothing signed.
  if (!persona)
    redirect(`/sign-in?${new URLSearchParams({ error: 'unknown_persona', redirect_url: target })}`);
  await startLocalSession(persona);
  // After the answer: the sign-in does not wait for the mirror's database to start.
  const host = (await headers()).get('host');
  after(() => seedMirror(host));
  redirect(target);
}

/**
 * The `licensing` claim of @clerkship/licensing's session-token template, `{ "licensing": { "seat":
 * "{{org_membership.public_metadata.seat}}", "license": "{{org.public_metadata.license}}" } }`, rendered
 * from the local Backend API's current metadata: a shortcode with no value renders as `null`.
 */
function licensingClaim(backendApi: ClerkApiFake, persona: LocalPersona) {
  const orgId = persona.organization?.id;
  const membership = orgId ? backendApi.membershipOf(orgId, persona.userId) : undefined;
  const organization = orgId ? backendApi.organizations.get(orgId) : undefined;
  return {
    seat: membership?.public_metadata?.seat ?? null,
    license: organization?.public_metadata?.license ?? null,
  };
}

/**
 * Mints the persona's session token as Clerk would: the `metadata` claim is the user's current public
 * metadata and `licensing` their seat and their organization's license (from the local Backend API),
 * so an approval or a seat shows in the next token.
 */
async function startLocalSession(persona: LocalPersona): Promise<void> {
  const backendApi = await localBackendApi();
  const stored = backendApi.users.get(persona.userId);
  const metadata = stored?.public_metadata ?? persona.publicMetadata;
  const licensing = licensingClaim(backendApi, persona);
  const issuedAt = new Date();
  const token = await createSessionToken(
    await localKeys(),
    { ...persona, claims: { ...persona.claims, metadata, licensing } },
    {
      issuer: localIssuer,
      issuedAt,
      lifetimeSeconds: localSessionSeconds,
    },
  );
  const jar = await cookies();
  const options = { path: '/', sameSite: 'lax', httpOnly: true, maxAge: localSessionSeconds } as const;
  jar.set('__session', token, options);
  // Clerk treats a session token issued before the client's last update as stale.
  jar.set('__client_uat', String(Math.floor(issuedAt.getTime() / 1000)), options);
}

/**
 * Local mode's stand-in for `getToken({ skipCache: true })`: a fresh session token for the signed-in
 * persona, with their current metadata, seat and license. Connected mode refreshes through Clerk's browser SDK instead.
 */
export async function refreshLocalSession(): Promise<void> {
  assertLocalMode();
  const { userId } = await auth();
  const persona = personas.find((candidate) => candidate.userId === userId);
  if (persona) await startLocalSession(persona);
}

/** Ends the local session. */
export async function signOutLocal(): Promise<void> {
  assertLocalMode();
  const jar = await cookies();
  jar.delete('__session');
  jar.set('__client_uat', '0', { path: '/', sameSite: 'lax', httpOnly: true });
  redirect('/sign-in');
}
