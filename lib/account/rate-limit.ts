/**
 * A sliding-window counter kept in memory, bounded in size. Used for the per-IP limit on
 * link requests: the per-account limit, which is the one that protects mailboxes, is counted
 * in SQLite (tokens created) and survives restarts; this one does not, on purpose — it only
 * slows a scanner down and must never lock a whole office behind one address for long.
 */
export class WindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Records one hit for `key`; false when `key` already had `max` hits in the window. */
  hit(key: string, now = Date.now()): boolean {
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.max) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.delete(key); // re-insert: Map order is then least recently used first
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) {
      const oldest = this.hits.keys().next().value;
      if (oldest !== undefined) this.hits.delete(oldest);
    }
    return true;
  }

  clear(): void {
    this.hits.clear();
  }
}
