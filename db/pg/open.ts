import pg from "pg";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import * as schema from "./schema";
import { applyPgMigrations } from "./migrate";

export type PgDatabase = {
  pool: pg.Pool;
  orm: NodePgDatabase<typeof schema>;
  close(): Promise<void>;
};

const INT8_OID = 20;

/**
 * int8 (every integer column here) as a JS number, like better-sqlite3 gives SQLite's integers; a
 * value a number cannot hold exactly is an error, never a silently rounded id or sum.
 */
export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${text} is beyond Number.MAX_SAFE_INTEGER`);
  return n;
}

/**
 * A pool on `url` (no connection is made yet), with the int8 parser set. The server's `db()`
 * creates it synchronously; migrations are applied at start-up (lib/runtime/shutdown.ts).
 */
export function createPgPool(url: string, max = 10): pg.Pool {
  pg.types.setTypeParser(INT8_OID, parseInt8);
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client losing its server (a restart, a failover) must not crash the process: the next query reconnects.
  pool.on("error", () => {});
  return pool;
}

/**
 * Opens a pool on `url` and, unless `migrate: false`, applies pending migrations first.
 * The int8 parser is set on pg's global type registry: drizzle's queries read their parsers from
 * it, whatever the pool is given, so it holds for the whole process.
 */
export async function openPostgres(url: string, opts: { migrate?: boolean; max?: number } = {}): Promise<PgDatabase> {
  const pool = createPgPool(url, opts.max);
  try {
    if (opts.migrate !== false) await applyPgMigrations(pool);
  } catch (e) {
    await pool.end();
    throw e;
  }
  return { pool, orm: drizzle({ client: pool, schema }), close: () => pool.end() };
}
