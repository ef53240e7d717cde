export type {
  AccessSubject,
  AuthLike,
  ClerkshipError,
  Requirement,
  SessionClaimsLike,
} from '@clerkship/internal';
export type { ClerkAuthorizationOf } from './clerk-types';
export {
  type Access,
  type AccessDefinition,
  type AccessResource,
  type AccessSnapshot,
  defineAccess,
  type PermissionKey,
  type PermissionRule,
  type PersonalAccountPolicy,
  type RoleKey,
} from './define-access';
export { type DenialReason, RbacError, type RbacErrorCode } from './errors';
