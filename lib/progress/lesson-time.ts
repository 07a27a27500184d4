/**
 * How much active time completing a lesson takes, and whether a completion may be recorded.
 * Pure module (the rule is unit-tested beside it).
 */

/**
 * Active seconds a lesson needs before it can be completed: `minLessonTimePercent` % of its
 * duration, rounded up to the second. 0 when the course sets no minimum.
 */
export function requiredLessonSeconds(durationMinutes: number, minLessonTimePercent: number): number {
  if (!(durationMinutes > 0) || !(minLessonTimePercent > 0)) return 0;
  return Math.ceil((durationMinutes * 60 * minLessonTimePercent) / 100);
}

export type LessonCompletionRefusal =
  /** Never opened, or not opened in the sign-in session that asks to complete it. */
  | { ok: false; code: "not_opened" }
  /** Opened, but with less active time than the course asks for. */
  | { ok: false; code: "too_soon"; lessonSeconds: number; requiredSeconds: number };

/**
 * May a learner's "lesson completed" be recorded? Only after the lesson was opened in the same
 * sign-in session (`openedInSession`) and credited at least `requiredSeconds` of active time —
 * so eight `complete` calls in one second, or one from a session that never showed the lesson,
 * record nothing.
 */
export function lessonCompletionCheck(input: { openedInSession: boolean; lessonSeconds: number; requiredSeconds: number }): { ok: true } | LessonCompletionRefusal {
  if (!input.openedInSession) return { ok: false, code: "not_opened" };
  if (input.lessonSeconds < input.requiredSeconds) return { ok: false, code: "too_soon", lessonSeconds: input.lessonSeconds, requiredSeconds: input.requiredSeconds };
  return { ok: true };
}
