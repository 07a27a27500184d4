import "server-only";
import type Database from "better-sqlite3";
import { writeTransaction, type AppDatabase } from "../open";
import { preparedStatements } from "../prepared";
import { creditHeartbeat } from "@/lib/progress/time-credit";
import { currentCycleSql } from "./cycles";

type Statements = {
  clock: Database.Statement<[number], { last_credited_at_ms: number | null }>;
  setClock: Database.Statement<[number, number]>;
  credit: Database.Statement<[{ credit: number; at: number; user: number; course: string; lesson: string }]>;
  detail: Database.Statement<[number, string | null, string, string, number, number]>;
  session: Database.Statement<[number, number, string]>;
};

function statements(d: AppDatabase): Statements {
  return preparedStatements(d, "heartbeat", (db) => ({
    clock: db.prepare("SELECT last_credited_at_ms FROM learner_clocks WHERE user_id = ?"),
    setClock: db.prepare(
      "INSERT INTO learner_clocks (user_id, last_credited_at_ms) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET last_credited_at_ms = excluded.last_credited_at_ms",
    ),
    credit: db.prepare(
      `UPDATE lesson_progress SET active_seconds = active_seconds + @credit, last_heartbeat_at = @at
        WHERE user_id = @user AND course_slug = @course AND lesson_slug = @lesson AND cycle = ${currentCycleSql("@user", "@course")}`,
    ),
    detail: db.prepare(
      "INSERT INTO heartbeats (user_id, auth_session_id, course_slug, lesson_slug, received_at, credited_seconds) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    session: db.prepare("UPDATE auth_sessions SET last_seen_at = ?, active_seconds = active_seconds + ? WHERE id = ?"),
  }));
}

export type HeartbeatOutcome = { ok: true; creditedSeconds: number } | { ok: false; code: "not_opened" };

/**
 * The heartbeat write path (the hottest in the app): prepared statements in one transaction.
 * The credit comes from the server's clock only (`creditHeartbeat`). A heartbeat for a lesson
 * the learner never opened (through the progress API, which checks access) credits nothing.
 */
export function recordHeartbeat(
  d: AppDatabase,
  h: { userId: number; sessionId: string | null; courseSlug: string; lessonSlug: string; nowMs?: number },
): HeartbeatOutcome {
  const s = statements(d);
  const nowMs = h.nowMs ?? Date.now();
  const nowSeconds = Math.floor(nowMs / 1000);
  return writeTransaction(d, (): HeartbeatOutcome => {
    const last = s.clock.get(h.userId)?.last_credited_at_ms ?? null;
    const { creditSeconds, nextState } = creditHeartbeat({ lastCreditedAt: last }, nowMs);
    const updated = s.credit.run({ credit: creditSeconds, at: nowSeconds, user: h.userId, course: h.courseSlug, lesson: h.lessonSlug });
    if (updated.changes === 0) return { ok: false, code: "not_opened" };
    if (nextState.lastCreditedAt !== last && nextState.lastCreditedAt !== null) s.setClock.run(h.userId, nextState.lastCreditedAt);
    if (creditSeconds > 0) s.detail.run(h.userId, h.sessionId, h.courseSlug, h.lessonSlug, nowSeconds, creditSeconds);
    if (h.sessionId) s.session.run(nowSeconds, creditSeconds, h.sessionId);
    return { ok: true, creditedSeconds: creditSeconds };
  });
}

/**
 * Opening a lesson starts the learner's clock: the first heartbeat 30 s later is then worth
 * 30 s. Resetting can only lose credit, never add it, so repeated openings gain nothing.
 */
export function startLearnerClock(d: AppDatabase, userId: number, nowMs = Date.now()): void {
  statements(d).setClock.run(userId, nowMs);
}
