export type { ClerkshipError } from '@clerkship/internal';
export { PostHogIdentifyError, type PostHogIdentifyErrorCode } from './errors';
export { type ClerkUserLike, defaultPersonProperties } from './person-properties';
export type { PostHogClient } from './posthog-client';
export { type IdentityState, type SyncAction, type SyncOptions, syncIdentity } from './sync-identity';
