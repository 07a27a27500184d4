import type { Engine } from "@/db/engine/types";
import { verifyAuditChain, type AuditChainResult } from "@/lib/audit/trail";
import type { Ledger } from "./load";

export type CrashCheck = {
  integrity: string;
  foreignKeyProblems: number;
  /** Each line is an acknowledged write missing from the database, or a half-applied transaction. */
  violations: string[];
  audit: AuditChainResult;
  counts: { creditedHeartbeats: number; attempts: number; submitted: number; auditEvents: number };
};

/**
 * Compares the database with what the clients were told, and checks that every transaction
 * the server committed is whole:
 * - every heartbeat answered with credit is there (per learner: at least as many credited
 *   rows and seconds as acknowledged);
 * - every attempt whose start was answered exists for that learner; every submission answered
 *   200 is recorded as submitted and passed;
 * - a heartbeat's three writes agree (detail rows = lesson total = session total), and every
 *   attempt start/submission has its audit event and vice versa;
 * - the storage is sound ("ok": SQLite's integrity_check; on PostgreSQL amcheck over every
 *   B-tree index of the schema, heap included), no dangling foreign key, and the audit chain verifies.
 */
export async function checkAgainstLedger(d: Engine, ledger: Ledger): Promise<CrashCheck> {
  const violations: string[] = [];
  const { integrity, foreignKeyProblems } = await storageCheck(d);

  const beats = new Map(
    (await d.all<{ user_id: number; n: number; s: number }>("SELECT user_id, count(*) AS n, sum(credited_seconds) AS s FROM heartbeats WHERE credited_seconds > 0 GROUP BY user_id")).map((r) => [
      r.user_id,
      r,
    ]),
  );
  for (const [userId, acked] of ledger.heartbeats) {
    const stored = beats.get(userId) ?? { n: 0, s: 0 };
    if (stored.n < acked.credited || stored.s < acked.seconds) {
      violations.push(`learner ${userId}: ${acked.credited} credited heartbeats (${acked.seconds} s) acknowledged, ${stored.n} (${stored.s} s) stored`);
    }
  }
  const progressVsBeats = await d.all<{ user_id: number; total: number; beats: number }>(
      `SELECT p.user_id, p.total, coalesce(h.total, 0) AS beats FROM
         (SELECT user_id, sum(active_seconds) AS total FROM lesson_progress GROUP BY user_id) p
         LEFT JOIN (SELECT user_id, sum(credited_seconds) AS total FROM heartbeats GROUP BY user_id) h ON h.user_id = p.user_id
        WHERE p.total != coalesce(h.total, 0)`,
  );
  for (const r of progressVsBeats) violations.push(`learner ${r.user_id}: lesson_progress says ${r.total} s, heartbeats ${r.beats} s (half a transaction)`);
  const sessionsVsBeats = await d.all<{ id: string; active_seconds: number; beats: number }>(
      `SELECT s.id, s.active_seconds, coalesce(h.total, 0) AS beats FROM auth_sessions s
         LEFT JOIN (SELECT auth_session_id, sum(credited_seconds) AS total FROM heartbeats GROUP BY auth_session_id) h ON h.auth_session_id = s.id
        WHERE s.active_seconds != coalesce(h.total, 0)`,
  );
  for (const r of sessionsVsBeats) violations.push(`session ${r.id}: ${r.active_seconds} s on the session, ${r.beats} s in heartbeats (half a transaction)`);

  const attempt = (id: number) => d.get<{ user_id: number; submitted_at: number | null; passed: number | boolean | null }>("SELECT user_id, submitted_at, passed FROM quiz_attempts WHERE id = ?", [id]);
  for (const [id, userId] of ledger.started) {
    const row = await attempt(id);
    if (!row) violations.push(`attempt ${id}: start acknowledged, no row`);
    else if (row.user_id !== userId) violations.push(`attempt ${id}: belongs to ${row.user_id}, started by ${userId}`);
  }
  for (const id of ledger.submitted) {
    const row = await attempt(id);
    if (!row?.submitted_at || Number(row.passed) !== 1) violations.push(`attempt ${id}: submission acknowledged, stored as ${JSON.stringify(row ?? null)}`);
  }
  const orphans = await d.all<{ v: string }>(
      `SELECT 'attempt ' || a.id || ' has no attempt.start event' AS v FROM quiz_attempts a
        WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.type = 'attempt.start' AND e.subject = 'attempt:' || a.id)
       UNION ALL
       SELECT 'attempt ' || a.id || ' is submitted without an attempt.submit event' FROM quiz_attempts a
        WHERE a.submitted_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.type = 'attempt.submit' AND e.subject = 'attempt:' || a.id)
       UNION ALL
       SELECT 'event ' || e.id || ' (' || e.type || ') names a missing or unsubmitted ' || e.subject FROM audit_events e
        WHERE (e.type = 'attempt.start' AND NOT EXISTS (SELECT 1 FROM quiz_attempts a WHERE 'attempt:' || a.id = e.subject))
           OR (e.type = 'attempt.submit' AND NOT EXISTS (SELECT 1 FROM quiz_attempts a WHERE 'attempt:' || a.id = e.subject AND a.submitted_at IS NOT NULL))`,
  );
  for (const o of orphans) violations.push(`${o.v} (half a transaction)`);

  const audit = await verifyAuditChain(d);
  const one = async (sql: string) => (await d.get<{ n: number }>(sql))!.n;
  return {
    integrity,
    foreignKeyProblems,
    violations,
    audit,
    counts: {
      creditedHeartbeats: await one("SELECT count(*) AS n FROM heartbeats WHERE credited_seconds > 0"),
      attempts: await one("SELECT count(*) AS n FROM quiz_attempts"),
      submitted: await one("SELECT count(*) AS n FROM quiz_attempts WHERE submitted_at IS NOT NULL"),
      auditEvents: await one("SELECT count(*) AS n FROM audit_events"),
    },
  };
}

/**
 * Is the storage itself sound? SQLite: integrity_check and foreign_key_check. PostgreSQL enforces
 * its foreign keys itself (a dangling one cannot be committed); amcheck verifies every B-tree index
 * of the schema against its table (`heapallindexed`), which is where a torn write would show.
 */
async function storageCheck(d: Engine): Promise<{ integrity: string; foreignKeyProblems: number }> {
  if (d.dialect === "sqlite") {
    const integrity = (await d.all<{ integrity_check: string }>("PRAGMA integrity_check")).map((r) => r.integrity_check).join("; ");
    const foreignKeyProblems = (await d.all("PRAGMA foreign_key_check")).length;
    return { integrity, foreignKeyProblems };
  }
  await d.run("CREATE EXTENSION IF NOT EXISTS amcheck");
  const checked = await d.all<{ name: string }>(
    `SELECT c.relname AS name, bt_index_check(c.oid, true) FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE a.amname = 'btree' AND n.nspname = current_schema()`,
  );
  // bt_index_check raises on the first corrupt index; a schema with no index checked would prove nothing.
  return { integrity: checked.length > 0 ? "ok" : "no index checked", foreignKeyProblems: 0 };
}
