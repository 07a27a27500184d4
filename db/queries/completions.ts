import "server-only";
import type Database from "better-sqlite3";
import { and, eq, sql } from "drizzle-orm";
import type { AppDatabase } from "../open";
import { preparedQuery, preparedStatement } from "../prepared";
import { courseCompletions, type CourseCompletion } from "../schema";

export function getCompletion(d: AppDatabase, userId: number, courseSlug: string): CourseCompletion | undefined {
  return preparedQuery(d, "getCompletion", (orm) =>
    orm
      .select()
      .from(courseCompletions)
      .where(and(eq(courseCompletions.userId, sql.placeholder("userId")), eq(courseCompletions.courseSlug, sql.placeholder("courseSlug"))))
      .prepare(),
  ).get({ userId, courseSlug });
}

/** Active seconds credited on a course's lessons, in total. */
export function courseActiveSeconds(d: AppDatabase, userId: number, courseSlug: string): number {
  const stmt = preparedStatement<Database.Statement<[number, string], { s: number }>>(
    d,
    "SELECT coalesce(sum(active_seconds), 0) AS s FROM lesson_progress WHERE user_id = ? AND course_slug = ?",
  );
  return stmt.get(userId, courseSlug)!.s;
}

export type NewCompletion = Omit<CourseCompletion, "id">;

/** The completion record, or null when the learner already has one for the course (the first wins). */
export function insertCompletion(d: AppDatabase, c: NewCompletion): CourseCompletion | null {
  return (
    preparedQuery(d, "insertCompletion", (orm) =>
      orm
        .insert(courseCompletions)
        .values({
          userId: sql.placeholder("userId"),
          courseSlug: sql.placeholder("courseSlug"),
          courseVersion: sql.placeholder("courseVersion"),
          completedAt: sql.placeholder("completedAt"),
          activeSeconds: sql.placeholder("activeSeconds"),
          plannedMinutes: sql.placeholder("plannedMinutes"),
          attendancePercent: sql.placeholder("attendancePercent"),
          finalScorePercent: sql.placeholder("finalScorePercent"),
          finalAttemptId: sql.placeholder("finalAttemptId"),
          lessonHashes: sql.placeholder("lessonHashes"),
        })
        .onConflictDoNothing()
        .returning()
        .prepare(),
    ).get(c) ?? null
  );
}
