import "server-only";
import type { Engine } from "@/db/engine/types";
import { isEnrolled } from "@/db/queries/enrolment";
import { insertExerciseAttempt } from "@/db/queries/exercises";
import type { ContentLocale } from "@/lib/content/names";
import { getCourse } from "@/lib/content/lookup";
import { checkLessonAccess } from "@/lib/progress/lesson-access";
import { gradeExercise, type ExerciseAnswer } from "./grade";
import { exerciseReview, type ExerciseReview } from "./public-view";

export type ExerciseSubmitResult =
  | { ok: true; attemptId: number; review: ExerciseReview }
  | { ok: false; code: "not_found" | "locked" }
  | { ok: false; code: "invalid"; message: string };

/**
 * Grades a learner's answer to a practice exercise and stores it. The learner must be
 * enrolled and able to open the exercise's lesson; answers naming hotspots, paragraphs or
 * choices the exercise does not have are refused (nothing stored).
 */
export async function submitExercise(
  d: Engine,
  input: { userId: number; sessionId: string | null; courseSlug: string; exerciseId: string; answer: ExerciseAnswer; locale: ContentLocale; now?: Date },
): Promise<ExerciseSubmitResult> {
  const course = getCourse(input.courseSlug);
  const exercise = course?.exercises.find((e) => e.id === input.exerciseId);
  if (!course || !exercise || !await isEnrolled(d, input.userId, course.slug)) return { ok: false, code: "not_found" };
  const access = await checkLessonAccess(d, input.userId, course.slug, exercise.lesson);
  if (access.status !== "ok") return { ok: false, code: access.status === "locked" ? "locked" : "not_found" };

  if (exercise.kind === "spot-the-risk") {
    if (!("selected" in input.answer)) return { ok: false, code: "invalid", message: "selected: required for a spot-the-risk exercise" };
    const known = new Set(exercise.hotspots.map((h) => h.id));
    const unknown = input.answer.selected.filter((id) => !known.has(id));
    if (unknown.length > 0) return { ok: false, code: "invalid", message: `selected: unknown hotspot ${unknown.map((u) => `"${u}"`).join(", ")}` };
  } else {
    if (!("choices" in input.answer)) return { ok: false, code: "invalid", message: "choices: required for a rewrite exercise" };
    for (const [paragraph, choice] of Object.entries(input.answer.choices)) {
      const p = exercise.paragraphs.find((x) => x.id === paragraph);
      if (!p) return { ok: false, code: "invalid", message: `choices: unknown paragraph "${paragraph}"` };
      if (!p.choices.some((c) => c.id === choice)) return { ok: false, code: "invalid", message: `choices.${paragraph}: unknown choice "${choice}"` };
    }
    const missing = exercise.paragraphs.filter((p) => !(p.id in (input.answer as { choices: Record<string, string> }).choices));
    if (missing.length > 0) return { ok: false, code: "invalid", message: `choices: choose a wording for every paragraph (missing: ${missing.map((p) => p.id).join(", ")})` };
  }

  const grade = gradeExercise(exercise, input.answer);
  const now = input.now ?? new Date();
  const row = await d.write(() =>
    insertExerciseAttempt(d, {
      userId: input.userId,
      courseSlug: course.slug,
      exerciseId: exercise.id,
      kind: exercise.kind,
      authSessionId: input.sessionId,
      contentHash: exercise.contentHash,
      answers: JSON.stringify(input.answer),
      results: JSON.stringify(grade.items),
      score: grade.score,
      submittedAt: new Date(Math.floor(now.getTime() / 1000) * 1000),
    }),
  );
  return { ok: true, attemptId: row.id, review: exerciseReview(exercise, grade, input.locale) };
}
