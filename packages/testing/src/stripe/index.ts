export {
  createStripeEvent,
  createStripeSubscription,
  type StripeEventOptions,
  type StripeSubscriptionOptions,
} from './stripe-events';
export { createStripeWebhookRequest, type StripeWebhookRequestOptions } from './stripe-webhook';
