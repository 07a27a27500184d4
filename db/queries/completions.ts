import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Engine } from "../engine/types";
import { orm, preparedQuery } from "../engine/orm";
import { courseCompletions, type CourseCompletion } from "../schema";
import { currentCycleSql } from "./cycles";

/** The completion of the learner's current cycle of the course, if any. */
export async function getCompletion(d: Engine, userId: number, courseSlug: string): Promise<CourseCompletion | undefined> {
  return preparedQuery(d, "getCompletion", (orm) =>
    orm
      .select()
      .from(courseCompletions)
      .where(
        and(
          eq(courseCompletions.userId, sql.placeholder("userId")),
          eq(courseCompletions.courseSlug, sql.placeholder("courseSlug")),
          eq(courseCompletions.cycle, sql.raw(currentCycleSql("course_completions.user_id", "course_completions.course_slug"))),
        ),
      )
      .prepare(),
  ).get({ userId, courseSlug });
}

/** Every completion of a learner in a course, one per completed cycle, oldest first. */
export async function listCompletions(d: Engine, userId: number, courseSlug: string): Promise<CourseCompletion[]> {
  return orm(d).select().from(courseCompletions).where(and(eq(courseCompletions.userId, userId), eq(courseCompletions.courseSlug, courseSlug))).orderBy(courseCompletions.cycle).all();
}

export type NewCompletion = Omit<CourseCompletion, "id">;

/** The completion record, or null when the learner already has one for the course (the first wins). */
export async function insertCompletion(d: Engine, c: NewCompletion): Promise<CourseCompletion | null> {
  return (
    (await preparedQuery(d, "insertCompletion", (orm) =>
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
          cycle: sql.placeholder("cycle"),
          planId: sql.placeholder("planId"),
        })
        .onConflictDoNothing()
        .returning()
        .prepare(),
    ).get(c)) ?? null
  );
}
