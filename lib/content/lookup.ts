import "server-only";
import type { Quiz } from "@/lib/quiz/types";
import { loadCatalog, type Course, type Lesson, type LessonVariant } from "./catalog";
import { isSafeSlug, type ContentLocale } from "./names";
import { defaultContentRoot } from "./paths";

/**
 * A course by slug, drafts included (the caller decides who may see a draft). Null for an
 * unknown or unsafe slug; the slug is checked before anything is looked up.
 */
export function getCourse(slug: string, root: string = defaultContentRoot()): Course | null {
  if (!isSafeSlug(slug)) return null;
  return loadCatalog(root).courses.find((c) => c.slug === slug) ?? null;
}

/** A lesson by course and lesson slug, drafts included; null when unknown or unsafe. */
export function getLesson(courseSlug: string, lessonSlug: string, root: string = defaultContentRoot()): Lesson | null {
  if (!isSafeSlug(lessonSlug)) return null;
  return getCourse(courseSlug, root)?.lessons.find((l) => l.slug === lessonSlug) ?? null;
}

/**
 * The variant to show for `locale`. English falls back to Italian (with `fallback: true`, so
 * the page can say so) when there is no English file, or when the English file is a draft and
 * `includeDrafts` is not set.
 */
export function lessonVariant(
  lesson: Lesson,
  locale: ContentLocale,
  options: { includeDrafts?: boolean } = {},
): { variant: LessonVariant; fallback: boolean } {
  const wanted = lesson.locales[locale];
  if (wanted && (options.includeDrafts || wanted.frontmatter.status === "published")) {
    return { variant: wanted, fallback: false };
  }
  return { variant: lesson.locales.it, fallback: locale !== "it" };
}

/** Courses learners may see (status published), in folder-name order. */
export function publishedCourses(root: string = defaultContentRoot()): Course[] {
  return loadCatalog(root).courses.filter((c) => c.status === "published");
}

/** The lessons of a course learners may see (status published), in order. */
export function publishedLessons(course: Course): Lesson[] {
  return course.lessons.filter((l) => l.status === "published");
}

/**
 * A quiz by course slug and quiz id (its file name without `.yaml`), drafts included; null
 * when unknown or unsafe. A final bank is returned even when the course has no final test:
 * use {@link finalBank} to draw one.
 */
export function getQuiz(courseSlug: string, quizId: string, root: string = defaultContentRoot()): Quiz | null {
  if (!isSafeSlug(quizId)) return null;
  return getCourse(courseSlug, root)?.quizzes.find((q) => q.id === quizId) ?? null;
}

/** The lesson check that follows `lessonSlug`, or null when the lesson has none. */
export function lessonCheckFor(course: Course, lessonSlug: string): Quiz | null {
  return course.quizzes.find((q) => q.kind === "lesson-check" && q.lesson === lessonSlug) ?? null;
}

/**
 * The course's final bank, only when the course has a final test (`course.finalTest` set: the
 * settings exist and the bank can serve them); null otherwise.
 */
export function finalBank(course: Course): Quiz | null {
  if (!course.finalTest) return null;
  return course.quizzes.find((q) => q.kind === "final-bank") ?? null;
}
