import "server-only";
import { and, eq } from "drizzle-orm";
import type { AppDatabase } from "../open";
import { courseCompletions, type CourseCompletion } from "../schema";

export function getCompletion(d: AppDatabase, userId: number, courseSlug: string): CourseCompletion | undefined {
  return d.orm
    .select()
    .from(courseCompletions)
    .where(and(eq(courseCompletions.userId, userId), eq(courseCompletions.courseSlug, courseSlug)))
    .get();
}

/** Active seconds credited on a course's lessons, in total. */
export function courseActiveSeconds(d: AppDatabase, userId: number, courseSlug: string): number {
  const row = d.sqlite
    .prepare("SELECT coalesce(sum(active_seconds), 0) AS s FROM lesson_progress WHERE user_id = ? AND course_slug = ?")
    .get(userId, courseSlug) as { s: number };
  return row.s;
}

export function insertCompletion(d: AppDatabase, c: typeof courseCompletions.$inferInsert): CourseCompletion | null {
  return d.orm.insert(courseCompletions).values(c).onConflictDoNothing().returning().get() ?? null;
}
