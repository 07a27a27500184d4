/**
 * Which `/courses/<course>/<x>` URLs are lessons. Pure and dependency-free: the proxy imports it.
 */

/**
 * Course pages that sit beside the lessons (`/courses/<course>/quiz/…`, `…/policy`): no lesson
 * may take these slugs, and the proxy runs for them (its matcher spells the same list).
 * Adding a folder under `courses/[course]/` means adding it here and to the matcher:
 * tests/integration/lesson-urls.test.ts fails until all three agree.
 */
export const RESERVED_LESSON_SLUGS: ReadonlySet<string> = new Set(["quiz", "policy"]);

/**
 * Is this URL path a lesson page (`/courses/<course>/<lesson>`, the lesson's slug not
 * reserved)? Those are served by their route handler (app/courses/[course]/[lesson]), never
 * by the proxy.
 */
export function isLessonPagePath(pathname: string): boolean {
  const m = /^\/courses\/[^/]+\/([^/]+)$/.exec(pathname);
  return m !== null && !RESERVED_LESSON_SLUGS.has(m[1]!);
}

/** Is this URL path a course page (`/courses/<course>`)? Served by its route handler (app/courses/[course]), never by the proxy. */
export function isCoursePagePath(pathname: string): boolean {
  return /^\/courses\/[^/]+$/.test(pathname);
}

/** The pages a route handler serves from prerendered frames after its own checks: the proxy's matcher leaves them out. */
export function isFramePagePath(pathname: string): boolean {
  return isLessonPagePath(pathname) || isCoursePagePath(pathname);
}
