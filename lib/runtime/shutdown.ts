/**
 * What the Next server process does at start-up and on the way out (installed once by
 * instrumentation.ts):
 *
 * - start-up: checks SESSION_IDLE_MINUTES, writes the lock file `<DATABASE_PATH>.server.pid`,
 *   opens the database (applying pending migrations before the first request);
 * - SIGTERM / SIGINT: `next start` already stops accepting connections, waits for in-flight
 *   requests and then calls `process.exit` (node_modules/next/dist/server/lib/start-server.js,
 *   `cleanup`). We add a drain limit (SHUTDOWN_TIMEOUT_SECONDS, default 8 — under Docker's 10 s
 *   before SIGKILL) after which the process exits anyway;
 * - exit (whatever the cause): checkpoints the WAL into the main file
 *   (`PRAGMA wal_checkpoint(TRUNCATE)`), closes the connection and removes the lock. This runs
 *   after the last request finished, so no request ever sees a closed database.
 */
import "server-only";
import path from "node:path";
import { db } from "@/db/client";
import type { AppDatabase } from "@/db/open";
import { sessionIdleMinutes } from "@/lib/auth/session-idle";
import { removeServerLock, writeServerLock } from "./server-lock";

export const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 8;

const state = globalThis as unknown as { __binomioDb?: AppDatabase; __binomioLifecycle?: boolean };

/**
 * Checkpoints and closes the process-wide connection (db/client.ts), if open. Synchronous, so
 * it can run in an `exit` handler. Safe to call twice.
 */
export function closeDatabase(): void {
  const d = state.__binomioDb;
  if (!d) return;
  delete state.__binomioDb;
  if (!d.sqlite.open) return;
  try {
    d.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  } catch (e) {
    // Closing still checkpoints what it can; the WAL is replayed at the next start otherwise.
    console.error("Binomio: WAL checkpoint at shutdown failed:", e);
  }
  d.sqlite.close();
}

function shutdownTimeoutSeconds(): number {
  const raw = Number(process.env.SHUTDOWN_TIMEOUT_SECONDS);
  return Number.isFinite(raw) && raw > 0 ? raw : DEFAULT_SHUTDOWN_TIMEOUT_SECONDS;
}

/** Installs the start-up and shutdown steps above; a second call does nothing. */
export function installServerLifecycle(): void {
  if (state.__binomioLifecycle) return;
  state.__binomioLifecycle = true;

  sessionIdleMinutes();
  const databaseFile = path.resolve(/*turbopackIgnore: true*/ process.env.DATABASE_PATH || "./data/binomio.db");
  writeServerLock(databaseFile);
  process.once("exit", () => {
    closeDatabase();
    removeServerLock(databaseFile);
  });
  db();

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      const seconds = shutdownTimeoutSeconds();
      console.log(`Binomio: ${signal} received, finishing in-flight requests (at most ${seconds} s) before closing the database.`);
      // Next's own handler drains and exits; this only bounds how long a stuck request may hold us.
      setTimeout(() => {
        console.error(`Binomio: requests still running after ${seconds} s; closing the database and exiting.`);
        process.exit(signal === "SIGINT" ? 130 : 143);
      }, seconds * 1000).unref();
    });
  }
}

/**
 * {@link installServerLifecycle} for instrumentation.ts: on an invalid setting or a database
 * that cannot be opened, says why and exits 1 — Next would otherwise keep serving 500s.
 */
export function startServerLifecycle(): void {
  try {
    installServerLifecycle();
  } catch (e) {
    console.error(`Binomio cannot start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
