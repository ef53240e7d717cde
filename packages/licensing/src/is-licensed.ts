import type { LicenseClaim } from './license';

/**
 * The custom claim `isLicensed` reads: add it to the session token (Clerk Dashboard → Sessions →
 * Customize session token). `seat` comes from the active membership's public metadata, `license` from
 * the active organization's; both are written by the package's Clerk mirror.
 *
 * @example
 * {
 *   "licensing": {
 *     "seat": "{{org_membership.public_metadata.seat}}",
 *     "license": "{{org.public_metadata.license}}"
 *   }
 * }
 */
export const sessionTokenTemplate = {
  licensing: {
    seat: '{{org_membership.public_metadata.seat}}',
    license: '{{org.public_metadata.license}}',
  },
} as const;

/** What `isLicensed` accepts: verified session claims, or an auth object that carries them. */
export type LicensedSubject =
  | { sessionClaims?: Record<string, unknown> | null }
  | { claims: Readonly<Record<string, unknown>> }
  | Readonly<Record<string, unknown>>
  | null
  | undefined;

function claimsOf(subject: object): Readonly<Record<string, unknown>> | null | undefined {
  // An auth() object first: the common case.
  if ('sessionClaims' in subject)
    return (subject as { sessionClaims?: Record<string, unknown> | null }).sessionClaims;
  if ('licensing' in subject) return subject as Readonly<Record<string, unknown>>;
  if ('claims' in subject) return (subject as { claims: Readonly<Record<string, unknown>> }).claims;
  return undefined;
}

/**
 * Whether the session's member holds a licensed seat in the active organization, from the verified
 * session claims alone: zero database and zero Backend API calls. Fail closed: no claim, a seat not
 * `true`, a license that is not `active` / `trialing` / `past_due` within its grace period → `false`.
 *
 * Claims can be up to 60 s stale after an assignment or a subscription change; the mutating server paths
 * re-check against the database (`licensing.requireSeat({ fresh: true })`).
 *
 * @example
 * const { sessionClaims } = await auth();
 * if (!isLicensed(sessionClaims)) return <ReadOnlyTasks />;
 */
export function isLicensed(subject: LicensedSubject, now?: number): boolean {
  if (typeof subject !== 'object' || subject === null) return false;
  const claims = claimsOf(subject);
  const licensing = claims?.licensing as { seat?: unknown; license?: unknown } | null | undefined;
  if (typeof licensing !== 'object' || licensing === null || licensing.seat !== true) return false;
  const license = licensing.license as Partial<LicenseClaim> | null | undefined;
  if (typeof license !== 'object' || license === null) return false;
  if (license.status === 'active' || license.status === 'trialing') return true;
  return (
    license.status === 'past_due' &&
    typeof license.graceEndsAt === 'number' &&
    // The clock is read only here: most checks never need it.
    license.graceEndsAt * 1000 > (now ?? Date.now())
  );
}
