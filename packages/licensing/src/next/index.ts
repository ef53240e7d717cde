export {
  type ActionResult,
  createGuard,
  type Guard,
  type GuardedSession,
  type GuardOptions,
  type ProxyRule,
  type Requirements,
} from '@clerkship/internal/next';
export { type BillingActions, type BillingActionsOptions, createBillingActions } from './billing-actions';
