import { readFileSync } from 'node:fs';

/**
 * The webhook deliveries table of `@clerkship/webhooks-handler/drizzle` (the app's Stripe endpoint dedupes
 * through it), then the tables of `schema.ts` as a migration creates them (what drizzle-kit generates from the schema).
 * `schema.test.ts` checks the two agree, column by column.
 */
export const licensingSql = `
  CREATE TABLE clerkship_webhook_deliveries (
    key text PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE licensing_customers (
    org_id text PRIMARY KEY,
    customer_id text NOT NULL UNIQUE,
    created_at timestamp (6) with time zone NOT NULL DEFAULT now()
  );
  CREATE TABLE licensing_licenses (
    org_id text PRIMARY KEY,
    customer_id text NOT NULL,
    subscription_id text,
    plan text,
    price_id text,
    item_id text,
    status text NOT NULL,
    seat_limit integer NOT NULL DEFAULT 0,
    seats_used integer NOT NULL DEFAULT 0,
    current_period_end timestamp (6) with time zone,
    cancel_at_period_end boolean NOT NULL DEFAULT false,
    past_due_since timestamp (6) with time zone,
    synced_at timestamp (6) with time zone NOT NULL,
    version integer NOT NULL DEFAULT 1,
    mirrored_version integer NOT NULL DEFAULT 0,
    CONSTRAINT licensing_licenses_seats_used_check CHECK (seats_used >= 0)
  );
  CREATE TABLE licensing_seats (
    org_id text NOT NULL,
    user_id text NOT NULL,
    assigned_at timestamp (6) with time zone NOT NULL DEFAULT now(),
    assigned_by text,
    revoked_at timestamp (6) with time zone,
    version integer NOT NULL DEFAULT 1,
    mirrored_version integer NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, user_id)
  );
  CREATE INDEX licensing_seats_org_assigned_idx ON licensing_seats (org_id, assigned_at);
  CREATE TABLE licensing_signups (
    user_id text PRIMARY KEY,
    org_id text,
    organization_name text,
    plan text,
    seats integer,
    checkout_session_id text,
    attempt integer NOT NULL DEFAULT 0,
    lease_token text,
    lease_until timestamp (6) with time zone,
    seat_granted_at timestamp (6) with time zone,
    created_at timestamp (6) with time zone NOT NULL DEFAULT now(),
    updated_at timestamp (6) with time zone NOT NULL DEFAULT now()
  );
`;

/** The package's migration that installs the one-call seat assignment (applied after the tables). */
export const assignSeatFunctionSql = readFileSync(
  new URL('../../../migrations/0000_clerkship_licensing_assign_seat.sql', import.meta.url),
  'utf8',
);
