import "server-only";
import type Database from "better-sqlite3";
import { and, eq, sql } from "drizzle-orm";
import type { AppDatabase } from "../open";
import { preparedQuery, preparedStatement } from "../prepared";
import { lessonProgress, type LessonProgress } from "../schema";

/**
 * Records that a learner opened a lesson. The first opening (time and content version) is
 * kept; a later one only records the sign-in session it happened in (`sessionId`, when given).
 * @returns true for the first opening.
 */
export function recordLessonOpened(
  d: AppDatabase,
  p: { userId: number; courseSlug: string; lessonSlug: string; contentHash: string; now?: Date; sessionId?: string | null },
): boolean {
  const res = d.orm
    .insert(lessonProgress)
    .values({
      userId: p.userId,
      courseSlug: p.courseSlug,
      lessonSlug: p.lessonSlug,
      firstOpenedAt: p.now ?? new Date(),
      openedContentHash: p.contentHash,
      lastOpenedSessionId: p.sessionId ?? null,
    })
    .onConflictDoNothing()
    .run();
  if (res.changes === 1) return true;
  if (p.sessionId !== undefined) {
    preparedStatement(d, "UPDATE lesson_progress SET last_opened_session_id = ? WHERE user_id = ? AND course_slug = ? AND lesson_slug = ?").run(
      p.sessionId,
      p.userId,
      p.courseSlug,
      p.lessonSlug,
    );
  }
  return false;
}

/** One learner's row for one lesson, if the lesson was ever opened or completed. */
export function getLessonProgress(d: AppDatabase, userId: number, courseSlug: string, lessonSlug: string): LessonProgress | undefined {
  return preparedQuery(d, "getLessonProgress", (orm) =>
    orm
      .select()
      .from(lessonProgress)
      .where(
        and(
          eq(lessonProgress.userId, sql.placeholder("userId")),
          eq(lessonProgress.courseSlug, sql.placeholder("courseSlug")),
          eq(lessonProgress.lessonSlug, sql.placeholder("lessonSlug")),
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
export function recordLessonCompleted(
  d: AppDatabase,
  p: { userId: number; courseSlug: string; lessonSlug: string; contentHash: string; now?: Date },
): boolean {
  const now = p.now ?? new Date();
  const stmt = d.sqlite.prepare(
    `INSERT INTO lesson_progress (user_id, course_slug, lesson_slug, first_opened_at, opened_content_hash, completed_at, completed_content_hash)
     VALUES (@userId, @courseSlug, @lessonSlug, @now, @hash, @now, @hash)
     ON CONFLICT (user_id, course_slug, lesson_slug) DO UPDATE
       SET completed_at = excluded.completed_at, completed_content_hash = excluded.completed_content_hash
       WHERE lesson_progress.completed_at IS NULL`,
  );
  const res = stmt.run({ ...p, now: Math.floor(now.getTime() / 1000), hash: p.contentHash });
  return res.changes > 0;
}

export function listCourseProgress(d: AppDatabase, userId: number, courseSlug: string): LessonProgress[] {
  return preparedQuery(d, "listCourseProgress", (orm) =>
    orm
      .select()
      .from(lessonProgress)
      .where(and(eq(lessonProgress.userId, sql.placeholder("userId")), eq(lessonProgress.courseSlug, sql.placeholder("courseSlug"))))
      .prepare(),
  ).all({ userId, courseSlug });
}

export function listUserProgress(d: AppDatabase, userId: number): LessonProgress[] {
  return d.orm.select().from(lessonProgress).where(eq(lessonProgress.userId, userId)).all();
}

/** Completed lesson slugs of one course: the query the lesson route's sequence check runs on every lesson request, prepared once. */
export function completedLessonSlugs(d: AppDatabase, userId: number, courseSlug: string): Set<string> {
  const stmt = preparedStatement<Database.Statement<[number, string], { lesson_slug: string }>>(
    d,
    "SELECT lesson_slug FROM lesson_progress WHERE user_id = ? AND course_slug = ? AND completed_at IS NOT NULL",
  );
  return new Set(stmt.all(userId, courseSlug).map((r) => r.lesson_slug));
}

/** A learner's time per lesson of a course, in the order they first opened them (the participant page). */
export type LessonTimeRow = {
  lessonSlug: string;
  firstOpenedAt: number;
  completedAt: number | null;
  activeSeconds: number;
  lastHeartbeatAt: number | null;
};

export function listLessonTimes(d: AppDatabase, userId: number, courseSlug: string): LessonTimeRow[] {
  return d.sqlite
    .prepare(
      `SELECT lesson_slug AS lessonSlug, first_opened_at AS firstOpenedAt, completed_at AS completedAt,
              active_seconds AS activeSeconds, last_heartbeat_at AS lastHeartbeatAt
         FROM lesson_progress WHERE user_id = ? AND course_slug = ? ORDER BY first_opened_at, id`,
    )
    .all(userId, courseSlug) as LessonTimeRow[];
}
