export type { ClerkshipError } from '@clerkship/internal';
export { createAuthObject } from './auth-object';
export {
  type BuildableClerkEventType,
  type ClerkEvent,
  type ClerkEventOptions,
  createClerkEvent,
  createClerkId,
} from './clerk-events';
export { type ClerkWebhookRequestOptions, createClerkWebhookRequest } from './clerk-webhook';
export { TestingError, type TestingErrorCode } from './errors';
export { createTestKeys, type TestKeys } from './keys';
export {
  createSessionToken,
  type Persona,
  type PersonaOrganization,
  type SessionTokenOptions,
} from './session-token';
export { createWebhookSecret } from './webhook-secret';
