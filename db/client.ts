import "server-only";
import { openDatabase, type AppDatabase } from "./open";

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
