import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './__fixtures__/test-database';
import { licensingSchema } from './schema';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

/** A table's columns as Postgres describes them. */
async function describeTable(name: string) {
  const { rows } = await db.$client.query<{
    name: string;
    type: string;
    not_null: boolean;
    has_default: boolean;
  }>(
    `SELECT column_name AS name, data_type AS type, is_nullable = 'NO' AS not_null,
            column_default IS NOT NULL AS has_default
     FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
    [name],
  );
  return rows;
}

const sqlTypes: Record<string, string> = {
  text: 'text',
  integer: 'integer',
  boolean: 'boolean',
  'timestamp (6) with time zone': 'timestamp with time zone',
};

function declared(table: PgTable) {
  return getTableConfig(table).columns.map((column) => ({
    name: column.name,
    type: sqlTypes[column.getSQLType()] ?? column.getSQLType(),
    not_null: column.notNull,
    has_default: column.hasDefault,
  }));
}

describe('licensingSchema', () => {
  it.each(Object.entries(licensingSchema))(
    'declares %s as the migration SQL creates it',
    async (_, table) => {
      expect(await describeTable(getTableConfig(table).name)).toEqual(declared(table));
    },
  );

  it('keys seats by organization and member, so one member holds at most one seat', () => {
    const [key] = getTableConfig(licensingSchema.licensingSeats).primaryKeys;
    expect(key?.columns.map((column) => column.name)).toEqual(['org_id', 'user_id']);
  });
});
