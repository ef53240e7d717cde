export {
  createStripeWebhooksHandler,
  type StripeEvent,
  type StripeEventCallbacks,
  type StripeEventType,
  type StripeWebhooksHandlerOptions,
} from './create-stripe-webhooks-handler';
