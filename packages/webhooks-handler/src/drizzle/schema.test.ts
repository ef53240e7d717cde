import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './__fixtures__/test-database';
import { clerkshipWebhooksSchema, organizationMemberships } from './schema';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

/** A table's columns as Postgres describes them, to compare with what the drizzle schema declares. */
async function describeTable(name: string) {
  const { rows } = await db.$client.query<{
    name: string;
    type: string;
    not_null: boolean;
    has_default: boolean;
    primary_key: boolean;
  }>(
    `SELECT c.column_name AS name, c.data_type AS type, c.is_nullable = 'NO' AS not_null,
            c.column_default IS NOT NULL AS has_default,
            EXISTS (
              SELECT 1 FROM information_schema.table_constraints t
              JOIN information_schema.key_column_usage k USING (constraint_name, table_name)
              WHERE t.table_name = c.table_name AND t.constraint_type = 'PRIMARY KEY'
                AND k.column_name = c.column_name
            ) AS primary_key
     FROM information_schema.columns c
     WHERE c.table_name = $1
     ORDER BY c.ordinal_position`,
    [name],
  );
  return rows;
}

function declared(table: PgTable) {
  return getTableConfig(table).columns.map((column) => ({
    name: column.name,
    type: column.getSQLType(),
    not_null: column.notNull,
    has_default: column.hasDefault,
    primary_key: column.primary,
  }));
}

describe('clerkshipWebhooksSchema', () => {
  it.each(Object.entries(clerkshipWebhooksSchema))(
    'declares %s as the tests’ SQL creates it',
    async (_, table) => {
      expect(await describeTable(getTableConfig(table).name)).toEqual(declared(table));
    },
  );

  it('indexes memberships by organization and by user, with no foreign keys (events arrive in any order)', async () => {
    const { rows } = await db.$client.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'clerk_organization_memberships' ORDER BY indexname`,
    );
    const config = getTableConfig(organizationMemberships);

    expect(config.indexes.map((index) => index.config.name).sort()).toEqual([
      'clerk_organization_memberships_organization_id_idx',
      'clerk_organization_memberships_user_id_idx',
    ]);
    expect(rows.map((row) => row.indexname)).toEqual([
      'clerk_organization_memberships_organization_id_idx',
      'clerk_organization_memberships_pkey',
      'clerk_organization_memberships_user_id_idx',
    ]);
    expect(config.foreignKeys).toEqual([]);
  });

  it('bundles every table of the entry under its export name', () => {
    expect(
      Object.fromEntries(
        Object.entries(clerkshipWebhooksSchema).map(([key, table]) => [key, getTableConfig(table).name]),
      ),
    ).toEqual({
      webhookDeliveries: 'clerkship_webhook_deliveries',
      users: 'clerk_users',
      organizations: 'clerk_organizations',
      organizationMemberships: 'clerk_organization_memberships',
      deletedObjects: 'clerk_deleted_objects',
    });
  });
});
