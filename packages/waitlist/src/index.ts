export type { ClerkshipError, Requirement, StandardSchema } from '@clerkship/internal';
export {
  type ClaimProblem,
  createWaitlist,
  type Waitlist,
  type WaitlistInspection,
  type WaitlistOptions,
  type WaitlistStatus,
  type WaitlistSubject,
} from './create-waitlist';
export { WaitlistError, type WaitlistErrorCode } from './errors';
