export type { AccessSubject, AuthLike } from '@clerkship/internal';
export {
  createSignupFlow,
  type SignupFlow,
  type SignupFlowOptions,
  type SignupStart,
  type SignupStatus,
} from './create-signup-flow';
export { isTeamPlan, type SignupInput } from './signup-input';
export type { ClerkSignupClient } from './signup-organization';
export {
  createSignupRouteHandlers,
  type SignupRouteHandlers,
  type SignupRouteHandlersOptions,
} from './signup-route-handlers';
export type { SignupCheckout, SignupRecord, SignupStore } from './signup-store';
