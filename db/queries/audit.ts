import "server-only";
import type { AppDatabase } from "../open";

/**
 * The latest audit event matching every given field (`dataOutboxId`: the event's
 * `data.outboxId`), or undefined. For the rare checks that read the trail (outbox links); the
 * trail itself is written by lib/audit/trail.ts.
 */
export function findAuditEvent(
  d: AppDatabase,
  where: { type: string; actorUserId?: number; sessionId?: string; subject?: string; dataOutboxId?: number },
): { id: string } | undefined {
  const columns: [string, string | number | undefined][] = [
    ["type", where.type],
    ["actor_user_id", where.actorUserId],
    ["session_id", where.sessionId],
    ["subject", where.subject],
    ["json_extract(data, '$.outboxId')", where.dataOutboxId],
  ];
  const given = columns.filter((c): c is [string, string | number] => c[1] !== undefined);
  const clauses = given.map(([column]) => `${column} = ?`);
  const args = given.map(([, value]) => value);
  return d.sqlite.prepare<(string | number)[], { id: string }>(`SELECT id FROM audit_events WHERE ${clauses.join(" AND ")} ORDER BY at DESC LIMIT 1`).get(...args);
}
