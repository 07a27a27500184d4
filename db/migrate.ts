import type Database from "better-sqlite3";
import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/**
 * Applies drizzle-kit's migrations, keeping drizzle's own bookkeeping table.
 *
 * We do not call drizzle's `migrate()` because it reads the last applied migration
 * before taking the write lock: two processes starting together (the server and a
 * script, or build workers) would both try to apply the same migration. `BEGIN IMMEDIATE`
 * takes the lock first, so the check and the apply are one atomic step.
 *
 * @returns the number of migrations applied (0 when already up to date).
 */
export function applyMigrations(sqlite: Database.Database, folder = MIGRATIONS_FOLDER): number {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  sqlite.exec(
    `CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id INTEGER PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
  );
  sqlite.exec("BEGIN IMMEDIATE");
  try {
    const last = sqlite.prepare(`SELECT created_at FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1`).get() as
      | { created_at: number }
      | undefined;
    let applied = 0;
    const record = sqlite.prepare(`INSERT INTO "__drizzle_migrations" (hash, created_at) VALUES (?, ?)`);
    for (const m of migrations) {
      if (last && Number(last.created_at) >= m.folderMillis) continue;
      for (const stmt of m.sql) if (stmt.trim()) sqlite.exec(stmt);
      record.run(m.hash, m.folderMillis);
      applied++;
    }
    sqlite.exec("COMMIT");
    return applied;
  } catch (e) {
    sqlite.exec("ROLLBACK");
    throw e;
  }
}
