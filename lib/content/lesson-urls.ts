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
