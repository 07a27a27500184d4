import path from "node:path";
import type pg from "pg";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";

export const PG_MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations-pg");

/**
 * The session advisory lock every Binomio process takes to migrate ("binomio" in ASCII): drizzle's
 * migrator reads the last applied migration before its transaction (and creates its schema with
 * IF NOT EXISTS, which races), so two app servers starting together would apply the same migration.
 */
export const MIGRATION_LOCK_KEY = 0x62696e6f6d696fn;

/**
 * Applies the pending migrations of db/migrations-pg (drizzle's bookkeeping: `drizzle.__drizzle_migrations`),
 * one process at a time across the whole database.
 */
export async function applyPgMigrations(pool: pg.Pool, folder = PG_MIGRATIONS_FOLDER): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY.toString()]);
    try {
      await migrate(drizzle({ client }), { migrationsFolder: folder });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY.toString()]);
    }
  } finally {
    client.release();
  }
}
