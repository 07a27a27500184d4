import "server-only";
import { openDatabase, type AppDatabase } from "./open";
import { sqliteEngine } from "./engine/sqlite";
import type { Engine } from "./engine/types";

/**
 * The process-wide database. Kept on globalThis so Next's dev hot reload and the many
 * server bundles of a production build share one connection (SQLite allows one writer;
 * one connection per process avoids needless lock contention).
 */
const globalForDb = globalThis as unknown as { __binomioDb?: AppDatabase };

export function db(): AppDatabase {
  if (!globalForDb.__binomioDb) globalForDb.__binomioDb = openDatabase();
  return globalForDb.__binomioDb;
}

/**
 * The process-wide engine (db/engine/types.ts): the asynchronous surface every query moves to,
 * over the same connection as `db()` (one engine per connection, so both share its queue).
 */
export function engine(): Engine {
  return sqliteEngine(db());
}
