/** Where the flags live. Defaults follow the waitlist guide. */
export interface WaitlistOptions {
  /** The session-token claim that carries the user's public metadata. Default `metadata`. */
  claim?: string;
  /** The public-metadata key that marks an approved user. Default `isBetaUser`. */
  approvedKey?: string;
  /** The public-metadata key that marks an admin. Default `isAdmin`. */
  adminKey?: string;
}

/** Where a session stands. Admins are approved too. */
export type WaitlistStatus = 'signed-out' | 'waitlisted' | 'approved' | 'admin';

/** Why a signed-in session reads as waitlisted for want of data rather than by choice. */
export type ClaimProblem = 'claim_missing' | 'claim_malformed';

/** What Clerk gives you: the `auth()` object, or a verified session-token payload. */
export type WaitlistSubject =
  | {
      userId?: string | null;
      isAuthenticated?: boolean;
      sessionStatus?: string | null;
      sessionClaims?: Record<string, unknown> | null;
    }
  | { sub: string; [claim: string]: unknown }
  | null
  | undefined;

/** The result of `inspect`. */
export interface WaitlistInspection {
  status: WaitlistStatus;
  userId: string | null;
  /** Set when the claim is absent or not an object: usually a missing session-token template. */
  problem: ClaimProblem | null;
}

/** The object `createWaitlist` returns. */
export interface Waitlist {
  readonly options: Required<WaitlistOptions>;
  /** The session-token template to paste in the Clerk dashboard (Sessions → Customize session token). */
  readonly sessionTokenTemplate: string;
  /** The session's status, from verified claims only: zero Backend API calls, never throws. */
  statusOf(subject: WaitlistSubject): WaitlistStatus;
  /** Like `statusOf`, with the user id and any claim problem. */
  inspect(subject: WaitlistSubject): WaitlistInspection;
}

function claimsAndUser(subject: WaitlistSubject): { claims: Record<string, unknown>; userId: string } | null {
  if (typeof subject !== 'object' || subject === null) return null;
  if ('sub' in subject) {
    if (typeof subject.sub !== 'string' || !subject.sub || subject.sts === 'pending') return null;
    return { claims: subject, userId: subject.sub };
  }
  if (subject.isAuthenticated === false || subject.sessionStatus === 'pending') return null;
  if (typeof subject.userId !== 'string' || !subject.userId) return null;
  const claims = subject.sessionClaims;
  return { claims: typeof claims === 'object' && claims !== null ? claims : {}, userId: subject.userId };
}

/**
 * A beta waitlist on Clerk user metadata, as in the waitlist guide: approved users carry
 * `isBetaUser: true` in public metadata, which the session-token template copies into the `metadata`
 * claim. Missing or malformed claims mean waitlisted, never a crash.
 *
 * @example
 * export const waitlist = createWaitlist(); // metadata.isBetaUser, metadata.isAdmin
 * waitlist.statusOf(await auth()); // 'signed-out' | 'waitlisted' | 'approved' | 'admin'
 */
export function createWaitlist(options: WaitlistOptions = {}): Waitlist {
  const resolved = { claim: 'metadata', approvedKey: 'isBetaUser', adminKey: 'isAdmin', ...options };

  function inspect(subject: WaitlistSubject): WaitlistInspection {
    const found = claimsAndUser(subject);
    if (!found) return { status: 'signed-out', userId: null, problem: null };
    const metadata = found.claims[resolved.claim];
    if (metadata === undefined)
      return { status: 'waitlisted', userId: found.userId, problem: 'claim_missing' };
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
      return { status: 'waitlisted', userId: found.userId, problem: 'claim_malformed' };
    }
    const flags = metadata as Record<string, unknown>;
    const status =
      flags[resolved.adminKey] === true
        ? 'admin'
        : flags[resolved.approvedKey] === true
          ? 'approved'
          : 'waitlisted';
    return { status, userId: found.userId, problem: null };
  }

  return {
    options: resolved,
    sessionTokenTemplate: JSON.stringify({ [resolved.claim]: '{{user.public_metadata}}' }),
    inspect,
    statusOf: (subject) => inspect(subject).status,
  };
}
