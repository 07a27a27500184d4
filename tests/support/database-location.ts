import { openEngine, type DatabaseLocation } from "@/db/engine/open";
import type { Engine } from "@/db/engine/types";

/**
 * Where the database a crash test's server runs on is, named by one string: a PostgreSQL URL
 * (`postgres://…`), else the path of an SQLite file.
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
 * A fresh handle on the database after the server died: on SQLite a new connection on the file
 * (it replays the WAL like the next server would), on PostgreSQL a new pool. The caller closes it.
 */
export function openAfterCrash(database: string): Promise<Engine> {
  return openEngine(locate(database), { migrate: false, mustExist: true });
}
