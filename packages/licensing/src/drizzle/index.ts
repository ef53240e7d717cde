export { type AnyPgDatabase, createPostgresLicensingStore } from './postgres-licensing-store';
export { licensingCustomers, licensingLicenses, licensingSchema, licensingSeats } from './schema';
