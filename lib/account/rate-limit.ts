import "server-only";
import type { Engine } from "@/db/engine/types";
import { clearRateLimit, hitRateLimit, rateLimitReached } from "@/db/queries/rate-limits";

/**
 * A sliding-window limit per key (a client address), counted in the database so that it holds
 * whichever app process a request reaches (issue #24: several processes behind a proxy would
 * otherwise each grant the whole allowance). Used for the per-address limits that only slow a
 * scanner down: the link requests' per-IP limit and the SCIM token checks. A key holds at most
 * `max` rows (refusals are not stored), and rows leave once their window has passed.
 */
export class StoredWindowLimit {
  constructor(
    /** The limit's name in `rate_limit_hits.scope`. */
    readonly scope: string,
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Counts one hit for `key`; false (nothing counted) when `key` already had `max` hits in the window. */
  async hit(d: Engine, key: string, nowMs = Date.now()): Promise<boolean> {
    return hitRateLimit(d, { scope: this.scope, key, max: this.max, windowMs: this.windowMs, nowMs });
  }

  /** Whether `key` has used up its hits in the window (counts nothing). */
  async reached(d: Engine, key: string, nowMs = Date.now()): Promise<boolean> {
    return rateLimitReached(d, { scope: this.scope, key, max: this.max, windowMs: this.windowMs, nowMs });
  }

  /** Forgets every hit (tests that make many requests from one address). */
  async clear(d: Engine): Promise<void> {
    await clearRateLimit(d, this.scope);
  }
}
