import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import * as schema from "./schema";
import { applyMigrations } from "./migrate";
import { sqliteEngine } from "./engine/sqlite";
import type { Engine } from "./engine/types";
// The one import from lib/ that db/ may make: configuration, validated once (eslint.config.mjs).
import { env } from "@/lib/env";

/** The SQLite connection, and drizzle's synchronous builder over it. */
export type Connection = {
  readonly sqlite: Database.Database;
  readonly orm: BetterSQLite3Database<typeof schema>;
};

/**
 * The process's SQLite database: the engine (db/engine/types.ts) every query is moving to, and
 * the synchronous connection the rest still uses. Once every query runs on the engine, `db()`
 * gives just an `Engine`, on either database.
 */
export type AppDatabase = Engine & Connection;

/**
 * Opens (creating if needed) the SQLite file, sets the pragmas every connection needs
 * and applies pending migrations. Safe to call from scripts, tests and the server.
 */
export function openDatabase(file = env().DATABASE_PATH, opts: { migrate?: boolean } = {}): AppDatabase {
  // The file is chosen at run time: keep Turbopack from tracing the whole project for it.
  const resolved = path.resolve(/*turbopackIgnore: true*/ file);
  fs.mkdirSync(path.dirname(/*turbopackIgnore: true*/ resolved), { recursive: true });
  const sqlite = new Database(resolved);
  sqlite.pragma("journal_mode = WAL");
  // NORMAL is durable in WAL mode except for the last transactions on power loss (not on process crash).
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  if (opts.migrate !== false) applyMigrations(sqlite);
  return attachDatabase(sqlite);
}

/** Is this the SQLite engine with its connection (what the read worker, backups and snapshots need)? */
export function hasSqliteConnection(d: Engine): d is AppDatabase {
  return d.dialect === "sqlite" && "sqlite" in d;
}

/** The database over a connection opened elsewhere (one engine per connection: db/engine/sqlite.ts). */
export function attachDatabase(sqlite: Database.Database): AppDatabase {
  return sqliteEngine({ sqlite, orm: drizzle(sqlite, { schema }) });
}
