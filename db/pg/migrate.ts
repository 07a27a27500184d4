import path from "node:path";
import type pg from "pg";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";

export const PG_MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations-pg");

/**
 * The advisory lock every Binomio process takes to migrate: one bigint key ("binomio" in ASCII),
 * a key space apart from db/engine/locks.ts's (namespace, key) pairs. Held for the session rather
 * than a transaction because drizzle's migrator runs its own: it reads the last applied migration
 * before that transaction (and creates its schema with IF NOT EXISTS, which races), so two app
 * servers starting together would otherwise apply the same migration.
 */
export const MIGRATION_LOCK: [string] = [(0x62696e6f6d696fn).toString()];

/**
 * Applies the pending migrations of db/migrations-pg (drizzle's bookkeeping: `drizzle.__drizzle_migrations`),
 * one process at a time across the whole database.
 */
export async function applyPgMigrations(pool: pg.Pool, folder = PG_MIGRATIONS_FOLDER): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", MIGRATION_LOCK);
    try {
      await migrate(drizzle({ client }), { migrationsFolder: folder });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK);
    }
  } finally {
    client.release();
  }
}
