import "server-only";
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
