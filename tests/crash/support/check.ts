import type Database from "better-sqlite3";
import { attachDatabase } from "@/db/open";
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
 * - integrity_check is "ok", no dangling foreign key, and the audit chain verifies.
 */
export async function checkAgainstLedger(sqlite: Database.Database, ledger: Ledger): Promise<CrashCheck> {
  const violations: string[] = [];
  const integrity = (sqlite.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
  const foreignKeyProblems = (sqlite.pragma("foreign_key_check") as unknown[]).length;

  const beats = new Map(
    (
      sqlite
        .prepare("SELECT user_id, count(*) AS n, sum(credited_seconds) AS s FROM heartbeats WHERE credited_seconds > 0 GROUP BY user_id")
        .all() as { user_id: number; n: number; s: number }[]
    ).map((r) => [r.user_id, r]),
  );
  for (const [userId, acked] of ledger.heartbeats) {
    const stored = beats.get(userId) ?? { n: 0, s: 0 };
    if (stored.n < acked.credited || stored.s < acked.seconds) {
      violations.push(`learner ${userId}: ${acked.credited} credited heartbeats (${acked.seconds} s) acknowledged, ${stored.n} (${stored.s} s) stored`);
    }
  }
  const progressVsBeats = sqlite
    .prepare(
      `SELECT p.user_id, p.total, coalesce(h.total, 0) AS beats FROM
         (SELECT user_id, sum(active_seconds) AS total FROM lesson_progress GROUP BY user_id) p
         LEFT JOIN (SELECT user_id, sum(credited_seconds) AS total FROM heartbeats GROUP BY user_id) h ON h.user_id = p.user_id
        WHERE p.total != coalesce(h.total, 0)`,
    )
    .all() as { user_id: number; total: number; beats: number }[];
  for (const r of progressVsBeats) violations.push(`learner ${r.user_id}: lesson_progress says ${r.total} s, heartbeats ${r.beats} s (half a transaction)`);
  const sessionsVsBeats = sqlite
    .prepare(
      `SELECT s.id, s.active_seconds, coalesce(h.total, 0) AS beats FROM auth_sessions s
         LEFT JOIN (SELECT auth_session_id, sum(credited_seconds) AS total FROM heartbeats GROUP BY auth_session_id) h ON h.auth_session_id = s.id
        WHERE s.active_seconds != coalesce(h.total, 0)`,
    )
    .all() as { id: string; active_seconds: number; beats: number }[];
  for (const r of sessionsVsBeats) violations.push(`session ${r.id}: ${r.active_seconds} s on the session, ${r.beats} s in heartbeats (half a transaction)`);

  const attempt = sqlite.prepare<[number], { user_id: number; submitted_at: number | null; passed: number | null }>(
    "SELECT user_id, submitted_at, passed FROM quiz_attempts WHERE id = ?",
  );
  for (const [id, userId] of ledger.started) {
    const row = attempt.get(id);
    if (!row) violations.push(`attempt ${id}: start acknowledged, no row`);
    else if (row.user_id !== userId) violations.push(`attempt ${id}: belongs to ${row.user_id}, started by ${userId}`);
  }
  for (const id of ledger.submitted) {
    const row = attempt.get(id);
    if (!row?.submitted_at || row.passed !== 1) violations.push(`attempt ${id}: submission acknowledged, stored as ${JSON.stringify(row ?? null)}`);
  }
  const orphans = sqlite
    .prepare(
      `SELECT 'attempt ' || a.id || ' has no attempt.start event' AS v FROM quiz_attempts a
        WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.type = 'attempt.start' AND e.subject = 'attempt:' || a.id)
       UNION ALL
       SELECT 'attempt ' || a.id || ' is submitted without an attempt.submit event' FROM quiz_attempts a
        WHERE a.submitted_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.type = 'attempt.submit' AND e.subject = 'attempt:' || a.id)
       UNION ALL
       SELECT 'event ' || e.id || ' (' || e.type || ') names a missing or unsubmitted ' || e.subject FROM audit_events e
        WHERE (e.type = 'attempt.start' AND NOT EXISTS (SELECT 1 FROM quiz_attempts a WHERE 'attempt:' || a.id = e.subject))
           OR (e.type = 'attempt.submit' AND NOT EXISTS (SELECT 1 FROM quiz_attempts a WHERE 'attempt:' || a.id = e.subject AND a.submitted_at IS NOT NULL))`,
    )
    .all() as { v: string }[];
  for (const o of orphans) violations.push(`${o.v} (half a transaction)`);

  const audit = await verifyAuditChain(attachDatabase(sqlite));
  const one = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
  return {
    integrity,
    foreignKeyProblems,
    violations,
    audit,
    counts: {
      creditedHeartbeats: one("SELECT count(*) AS n FROM heartbeats WHERE credited_seconds > 0"),
      attempts: one("SELECT count(*) AS n FROM quiz_attempts"),
      submitted: one("SELECT count(*) AS n FROM quiz_attempts WHERE submitted_at IS NOT NULL"),
      auditEvents: one("SELECT count(*) AS n FROM audit_events"),
    },
  };
}
