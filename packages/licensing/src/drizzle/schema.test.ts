import { declaredColumns, describeTable } from '@clerkship/internal/schema-check';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './__fixtures__/test-database';
import { licensingSchema } from './schema';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

describe('licensingSchema', () => {
  it.each(Object.entries(licensingSchema))(
    'declares %s as the migration SQL creates it',
    async (_, table) => {
      const config = getTableConfig(table);
      expect(await describeTable(db.$client, config.name)).toEqual(declaredColumns(config));
    },
  );

  it('keys seats by organization and member, so one member holds at most one seat', () => {
    const [key] = getTableConfig(licensingSchema.licensingSeats).primaryKeys;
    expect(key?.columns.map((column) => column.name)).toEqual(['org_id', 'user_id']);
  });
});
