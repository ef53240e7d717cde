export { type AnyPgDatabase, createPostgresLicensingStore } from './postgres-licensing-store';
export { createPostgresSignupStore } from './postgres-signup-store';
export {
  licensingCustomers,
  licensingLicenses,
  licensingSchema,
  licensingSeats,
  licensingSignups,
} from './schema';
