import { postgresErrorOf } from '@clerkship/internal';
import { getTableColumns, sql } from 'drizzle-orm';
import { WebhooksHandlerError } from '../errors';
import { type ClerkMirrorChange, type ClerkMirrorOutcome, lockOrder } from './clerk-mirror';
import type { AnyPgDatabase } from './drizzle-database';

/** The migration that installs the fast path's SQL function, as named in the package's `migrations` folder. */
export const fastPathMigration = '0000_clerkship_webhooks_fast_path';
const functionName = 'clerkship_webhooks_apply_v1';
// Postgres' SQLSTATE for "function does not exist".
const undefinedFunction = '42883';

/** What one call of the SQL function did: the mirror's outcome, or `duplicate` when the claim found the key. */
export type MirrorFunctionOutcome = ClerkMirrorOutcome | 'duplicate';

/**
 * One round trip: claims `deliveryKey` (unless `null`, when the caller's transaction holds the claim),
 * locks the ids the change touches, checks their tombstones with a fresh snapshot and writes the change,
 * all in `clerkship_webhooks_apply_v1`. Called outside a transaction, the call is its own transaction:
 * the claim and the write commit together or not at all.
 *
 * @throws {WebhooksHandlerError} `missing_migration` when the database has no such function.
 */
export async function applyThroughFunction(
  executor: AnyPgDatabase,
  deliveryKey: string | null,
  change: ClerkMirrorChange | undefined,
): Promise<MirrorFunctionOutcome> {
  const upsert = change?.kind === 'upsert' ? change : undefined;
  const deletion = change?.kind === 'delete' ? change : undefined;
  const row = upsert ? JSON.stringify(rowByColumnName(upsert.table, upsert.values)) : null;
  const clerkId = deletion?.id ?? upsert?.values.id ?? null;
  const guardedIds = lockOrder(upsert?.guardedIds ?? (deletion ? [deletion.id] : []));
  const eventTime = deletion?.deletedAt.toISOString() ?? null;
  let result: unknown;
  try {
    result = await executor.execute(
      sql`select ${sql.raw(functionName)}(${deliveryKey}, ${change?.type ?? null}, ${clerkId}, ${sql.param(guardedIds)}::text[], ${row}::jsonb, ${eventTime}::timestamptz) as outcome`,
    );
  } catch (error) {
    if (isMissingFunction(error)) {
      throw new WebhooksHandlerError(
        'missing_migration',
        `the database has no function ${functionName}: the migration ${fastPathMigration} of @clerkship/webhooks-handler was not applied. Apply it (see "Postgres fast path" in the package README: drizzle-orm's migrate() with the package's migrations folder, or a drizzle-kit custom migration with its SQL), then retry.`,
        { cause: error },
      );
    }
    throw error;
  }
  // node-postgres and PGlite answer { rows }, postgres.js an array of rows.
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    outcome: MirrorFunctionOutcome;
  }[];
  const outcome = rows[0]?.outcome;
  if (!outcome) throw new Error(`${functionName} returned no outcome`);
  return outcome;
}

// Property name → [column name] for each table, computed once: the function reads rows by column name.
const columnNames = new WeakMap<object, Map<string, string>>();

/** The row with SQL column names and JSON values: dates as ISO strings, jsonb columns as JSON. */
function rowByColumnName(table: object, values: Record<string, unknown>): Record<string, unknown> {
  let names = columnNames.get(table);
  if (!names) {
    names = new Map(
      Object.entries(getTableColumns(table as Parameters<typeof getTableColumns>[0])).map(
        ([property, column]) => [property, column.name],
      ),
    );
    columnNames.set(table, names);
  }
  const row: Record<string, unknown> = {};
  for (const [property, value] of Object.entries(values)) {
    const name = names.get(property);
    if (name !== undefined) row[name] = value instanceof Date ? value.toISOString() : value;
  }
  return row;
}

function isMissingFunction(error: unknown): boolean {
  const postgres = postgresErrorOf(error);
  return postgres?.code === undefinedFunction && postgres.message.includes(functionName);
}
