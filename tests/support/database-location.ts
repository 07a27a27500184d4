import { openEngine, type DatabaseLocation } from "@/db/engine/open";
import type { Engine } from "@/db/engine/types";

/**
 * Where the database a test's server runs on is (the crash suite's, the e2e sites'), named by one
 * string: a PostgreSQL URL (`postgres://…`), else the path of an SQLite file.
 */
export function locate(database: string): DatabaseLocation {
  return /^postgres(ql)?:\/\//.test(database) ? { url: database, file: "" } : { file: database };
}

/** The environment that points the server (or a script) at `database`. */
export function databaseEnv(database: string): { DATABASE_URL: string } | { DATABASE_PATH: string } {
  const at = locate(database);
  return at.url ? { DATABASE_URL: at.url } : { DATABASE_PATH: at.file };
}

/**
 * A handle of the test's own on a database a server uses (or used: after a crash, an SQLite
 * connection replays the WAL like the next server would), migrated by that server: on SQLite a new
 * connection on the file, on PostgreSQL a new pool. The caller closes it.
 */
export function openServerDatabase(database: string): Promise<Engine> {
  return openEngine(locate(database), { migrate: false, mustExist: true });
}
