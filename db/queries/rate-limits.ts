import "server-only";
import type Database from "better-sqlite3";
import type { AppDatabase } from "../open";
import { preparedStatements } from "../prepared";
import { writeTransaction } from "../transaction";

type Statements = {
  prune: Database.Statement<[string, number]>;
  count: Database.Statement<[string, string, number], { n: number }>;
  insert: Database.Statement<[string, string, number]>;
  clear: Database.Statement<[string]>;
};

function statements(d: AppDatabase): Statements {
  return preparedStatements(d, "rate-limits", (db) => ({
    prune: db.prepare("DELETE FROM rate_limit_hits WHERE scope = ? AND at_ms <= ?"),
    count: db.prepare("SELECT count(*) AS n FROM rate_limit_hits WHERE scope = ? AND key = ? AND at_ms > ?"),
    insert: db.prepare("INSERT INTO rate_limit_hits (scope, key, at_ms) VALUES (?, ?, ?)"),
    clear: db.prepare("DELETE FROM rate_limit_hits WHERE scope = ?"),
  }));
}

export type RateLimitHit = { scope: string; key: string; max: number; windowMs: number; nowMs: number };

/**
 * Counts a hit for `key` unless it already has `max` in the sliding window ending at `nowMs`:
 * true when counted, false when refused (a refusal is not stored). Read and insert happen under
 * the write lock (BEGIN IMMEDIATE, or the caller's transaction), so two app processes hitting
 * the same key at once count two hits and the limit holds across processes. Rows of the scope
 * past the window are deleted on the way.
 */
export function hitRateLimit(d: AppDatabase, h: RateLimitHit): boolean {
  const s = statements(d);
  const since = h.nowMs - h.windowMs;
  return writeTransaction(d, () => {
    s.prune.run(h.scope, since);
    if (s.count.get(h.scope, h.key, since)!.n >= h.max) return false;
    s.insert.run(h.scope, h.key, h.nowMs);
    return true;
  });
}

/** Whether `key` has `max` hits in the window ending at `nowMs` (a read: nothing is counted). */
export function rateLimitReached(d: AppDatabase, h: RateLimitHit): boolean {
  return statements(d).count.get(h.scope, h.key, h.nowMs - h.windowMs)!.n >= h.max;
}

/** Forgets every hit of a scope (tests that make many requests from one address). */
export function clearRateLimit(d: AppDatabase, scope: string): void {
  statements(d).clear.run(scope);
}
