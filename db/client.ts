import "server-only";
import { openDatabase } from "./open";
import { postgresEngine } from "./engine/postgres";
import type { Engine } from "./engine/types";
import { createPgPool } from "./pg/open";
// The one import from lib/ that db/ may make: configuration, validated once (eslint.config.mjs).
import { env } from "@/lib/env";

/**
 * The process-wide database: PostgreSQL when DATABASE_URL is set, else the SQLite file at
 * DATABASE_PATH. Kept on globalThis so Next's dev hot reload and the many server bundles of a
 * production build share one connection (SQLite allows one writer; one connection per process
 * avoids needless lock contention) or one pool.
 *
 * On PostgreSQL nothing connects here: the pool connects at the first query, and the server
 * applies pending migrations at start-up, before its first request (lib/runtime/shutdown.ts).
 */
const globalForDb = globalThis as unknown as { __binomioDb?: Engine };

export function db(): Engine {
  if (!globalForDb.__binomioDb) {
    const { DATABASE_URL, DATABASE_POOL_MAX } = env();
    globalForDb.__binomioDb = DATABASE_URL ? postgresEngine(createPgPool(DATABASE_URL, DATABASE_POOL_MAX)) : openDatabase();
  }
  return globalForDb.__binomioDb;
}
