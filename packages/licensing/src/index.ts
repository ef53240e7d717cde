export type { AuthLike, ClerkshipError, GuardSubject, Requirement } from '@clerkship/internal';
export type { ClerkMirrorOptions, ClerkOrganizationsClient } from './clerk-mirror';
export {
  type BillingOverview,
  createLicensing,
  type HostedSession,
  type Licensing,
  type LicensingClerkCallbacks,
  type LicensingOptions,
  type LicensingStripeCallbacks,
  licensingStripeEvents,
  type StripeClient,
  type SyncOutcome,
} from './create-licensing';
export { LicensingError, type LicensingErrorCode } from './errors';
export { isLicensed, type LicensedSubject, sessionTokenTemplate } from './is-licensed';
export type { License, LicenseClaim, LicenseSnapshot, LicenseStatus, SeatAssignment } from './license';
export type {
  AssignOutcome,
  LicensingStore,
  OverLimitStrategy,
  PendingMirror,
  WriteLicenseResult,
} from './licensing-store';
export {
  type CheckoutInput,
  definePlans,
  memberInputSchema,
  type Plan,
  type PlanDefinition,
  type Plans,
} from './plans';
export { licenseGrantsSeats, type StatusPolicy } from './status-policy';
