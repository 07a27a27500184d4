/**
 * What the Next server process does at start-up and on the way out (installed once by
 * instrumentation.ts):
 *
 * - start-up: checks every setting; on SQLite writes the lock file `<DATABASE_PATH>.server.pid`
 *   and opens the database, on PostgreSQL (DATABASE_URL) applies pending migrations (one process
 *   at a time: db/pg/migrate.ts) — either way before the first request;
 * - exit (whatever the cause), on SQLite: checkpoints the WAL into the main file
 *   (`PRAGMA wal_checkpoint(TRUNCATE)`), closes the connection and removes the lock. A
 *   PostgreSQL pool's connections end with the process.
 *
 * SIGTERM / SIGINT belong to the server script (scripts/serve.mjs; `next dev` has its own):
 * it stops accepting connections, waits for the requests in flight (at most
 * SHUTDOWN_TIMEOUT_SECONDS) and exits, so the exit step above runs after the last request and
 * no request ever sees a closed database.
 */
import "server-only";
import path from "node:path";
import { db } from "@/db/client";
import { hasSqliteConnection } from "@/db/open";
import type { Engine } from "@/db/engine/types";
import { applyPgMigrations } from "@/db/pg/migrate";
import { createPgPool } from "@/db/pg/open";
import { env } from "@/lib/env";
import { removeServerLock, writeServerLock } from "./server-lock";

const state = globalThis as unknown as { __binomioDb?: Engine; __binomioLifecycle?: boolean };

/**
 * Checkpoints and closes the process-wide connection (db/client.ts), if open. Synchronous, so
 * it can run in an `exit` handler. Safe to call twice.
 */
export function closeDatabase(): void {
  const d = state.__binomioDb;
  if (!d) return;
  delete state.__binomioDb;
  if (!hasSqliteConnection(d) || !d.sqlite.open) return;
  try {
    d.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  } catch (e) {
    // Closing still checkpoints what it can; the WAL is replayed at the next start otherwise.
    console.error("Binomio: WAL checkpoint at shutdown failed:", e);
  }
  d.sqlite.close();
}

/** Installs the start-up and shutdown steps above; a second call does nothing. */
export async function installServerLifecycle(): Promise<void> {
  if (state.__binomioLifecycle) return;
  state.__binomioLifecycle = true;

  // Every variable is checked before the server takes a request (a readable refusal, not 500s later).
  const { DATABASE_PATH, DATABASE_URL } = env();
  if (DATABASE_URL) {
    const pool = createPgPool(DATABASE_URL, 1);
    try {
      await applyPgMigrations(pool);
    } finally {
      await pool.end();
    }
    db();
    return;
  }
  const databaseFile = path.resolve(/*turbopackIgnore: true*/ DATABASE_PATH);
  writeServerLock(databaseFile);
  process.once("exit", () => {
    closeDatabase();
    removeServerLock(databaseFile);
  });
  db();
}

/**
 * {@link installServerLifecycle} for instrumentation.ts: on an invalid setting or a database
 * that cannot be opened, says why and exits 1 — Next would otherwise keep serving 500s.
 */
export async function startServerLifecycle(): Promise<void> {
  try {
    await installServerLifecycle();
  } catch (e) {
    console.error(`Binomio cannot start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
