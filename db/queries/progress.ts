import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { orm, preparedQuery } from "../engine/orm";
import type { Engine } from "../engine/types";
import { lessonProgress, type LessonProgress } from "../schema";
import { currentCycleSql } from "./cycles";

/** Every function here works on the learner's current cycle of the course (`./cycles`). */
const CURRENT = currentCycleSql("@userId", "@courseSlug");

/**
 * Records that a learner opened a lesson. The first opening (time and content version) is
 * kept; a later one only records the sign-in session it happened in (`sessionId`, when given).
 * @returns true for the first opening.
 */
export async function recordLessonOpened(
  d: Engine,
  p: { userId: number; courseSlug: string; lessonSlug: string; contentHash: string; now?: Date; sessionId?: string | null },
): Promise<boolean> {
  const now = Math.floor((p.now ?? new Date()).getTime() / 1000);
  const first = await d.run(
    `INSERT INTO lesson_progress (user_id, course_slug, lesson_slug, first_opened_at, opened_content_hash, last_opened_session_id, cycle)
     VALUES (@userId, @courseSlug, @lessonSlug, @now, @hash, @sessionId, ${CURRENT}) ON CONFLICT DO NOTHING`,
    { userId: p.userId, courseSlug: p.courseSlug, lessonSlug: p.lessonSlug, now, hash: p.contentHash, sessionId: p.sessionId ?? null },
  );
  if (first.changes === 1) return true;
  if (p.sessionId !== undefined) {
    await d.run(
      `UPDATE lesson_progress SET last_opened_session_id = @sessionId
        WHERE user_id = @userId AND course_slug = @courseSlug AND lesson_slug = @lessonSlug AND cycle = ${CURRENT}`,
      { userId: p.userId, courseSlug: p.courseSlug, lessonSlug: p.lessonSlug, sessionId: p.sessionId },
    );
  }
  return false;
}

/** One learner's row for one lesson in the current cycle, if the lesson was ever opened or completed. */
export async function getLessonProgress(d: Engine, userId: number, courseSlug: string, lessonSlug: string): Promise<LessonProgress | undefined> {
  return preparedQuery(d, "getLessonProgress", (orm) =>
    orm
      .select()
      .from(lessonProgress)
      .where(
        and(
          eq(lessonProgress.userId, sql.placeholder("userId")),
          eq(lessonProgress.courseSlug, sql.placeholder("courseSlug")),
          eq(lessonProgress.lessonSlug, sql.placeholder("lessonSlug")),
          eq(lessonProgress.cycle, sql.raw(currentCycleSql("lesson_progress.user_id", "lesson_progress.course_slug"))),
        ),
      )
      .prepare(),
  ).get({ userId, courseSlug, lessonSlug });
}

/**
 * Marks a lesson completed, in one upsert. Completing again changes nothing: the first
 * completion time and the content version read then are what reports rely on.
 * @returns true when this call completed the lesson, false when it was already completed.
 */
export async function recordLessonCompleted(
  d: Engine,
  p: { userId: number; courseSlug: string; lessonSlug: string; contentHash: string; now?: Date },
): Promise<boolean> {
  const now = p.now ?? new Date();
  const res = await d.run(
    `INSERT INTO lesson_progress (user_id, course_slug, lesson_slug, first_opened_at, opened_content_hash, completed_at, completed_content_hash, cycle)
     VALUES (@userId, @courseSlug, @lessonSlug, @now, @hash, @now, @hash, ${CURRENT})
     ON CONFLICT (user_id, course_slug, lesson_slug, cycle) DO UPDATE
       SET completed_at = excluded.completed_at, completed_content_hash = excluded.completed_content_hash
       WHERE lesson_progress.completed_at IS NULL`,
    { userId: p.userId, courseSlug: p.courseSlug, lessonSlug: p.lessonSlug, now: Math.floor(now.getTime() / 1000), hash: p.contentHash },
  );
  return res.changes > 0;
}

export async function listCourseProgress(d: Engine, userId: number, courseSlug: string): Promise<LessonProgress[]> {
  return preparedQuery(d, "listCourseProgress", (orm) =>
    orm
      .select()
      .from(lessonProgress)
      .where(
        and(
          eq(lessonProgress.userId, sql.placeholder("userId")),
          eq(lessonProgress.courseSlug, sql.placeholder("courseSlug")),
          eq(lessonProgress.cycle, sql.raw(currentCycleSql("lesson_progress.user_id", "lesson_progress.course_slug"))),
        ),
      )
      .prepare(),
  ).all({ userId, courseSlug });
}

/** A learner's progress in every course, current cycles only. */
export async function listUserProgress(d: Engine, userId: number): Promise<LessonProgress[]> {
  return orm(d)
    .select()
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.cycle, sql.raw(currentCycleSql("lesson_progress.user_id", "lesson_progress.course_slug")))));
}

/** A learner's progress in one course, every cycle (history pages). */
export async function listCourseProgressAllCycles(d: Engine, userId: number, courseSlug: string): Promise<LessonProgress[]> {
  return orm(d).select().from(lessonProgress).where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.courseSlug, courseSlug))).orderBy(lessonProgress.cycle, lessonProgress.id);
}

/** Completed lesson slugs of one course: the query the lesson route's sequence check runs on every lesson request, prepared once. */
export async function completedLessonSlugs(d: Engine, userId: number, courseSlug: string): Promise<Set<string>> {
  const rows = await d.all<{ lesson_slug: string }>(
    `SELECT lesson_slug FROM lesson_progress WHERE user_id = @userId AND course_slug = @courseSlug AND completed_at IS NOT NULL AND cycle = ${CURRENT}`,
    { userId, courseSlug },
  );
  return new Set(rows.map((r) => r.lesson_slug));
}

/** Has the learner any lesson progress, in any course and cycle? */
export async function hasAnyProgress(d: Engine, userId: number): Promise<boolean> {
  return (await d.get("SELECT 1 FROM lesson_progress WHERE user_id = ? LIMIT 1", [userId])) !== undefined;
}

/** A learner's time per lesson of a course, in the order they first opened them (the participant page). */
export type LessonTimeRow = {
  lessonSlug: string;
  firstOpenedAt: number;
  completedAt: number | null;
  activeSeconds: number;
  lastHeartbeatAt: number | null;
};

/** A learner's lessons of one cycle of a course. */
export async function listLessonTimes(d: Engine, userId: number, courseSlug: string, cycle: number): Promise<LessonTimeRow[]> {
  return d.all<LessonTimeRow>(
    `SELECT lesson_slug AS "lessonSlug", first_opened_at AS "firstOpenedAt", completed_at AS "completedAt",
            active_seconds AS "activeSeconds", last_heartbeat_at AS "lastHeartbeatAt"
       FROM lesson_progress WHERE user_id = ? AND course_slug = ? AND cycle = ? ORDER BY first_opened_at, id`,
    [userId, courseSlug, cycle],
  );
}
