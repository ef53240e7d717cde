export { type ClientSource, clientOf, type RetryOptions, withRateLimitRetry } from './backend-api-retry';
export {
  type ClerkCallbackName,
  type ClerkWebhookEvent,
  type ClerkWebhookEventType,
  clerkCallbackName,
  clerkEventTypes,
} from './clerk-events';
export {
  ClerkshipError,
  type ClerkshipErrorOptions,
  isClerkshipError,
  isClientError,
} from './clerkship-error';
export { type CheckResult, checkRequirements, denialResponse } from './guard/check-requirements';
export { GuardError, type GuardErrorCode } from './guard/guard-error';
export type { Denial, GuardSubject, Requirement } from './guard/requirement';
export {
  base64UrlOf,
  constantTimeEqual,
  createHmacSha256,
  createWebCryptoHmacSha256,
  type HmacEncoding,
  type HmacSigner,
} from './hmac-sha256';
export { type PostgresError, postgresErrorOf } from './postgres-error';
export { primaryEmailAddress, type UserEmails, type UserEmailsJSON } from './primary-email';
export { type StandardResult, type StandardSchema, validateSync } from './standard-schema';
export {
  type AccessSubject,
  type AuthLike,
  extendSubject,
  type ResolvedSubject,
  resolveSubject,
  type SessionClaimsLike,
} from './subject';
export type { OrganizationJSON, OrganizationMembershipJSON, UserJSON } from './vendor/clerk-webhook-types';
