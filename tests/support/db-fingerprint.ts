import type Database from "better-sqlite3";
import { createHash } from "node:crypto";

/**
 * Everything a SQLite database holds, as one hash, except the per-request activity stamp of
 * sessions and the per-source limits' counted hits (`rate_limit_hits`: a refused token check
 * counts by design): equal before and after a refused call (e2e helpers and integration tests alike).
 * `skip` leaves out rows a refused call may still write by design (an inspector's audited view).
 */
export function fingerprintOf(db: Database.Database, skip?: (table: string, row: Record<string, unknown>) => boolean): string {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  const h = createHash("sha256");
  for (const t of tables) {
    if (t === "rate_limit_hits") continue;
    for (const r of db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all() as Record<string, unknown>[]) {
      if (t === "auth_sessions") delete r.last_seen_at;
      if (skip?.(t, r)) continue;
      h.update(`${t}:${JSON.stringify(r)}\n`);
    }
  }
  return h.digest("hex");
}
