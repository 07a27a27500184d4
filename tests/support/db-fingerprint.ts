import type Database from "better-sqlite3";
import { createHash } from "node:crypto";
import type { Engine } from "@/db/engine/types";

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

/**
 * The same fingerprint over the engine, on either database: the tables of the app's schema, every
 * row serialised and the rows of a table sorted (PostgreSQL has no rowid; sorting makes the order
 * total on both engines). Equal before and after a refused call, as `fingerprintOf`.
 */
export async function fingerprintOfEngine(e: Engine, skip?: (table: string, row: Record<string, unknown>) => boolean): Promise<string> {
  const tableSql =
    e.dialect === "postgres"
      ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
  const tables = (await e.all<{ name: string }>(tableSql)).map((t) => t.name);
  const h = createHash("sha256");
  for (const t of tables) {
    if (t === "rate_limit_hits") continue;
    const rows: string[] = [];
    for (const r of await e.all<Record<string, unknown>>(`SELECT * FROM "${t}"`)) {
      if (t === "auth_sessions") delete r.last_seen_at;
      if (skip?.(t, r)) continue;
      rows.push(`${t}:${JSON.stringify(r)}\n`);
    }
    for (const row of rows.sort()) h.update(row);
  }
  return h.digest("hex");
}
