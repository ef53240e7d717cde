import {
  type AccessSubject,
  type Requirement,
  resolveSubject,
  type StandardSchema,
  validateSync,
} from '@clerkship/internal';
import { WaitlistError } from './errors';

/** Where the flags live. Defaults follow the waitlist guide. */
export interface WaitlistOptions {
  /** The session-token claim that carries the user's public metadata. Default `metadata`. */
  claim?: string;
  /** The public-metadata key that marks an approved user. Default `isBetaUser`. */
  approvedKey?: string;
  /** The public-metadata key that marks an admin. Default `isAdmin`. */
  adminKey?: string;
  /**
   * A Standard Schema (zod, valibot, arktype...) for the claim, when you describe your metadata
   * yourself. A claim that does not match reads as malformed: waitlisted, never approved. Synchronous
   * schemas only (the check runs on every guarded request).
   */
  schema?: StandardSchema;
  /** Where a page guard sends a waitlisted user. Default `/waitlist`. */
  waitingPage?: string;
}

/** Where a session stands. Admins are approved too. */
export type WaitlistStatus = 'signed_out' | 'waitlisted' | 'approved' | 'admin';

/** Why a signed-in session reads as waitlisted for want of data rather than by choice. */
export type ClaimProblem = 'claim_missing' | 'claim_malformed';

/** What Clerk gives you: the `auth()` object, or a verified session-token payload (any shape rbac takes). */
export type WaitlistSubject = AccessSubject;

/** The result of `inspect`. */
export interface WaitlistInspection {
  status: WaitlistStatus;
  userId: string | null;
  /** Set when the claim is absent or malformed: usually a missing session-token template. */
  problem: ClaimProblem | null;
}

/** The object `createWaitlist` returns. */
export interface Waitlist {
  readonly options: Readonly<Required<Omit<WaitlistOptions, 'schema'>>> & { schema?: StandardSchema };
  /** The session-token template to paste in the Clerk dashboard (Sessions → Customize session token). */
  readonly sessionTokenTemplate: string;
  /** The session's status, from verified claims only: zero Backend API calls, never throws. */
  statusOf(subject: WaitlistSubject): WaitlistStatus;
  /** Like `statusOf`, with the user id and any claim problem. */
  inspect(subject: WaitlistSubject): WaitlistInspection;
  /**
   * Guard requirement: approved (or admin). A page guard sends a waitlisted user to `waitingPage`.
   *
   * @example
   * const { userId } = await guard.page(waitlist.approved);
   */
  readonly approved: Requirement;
  /** Guard requirement: a waitlist admin. */
  readonly admin: Requirement;
}

const warned = new WeakSet<object>();

/**
 * A beta waitlist on Clerk user metadata, as in the waitlist guide: approved users carry
 * `isBetaUser: true` in public metadata, which the session-token template copies into the `metadata`
 * claim. Missing or malformed claims mean waitlisted, never a crash.
 *
 * @example
 * export const waitlist = createWaitlist(); // metadata.isBetaUser, metadata.isAdmin
 * waitlist.statusOf(await auth()); // 'signed_out' | 'waitlisted' | 'approved' | 'admin'
 * await guard.page(waitlist.approved);
 */
export function createWaitlist(options: WaitlistOptions = {}): Waitlist {
  const { schema, ...rest } = options;
  const resolved = {
    claim: 'metadata',
    approvedKey: 'isBetaUser',
    adminKey: 'isAdmin',
    waitingPage: '/waitlist',
    ...rest,
  };
  const sessionTokenTemplate = JSON.stringify({ [resolved.claim]: '{{user.public_metadata}}' });

  function flagsOf(claim: unknown): Record<string, unknown> | ClaimProblem {
    if (claim === undefined) return 'claim_missing';
    if (typeof claim !== 'object' || claim === null || Array.isArray(claim)) return 'claim_malformed';
    if (!schema) return claim as Record<string, unknown>;
    const result = validateSync(schema, claim);
    if ('issues' in result) return 'claim_malformed';
    return typeof result.value === 'object' && result.value !== null
      ? (result.value as Record<string, unknown>)
      : 'claim_malformed';
  }

  function inspect(subject: WaitlistSubject): WaitlistInspection {
    const session = resolveSubject(subject);
    if (!session) return { status: 'signed_out', userId: null, problem: null };
    const flags = flagsOf(session.claims[resolved.claim]);
    if (typeof flags === 'string') return { status: 'waitlisted', userId: session.userId, problem: flags };
    const status =
      flags[resolved.adminKey] === true
        ? 'admin'
        : flags[resolved.approvedKey] === true
          ? 'approved'
          : 'waitlisted';
    return { status, userId: session.userId, problem: null };
  }

  const waitlist: Waitlist = {
    options: { ...resolved, ...(schema ? { schema } : {}) },
    sessionTokenTemplate,
    inspect,
    statusOf: (subject) => inspect(subject).status,
    approved: {
      name: 'waitlist:approved',
      deniedPage: resolved.waitingPage,
      check(subject) {
        const inspection = inspect(subject);
        warnOnce(inspection);
        if (inspection.status === 'approved' || inspection.status === 'admin') return null;
        return new WaitlistError(
          'waitlisted',
          'you are on the waitlist. Access opens when an admin approves you; this page moves on by itself.',
        ) as WaitlistError & { status: number };
      },
    },
    admin: {
      name: 'waitlist:admin',
      check(subject) {
        const inspection = inspect(subject);
        warnOnce(inspection);
        if (inspection.status === 'admin') return null;
        return new WaitlistError(
          'forbidden',
          `only waitlist admins may do this. Set "${resolved.adminKey}": true in the user's public metadata.`,
        ) as WaitlistError & { status: number };
      },
    },
  };

  function warnOnce(inspection: WaitlistInspection): void {
    if (!inspection.problem || warned.has(waitlist)) return;
    warned.add(waitlist);
    console.warn(
      `@clerkship/waitlist: the session token has no ${inspection.problem === 'claim_malformed' ? 'valid ' : ''}"${resolved.claim}" claim, so every user reads as waitlisted. ` +
        `In the Clerk dashboard, Sessions → Customize session token, add: ${sessionTokenTemplate}`,
    );
  }

  return waitlist;
}
