import "server-only";
import type { Engine } from "@/db/engine/types";
import { completedLessonSlugs } from "@/db/queries/progress";
import { isEnrolled } from "@/db/queries/enrolment";
import { getCourse, publishedLessons } from "@/lib/content/lookup";
import type { Course, Lesson } from "@/lib/content/catalog";
import { lessonStates } from "./sequence";

export type LessonAccess =
  | { status: "ok"; course: Course; lesson: Lesson }
  | { status: "not_found" }
  | { status: "locked"; course: Course; lesson: Lesson };

/**
 * May this learner open this lesson now? Unknown, unsafe or unpublished slugs are
 * "not_found" (drafts are invisible to learners); with a forced sequence, a lesson whose
 * predecessors are not all completed is "locked". Checked by the lesson route before a prerendered
 * lesson page is served and again by the progress API.
 */
export async function checkLessonAccess(d: Engine, userId: number, courseSlug: string, lessonSlug: string, contentRoot?: string): Promise<LessonAccess> {
  const course = getCourse(courseSlug, contentRoot);
  // A course the learner is not enrolled in does not exist for them.
  if (!course || course.status !== "published" || !await isEnrolled(d, userId, course.slug)) return { status: "not_found" };
  const lessons = publishedLessons(course);
  const lesson = lessons.find((l) => l.slug === lessonSlug);
  if (!lesson) return { status: "not_found" };
  if (!course.completion.forcedSequence) return { status: "ok", course, lesson };
  const states = lessonStates(
    lessons.map((l) => l.slug),
    await completedLessonSlugs(d, userId, course.slug),
    true,
  );
  return states.get(lesson.slug) === "locked" ? { status: "locked", course, lesson } : { status: "ok", course, lesson };
}
