import type Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

type Env = Record<string, string | undefined>;

/**
 * Steps a migration's SQL cannot take alone, keyed by the migration's name without its number
 * (numbers may change when branches merge). Each runs once, right after its migration's SQL,
 * in the same transaction.
 */
const DATA_STEPS: Record<string, (sqlite: Database.Database, environment: Env) => void> = {
  /**
   * The FUNDING_* variables (one plan per installation, until then) become the references of the
   * plan the migration created for the installation's company. Unset: "not funded", as before.
   */
  tenancy: (sqlite, environment) => {
    const v = (name: string) => environment[name]?.trim().slice(0, 300) || null;
    const plan = v("FUNDING_PLAN");
    const avviso = v("FUNDING_AVVISO");
    const protocol = v("FUNDING_PROTOCOL");
    if (!plan && !avviso && !protocol) return;
    sqlite
      .prepare("UPDATE funding_plans SET fund = 'altro', title = coalesce(?, title), avviso = ?, protocol = ? WHERE id = (SELECT min(id) FROM funding_plans)")
      .run(plan, avviso, protocol);
  },
};

/** Migration tags by their folder timestamp (drizzle's reader gives the timestamp, not the name). */
function tagsByMillis(folder: string): Map<number, string> {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: { when: number; tag: string }[] };
  return new Map(journal.entries.map((e) => [e.when, e.tag]));
}

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
export function applyMigrations(sqlite: Database.Database, folder = MIGRATIONS_FOLDER, environment: Env = process.env): number {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const tags = tagsByMillis(folder);
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
      DATA_STEPS[tags.get(m.folderMillis)?.replace(/^\d+_/, "") ?? ""]?.(sqlite, environment);
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
