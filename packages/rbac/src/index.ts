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
export { type DenialReason, ForbiddenError, RbacError, type RbacErrorCode } from './errors';
export type { AccessSubject, AuthLike, SessionClaimsLike } from './subject';
