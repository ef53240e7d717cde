import type { ResolvedSubject } from '../subject';

/**
 * A signed-in, active session as a requirement sees it: ids, the verified claims and the permission
 * check. Built once per request from one `auth()` call, whatever the number of requirements.
 */
export type GuardSubject = ResolvedSubject;

/**
 * Why a requirement refused: the package's own error (a `code`, a 4xx `status`, a message in the house
 * format). A guard throws it from a server action, answers it as JSON from a route handler, and sends a
 * page to the requirement's `deniedPage` (else the guard's).
 */
export interface Denial extends Error {
  /** Stable and machine-readable: `forbidden`, `waitlisted`, `seat_required`... */
  readonly code: string;
  /** 401 or 403 (a 4xx). */
  readonly status: number;
}

/**
 * What a package contributes to a guard: one rule about a signed-in session. The contract is
 * structural: rbac's permission, waitlist's approval and licensing's seat all satisfy it, and no package
 * depends on another at run time.
 *
 * @example
 * const approved: Requirement = {
 *   name: 'waitlist:approved',
 *   check: (subject) => (subject.claims.metadata?.isBetaUser === true ? null : new WaitlistError('waitlisted', '...')),
 * };
 */
export interface Requirement {
  /** A short name for logs and debugging, such as `rbac:org:tasks:edit`. */
  readonly name: string;
  /** Where a page goes when this requirement denies (a waitlist page, a billing page). Default: the guard's. */
  readonly deniedPage?: string;
  /** `null` when the session meets the requirement, else the denial. May read a database (async). */
  check(subject: GuardSubject): Denial | null | Promise<Denial | null>;
}
