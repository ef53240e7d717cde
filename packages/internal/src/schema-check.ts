/**
 * Test support for the packages that ship drizzle tables with migration SQL (webhooks-handler,
 * licensing): the columns Postgres reports for a table, and the columns a drizzle table declares, in one
 * shape, so a test compares the two. Test code only, never bundled into a package.
 */
export interface ColumnShape {
  name: string;
  type: string;
  not_null: boolean;
  has_default: boolean;
  primary_key: boolean;
}

interface Queryable {
  query<Row>(text: string, values: unknown[]): Promise<{ rows: Row[] }>;
}

/** A table's columns as Postgres describes them (`primary_key`: part of the primary key). */
export async function describeTable(client: Queryable, name: string): Promise<ColumnShape[]> {
  const { rows } = await client.query<ColumnShape>(
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

// drizzle's SQL type names where information_schema spells them otherwise.
const sqlTypes: Record<string, string> = {
  'timestamp (6) with time zone': 'timestamp with time zone',
  'timestamp with time zone': 'timestamp with time zone',
};

/** What drizzle's `getTableConfig(table)` holds that the comparison needs (any drizzle copy's). */
export interface DeclaredTable {
  columns: readonly {
    name: string;
    notNull: boolean;
    hasDefault: boolean;
    primary: boolean;
    getSQLType(): string;
  }[];
  primaryKeys: readonly { columns: readonly { name: string }[] }[];
}

/** The columns a drizzle table declares, in `describeTable`'s shape. Pass `getTableConfig(table)`. */
export function declaredColumns(config: DeclaredTable): ColumnShape[] {
  const keyed = new Set(config.primaryKeys.flatMap((key) => key.columns.map((column) => column.name)));
  return config.columns.map((column) => ({
    name: column.name,
    type: sqlTypes[column.getSQLType()] ?? column.getSQLType(),
    not_null: column.notNull,
    has_default: column.hasDefault,
    primary_key: column.primary || keyed.has(column.name),
  }));
}
