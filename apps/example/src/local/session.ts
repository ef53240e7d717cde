'use server';

import { auth, clerkClient } from '@clerk/nextjs/server';
import { createSessionToken, type Persona } from '@clerkship/testing';
import type { ClerkApiFake } from '@clerkship/testing/clerk-api';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { after } from 'next/server';
import { z } from 'zod';
import { isLocalMode } from '@/lib/mode';
import { localBackendApi } from './backend-api';
import { assertLocalModeAllowed, localIssuer, localKeys } from './mode';
import { type LocalPersona, personas } from './personas';
import { safeRedirectPath } from './redirect-path';
import { seedMirror } from './seed-mirror';
import { signedUpPersona } from './signed-up-persona';

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
function licensingClaim(backendApi: ClerkApiFake, persona: Persona) {
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
async function startLocalSession(persona: Persona | LocalPersona): Promise<void> {
  const backendApi = await localBackendApi();
  const stored = backendApi.users.get(persona.userId);
  const metadata = stored?.public_metadata ?? ('publicMetadata' in persona ? persona.publicMetadata : {});
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
  const { userId, orgId } = await auth();
  const persona =
    personas.find((candidate) => candidate.userId === userId) ??
    (userId ? signedUpPersona(await localBackendApi(), userId, orgId ?? null) : undefined);
  if (persona) await startLocalSession(persona);
}

/**
 * Local mode's "sign up": a new user in the local Backend API (through the Backend API, as Clerk's
 * sign-up would make one), signed in with no organization, then the plan page of the hybrid sign-up.
 * The user is let into the beta at once: the waitlist is another guide's flow.
 */
export async function signUpAsNewUser(): Promise<void> {
  assertLocalMode();
  const number = crypto.randomUUID().slice(0, 8);
  const user = await (await clerkClient()).users.createUser({
    firstName: 'New',
    lastName: `User ${number}`,
    emailAddress: [`new-${number}@example.com`],
    publicMetadata: { isBetaUser: true },
    skipPasswordRequirement: true,
  });
  const persona = signedUpPersona(await localBackendApi(), user.id, null);
  if (!persona) throw new Error(`example: the local Backend API did not keep the new user ${user.id}.`);
  await startLocalSession(persona);
  redirect('/plan');
}

const organizationIdSchema = z.string().regex(/^org_\w+$/);

/**
 * Local mode's stand-in for Clerk's `setActive({ organization })`: re-mints the session token with the
 * organization active (its id, slug, the user's role and permissions, and the licensing claim from the
 * local Backend API's metadata), then opens Billing. Only an organization the user is a member of.
 */
export async function activateLocalOrganization(organizationId: string): Promise<void> {
  assertLocalMode();
  const { userId } = await auth();
  const parsed = organizationIdSchema.safeParse(organizationId);
  if (!userId) redirect('/sign-in');
  const persona = parsed.success ? signedUpPersona(await localBackendApi(), userId, parsed.data) : undefined;
  // Not a member (or a forged id): nothing changes, back to where the sign-up stands.
  if (!persona?.organization) redirect('/welcome');
  await startLocalSession(persona);
  redirect('/billing');
}

/** Ends the local session. */
export async function signOutLocal(): Promise<void> {
  assertLocalMode();
  const jar = await cookies();
  jar.delete('__session');
  jar.set('__client_uat', '0', { path: '/', sameSite: 'lax', httpOnly: true });
  redirect('/sign-in');
}
