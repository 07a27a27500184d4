/**
 * Pure rules about the order of lessons, shared by the lesson route (which guards prerendered
 * lesson pages), the progress API and the course page.
 */

export type LessonState = "completed" | "available" | "locked";

/**
 * The state of each lesson, in course order. With a forced sequence a lesson is available
 * only when every lesson before it is completed; without, every lesson is available.
 */
export function lessonStates(orderedSlugs: readonly string[], completed: ReadonlySet<string>, forcedSequence: boolean): Map<string, LessonState> {
  const states = new Map<string, LessonState>();
  let allBeforeDone = true;
  for (const slug of orderedSlugs) {
    const done = completed.has(slug);
    states.set(slug, done ? "completed" : !forcedSequence || allBeforeDone ? "available" : "locked");
    allBeforeDone &&= done;
  }
  return states;
}

/** The lesson "Riprendi" leads to: the first not completed, or the first when all are done. */
export function resumeSlug(orderedSlugs: readonly string[], completed: ReadonlySet<string>): string | null {
  return orderedSlugs.find((s) => !completed.has(s)) ?? orderedSlugs[0] ?? null;
}

/** Share of lessons completed, 0–100, rounded down (never shows 100 before the end). */
export function progressPercent(orderedSlugs: readonly string[], completed: ReadonlySet<string>): number {
  if (orderedSlugs.length === 0) return 0;
  const done = orderedSlugs.filter((s) => completed.has(s)).length;
  return Math.floor((done * 100) / orderedSlugs.length);
}
