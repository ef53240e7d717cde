import { type AccessSubject, resolveSubject } from '../subject';
import { GuardError } from './guard-error';
import type { Denial, GuardSubject, Requirement } from './requirement';

/** The outcome of a guard check: the session, or the first denial and the requirement that made it. */
export type CheckResult =
  | { subject: GuardSubject; denial?: undefined; requirement?: undefined }
  | { subject?: undefined; denial: Denial; requirement: Requirement | null };

/**
 * Resolves the session once and runs the requirements in order; the first denial wins. No signed-in,
 * active session is a `GuardError` (401) before any requirement runs.
 */
export async function checkRequirements(
  source: AccessSubject | unknown,
  requirements: readonly Requirement[],
): Promise<CheckResult> {
  const subject = resolveSubject(source);
  if (!subject) return { denial: new GuardError('signed_out'), requirement: null };
  for (const requirement of requirements) {
    const denial = await requirement.check(subject);
    if (denial) return { denial, requirement };
  }
  return { subject };
}

/** The JSON answer to a refused request: `{ error: code, message }`, never cached. */
export function denialResponse(denial: Denial): Response {
  return Response.json(
    { error: denial.code, message: denial.message },
    { status: denial.status, headers: { 'cache-control': 'no-store' } },
  );
}
