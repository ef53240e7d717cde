export {
  type ClerkMirror,
  type ClerkMirrorEventType,
  type ClerkMirrorOptions,
  type ClerkMirrorOutcome,
  createClerkMirror,
} from './clerk-mirror';
export type {
  ClerkDeletedObjectsTable,
  ClerkMembershipMirrorTable,
  ClerkMirrorMapping,
  ClerkMirrorTable,
} from './clerk-mirror-mapping';
export {
  type ClerkMirrorWebhooksHandlerOptions,
  createClerkMirrorWebhooksHandler,
} from './create-clerk-mirror-webhooks-handler';
export type { AnyPgDatabase, DrizzleTransaction } from './drizzle-database';
export {
  createPostgresIdempotencyStore,
  type PostgresIdempotencyStore,
  type PostgresIdempotencyStoreOptions,
  type PruneOptions,
  type WebhookDeliveriesTable,
} from './postgres-idempotency-store';
export {
  clerkshipWebhooksSchema,
  deletedObjects,
  organizationMemberships,
  organizations,
  users,
  webhookDeliveries,
} from './schema';
