import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';

/**
 * The tables of `schema.ts` as a migration would create them. `schema.test.ts` checks the two agree,
 * column by column, so tests run against what drizzle-kit would generate for a user.
 */
export const schemaSql = `
  CREATE TABLE clerkship_webhook_deliveries (
    key text PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE clerk_users (
    id text PRIMARY KEY,
    email text,
    first_name text,
    last_name text,
    username text,
    image_url text,
    public_metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    external_id text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
  );
  CREATE TABLE clerk_organizations (
    id text PRIMARY KEY,
    name text NOT NULL,
    slug text,
    image_url text,
    public_metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
  );
  CREATE TABLE clerk_organization_memberships (
    id text PRIMARY KEY,
    organization_id text NOT NULL,
    user_id text NOT NULL,
    role text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
  );
  CREATE INDEX clerk_organization_memberships_organization_id_idx
    ON clerk_organization_memberships (organization_id);
  CREATE INDEX clerk_organization_memberships_user_id_idx ON clerk_organization_memberships (user_id);
  CREATE TABLE clerk_deleted_objects (
    id text PRIMARY KEY,
    object text NOT NULL,
    deleted_at timestamptz NOT NULL DEFAULT now()
  );
`;

/** A fresh in-memory Postgres (PGlite) with this entry's tables and any extra SQL a test needs. */
export async function createTestDatabase(extraSql = '') {
  const client = new PGlite();
  await client.exec(schemaSql + extraSql);
  return drizzle(client);
}

/**
 * Empties every table, for the next test: starting PGlite takes a second or two, so a test file shares
 * one database and empties it before each test.
 */
export async function emptyTestDatabase(db: TestDatabase): Promise<void> {
  await db.$client.exec(`
    DO $$
    DECLARE name text;
    BEGIN
      FOR name IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        EXECUTE format('TRUNCATE %I', name);
      END LOOP;
    END $$;
  `);
}

/** The database `createTestDatabase` returns. */
export type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
