import "server-only";
import type { Engine } from "@/db/engine/types";
import type { LessonProgress } from "@/db/schema";
import { listUserProgress } from "@/db/queries/progress";
import { publishedLessons } from "@/lib/content/lookup";
import type { Course } from "@/lib/content/catalog";
import { lessonStates, progressPercent, resumeSlug, type LessonState } from "./sequence";

export type CourseSummary = {
  course: Course;
  states: Map<string, LessonState>;
  completedCount: number;
  total: number;
  percent: number;
  resume: string | null;
  started: boolean;
};

/** A learner's position in each course: lesson states, percentage and where to resume. */
export async function summariseCourses(d: Engine, userId: number, courses: readonly Course[]): Promise<CourseSummary[]> {
  const rows = await listUserProgress(d, userId);
  return courses.map((course) => summariseCourse(course, rows));
}

/** The same for one course, from progress rows already read (rows of other courses are ignored). */
export function summariseCourse(course: Course, rows: readonly Pick<LessonProgress, "courseSlug" | "lessonSlug" | "completedAt">[]): CourseSummary {
  const slugs = publishedLessons(course).map((l) => l.slug);
  const mine = rows.filter((r) => r.courseSlug === course.slug);
  const completed = new Set(mine.filter((r) => r.completedAt).map((r) => r.lessonSlug));
  return {
    course,
    states: lessonStates(slugs, completed, course.completion.forcedSequence),
    completedCount: slugs.filter((s) => completed.has(s)).length,
    total: slugs.length,
    percent: progressPercent(slugs, completed),
    resume: resumeSlug(slugs, completed),
    started: mine.length > 0,
  };
}
