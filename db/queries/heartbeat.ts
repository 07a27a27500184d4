import "server-only";
import type Database from "better-sqlite3";
import type { AppDatabase } from "../open";
import { preparedStatements } from "../prepared";
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
      // Only the learner's current cycle earns time: an earlier cycle's record is evidence, closed.
      `UPDATE lesson_progress SET active_seconds = active_seconds + @credit, last_heartbeat_at = @at
        WHERE user_id = @user AND course_slug = @course AND lesson_slug = @lesson AND cycle = ${currentCycleSql("@user", "@course")}`,
    ),
    detail: db.prepare(
      "INSERT INTO heartbeats (user_id, auth_session_id, course_slug, lesson_slug, received_at, credited_seconds) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    session: db.prepare("UPDATE auth_sessions SET last_seen_at = ?, active_seconds = active_seconds + ? WHERE id = ?"),
  }));
}

/** Unix ms up to which the learner's time has been credited, or null before their first heartbeat. */
export function getLearnerClock(d: AppDatabase, userId: number): number | null {
  return statements(d).clock.get(userId)?.last_credited_at_ms ?? null;
}

/**
 * Sets the learner's clock. Opening a lesson starts it there (`startLearnerClock` in
 * `lib/progress/lesson-events.ts`), and each heartbeat moves it to where crediting stopped.
 */
export function setLearnerClock(d: AppDatabase, userId: number, atMs: number): void {
  statements(d).setClock.run(userId, atMs);
}

/**
 * Adds `creditSeconds` to the lesson's active time, to the sign-in session and (when not 0)
 * to the heartbeat detail. Returns false, writing nothing, when the learner has no progress
 * row for the lesson (never opened it). The caller holds the transaction.
 */
export function creditLessonTime(
  d: AppDatabase,
  c: { userId: number; sessionId: string | null; courseSlug: string; lessonSlug: string; nowSeconds: number; creditSeconds: number },
): boolean {
  const s = statements(d);
  if (s.credit.run({ credit: c.creditSeconds, at: c.nowSeconds, user: c.userId, course: c.courseSlug, lesson: c.lessonSlug }).changes === 0) return false;
  if (c.creditSeconds > 0) s.detail.run(c.userId, c.sessionId, c.courseSlug, c.lessonSlug, c.nowSeconds, c.creditSeconds);
  if (c.sessionId) s.session.run(c.nowSeconds, c.creditSeconds, c.sessionId);
  return true;
}
