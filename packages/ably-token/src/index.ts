export type { AccessSubject, AuthLike, ClerkshipError } from '@clerkship/internal';
export {
  type AblyPolicy,
  type AblyPolicyOptions,
  type AblyTokenContents,
  type AccessLike,
  type CapabilityGrant,
  type ClaimContext,
  defineAblyPolicy,
  type PermissionKey,
} from './ably-policy';
export {
  type Capability,
  type CapabilityOperation,
  capabilityOperations,
  channelOperations,
} from './capability';
export { type AblyJwtOptions, createAblyJwt } from './create-ably-jwt';
export { AblyTokenError, type AblyTokenErrorCode } from './errors';
export { type AblyMessageLike, canModifyMessage, type ModerationOptions } from './moderation';
