import "server-only";
import type { Engine } from "../engine/types";

export type RateLimitHit = { scope: string; key: string; max: number; windowMs: number; nowMs: number };

const COUNT_SQL = "SELECT count(*) AS n FROM rate_limit_hits WHERE scope = ? AND key = ? AND at_ms > ?";

/**
 * Counts a hit for `key` unless it already has `max` in the sliding window ending at `nowMs`:
 * true when counted, false when refused (a refusal is not stored). Read and insert happen under
 * the write lock (the engine's write transaction, or the caller's), so two app processes hitting
 * the same key at once count two hits and the limit holds across processes. Rows of the scope
 * past the window are deleted on the way.
 */
export async function hitRateLimit(d: Engine, h: RateLimitHit): Promise<boolean> {
  const since = h.nowMs - h.windowMs;
  return d.write(async (tx) => {
    await tx.run("DELETE FROM rate_limit_hits WHERE scope = ? AND at_ms <= ?", [h.scope, since]);
    if ((await tx.get<{ n: number }>(COUNT_SQL, [h.scope, h.key, since]))!.n >= h.max) return false;
    await tx.run("INSERT INTO rate_limit_hits (scope, key, at_ms) VALUES (?, ?, ?)", [h.scope, h.key, h.nowMs]);
    return true;
  });
}

/** Whether `key` has `max` hits in the window ending at `nowMs` (a read: nothing is counted). */
export async function rateLimitReached(d: Engine, h: RateLimitHit): Promise<boolean> {
  return (await d.get<{ n: number }>(COUNT_SQL, [h.scope, h.key, h.nowMs - h.windowMs]))!.n >= h.max;
}

/** Forgets every hit of a scope (tests that make many requests from one address). */
export async function clearRateLimit(d: Engine, scope: string): Promise<void> {
  await d.run("DELETE FROM rate_limit_hits WHERE scope = ?", [scope]);
}
