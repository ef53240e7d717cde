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
