/** What a Postgres driver reports about a failed statement: its SQLSTATE and its message. */
export interface PostgresError {
  /** The SQLSTATE, such as `42883` (undefined function) or `P0001` (raised by plpgsql). */
  code: string;
  message: string;
}

/**
 * The Postgres error inside `error`, whichever driver raised it (node-postgres, postgres.js and PGlite
 * report the SQLSTATE as `code`) and however deep drizzle wrapped it (as `cause`); `undefined` for
 * anything else.
 */
export function postgresErrorOf(error: unknown): PostgresError | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof message === 'string') {
      return { code, message };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
