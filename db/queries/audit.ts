import "server-only";
import type { Queryable } from "../engine/types";
import { jsonNumberAt } from "../engine/dialect-sql";

/**
 * The latest audit event matching every given field (`dataOutboxId`: the event's
 * `data.outboxId`), or undefined. For the rare checks that read the trail (outbox links); the
 * trail itself is written by lib/audit/trail.ts.
 */
export async function findAuditEvent(
  d: Queryable,
  where: { type: string; actorUserId?: number; sessionId?: string; subject?: string; dataOutboxId?: number },
): Promise<{ id: number } | undefined> {
  const columns: [string, string | number | undefined][] = [
    ["type", where.type],
    ["actor_user_id", where.actorUserId],
    ["session_id", where.sessionId],
    ["subject", where.subject],
    [jsonNumberAt(d, "data", ["outboxId"]), where.dataOutboxId],
  ];
  const given = columns.filter((c): c is [string, string | number] => c[1] !== undefined);
  const clauses = given.map(([column]) => `${column} = ?`);
  const args = given.map(([, value]) => value);
  return d.get<{ id: number }>(`SELECT id FROM audit_events WHERE ${clauses.join(" AND ")} ORDER BY at DESC, id DESC LIMIT 1`, args);
}

/** One stored event as the verifier reads it. */
export type StoredAuditRow = {
  id: number;
  at: number;
  type: string;
  actor_user_id: number | null;
  session_id: string | null;
  subject: string | null;
  data: string;
  prev_hash: string;
  hash: string;
};

/** id, at, type, actor_user_id, session_id, subject, data, prev_hash, hash — in INSERT order. */
export type AuditRowValues = [number, number, string, number | null, string | null, string | null, string, string, string];

/** The chain's last link. Read it only under the chain's lock (Transaction.lock("auditChain")). */
export function lastAuditLink(q: Queryable): Promise<{ id: number; hash: string } | undefined> {
  return q.get("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1");
}

export async function insertAuditEvent(q: Queryable, row: AuditRowValues): Promise<void> {
  await q.run("INSERT INTO audit_events (id, at, type, actor_user_id, session_id, subject, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row);
}

export function auditRowsAfter(q: Queryable, afterId: number, limit: number): Promise<StoredAuditRow[]> {
  return q.all(
    "SELECT id, at, type, actor_user_id, session_id, subject, data, prev_hash, hash FROM audit_events WHERE id > ? ORDER BY id LIMIT ?",
    [afterId, limit],
  );
}

/**
 * The highest event id ever stored, which survives deleted rows: SQLite's AUTOINCREMENT
 * counter; on PostgreSQL `audit_chain_head`, raised by a trigger on every insert.
 */
export async function auditHighWaterMark(q: Queryable): Promise<number> {
  const row = await q.get<{ n: number }>(
    q.dialect === "sqlite" ? "SELECT seq AS n FROM sqlite_sequence WHERE name = 'audit_events'" : "SELECT last_id AS n FROM audit_chain_head",
  );
  return row?.n ?? 0;
}
