import "server-only";
import type { Engine } from "../engine/types";
import { currentCycleSql } from "./cycles";

const CLOCK = "SELECT last_credited_at_ms FROM learner_clocks WHERE user_id = ?";
const SET_CLOCK =
  "INSERT INTO learner_clocks (user_id, last_credited_at_ms) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET last_credited_at_ms = excluded.last_credited_at_ms";
// Only the learner's current cycle earns time: an earlier cycle's record is evidence, closed.
const CREDIT = `UPDATE lesson_progress SET active_seconds = active_seconds + @credit, last_heartbeat_at = @at
  WHERE user_id = @user AND course_slug = @course AND lesson_slug = @lesson AND cycle = ${currentCycleSql("@user", "@course")}`;
const DETAIL = "INSERT INTO heartbeats (user_id, auth_session_id, course_slug, lesson_slug, received_at, credited_seconds) VALUES (?, ?, ?, ?, ?, ?)";
const SESSION = "UPDATE auth_sessions SET last_seen_at = ?, active_seconds = active_seconds + ? WHERE id = ?";

/** Unix ms up to which the learner's time has been credited, or null before their first heartbeat. */
export async function getLearnerClock(d: Engine, userId: number): Promise<number | null> {
  return (await d.get<{ last_credited_at_ms: number | null }>(CLOCK, [userId]))?.last_credited_at_ms ?? null;
}

/**
 * Sets the learner's clock. Opening a lesson starts it there (`startLearnerClock` in
 * `lib/progress/lesson-events.ts`), and each heartbeat moves it to where crediting stopped.
 */
export async function setLearnerClock(d: Engine, userId: number, atMs: number): Promise<void> {
  await d.run(SET_CLOCK, [userId, atMs]);
}

/**
 * Adds `creditSeconds` to the lesson's active time, to the sign-in session and (when not 0)
 * to the heartbeat detail. Returns false, writing nothing, when the learner has no progress
 * row for the lesson (never opened it). The caller holds the transaction.
 */
export async function creditLessonTime(
  d: Engine,
  c: { userId: number; sessionId: string | null; courseSlug: string; lessonSlug: string; nowSeconds: number; creditSeconds: number },
): Promise<boolean> {
  const credited = await d.run(CREDIT, { credit: c.creditSeconds, at: c.nowSeconds, user: c.userId, course: c.courseSlug, lesson: c.lessonSlug });
  if (credited.changes === 0) return false;
  if (c.creditSeconds > 0) await d.run(DETAIL, [c.userId, c.sessionId, c.courseSlug, c.lessonSlug, c.nowSeconds, c.creditSeconds]);
  if (c.sessionId) await d.run(SESSION, [c.nowSeconds, c.creditSeconds, c.sessionId]);
  return true;
}
