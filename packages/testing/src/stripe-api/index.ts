export { type RunningStripeFake, type StartStripeFakeOptions, startStripeFake } from './start-stripe-fake';
export { createStripeFake, type StripeFake, type StripeFakeOptions } from './stripe-fake';
export type {
  StripeFakeDelivery,
  StripeFakeDeliveryAttempt,
  StripeFakeDeliveryOptions,
  StripeFakeWebhookEndpoint,
} from './webhook-deliveries';
