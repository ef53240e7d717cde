import { declaredColumns, describeTable } from '@clerkship/internal/schema-check';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './__fixtures__/test-database';
import { clerkshipWebhooksSchema, organizationMemberships } from './schema';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

describe('clerkshipWebhooksSchema', () => {
  it.each(Object.entries(clerkshipWebhooksSchema))(
    'declares %s as the tests’ SQL creates it',
    async (_, table) => {
      const config = getTableConfig(table);
      expect(await describeTable(db.$client, config.name)).toEqual(declaredColumns(config));
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
