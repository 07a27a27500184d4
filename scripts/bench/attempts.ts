import { parseDrawn, questionsById, startAttempt, findQuiz } from "@/lib/attempts/lifecycle";
import { shownAnswers } from "@/lib/quiz/option-keys";
import type { Engine } from "@/db/engine/types";
import type { Dataset } from "./dataset";

/** A started final-test attempt and the body that submits its correct answers. */
export type PreparedAttempt = { attemptId: number; userId: number; body: string };

/**
 * Starts a final-test attempt (the app's startAttempt) for every learner allowed a third try, with
 * the correct answers ready, on the database `d` the measured server uses (either engine).
 */
export async function prepareAttempts(d: Engine, data: Dataset): Promise<{ items: PreparedAttempt[]; seconds: number }> {
  const t0 = performance.now();
  const ref = findQuiz(data.courseSlug, data.finalQuizId);
  if (!ref) throw new Error("final test not found");
  const byId = questionsById(ref.quiz);
  const items: PreparedAttempt[] = [];
  for (const l of data.learners) {
    if (l.cohort !== "ready") continue;
    const r = await startAttempt(d, { userId: l.id, sessionId: l.sessionId, courseSlug: data.courseSlug, quizId: data.finalQuizId });
    if (!r.ok || r.resumed) throw new Error(`startAttempt for learner ${l.id}: ${r.ok ? "resumed an open attempt" : r.code}`);
    const drawn = parseDrawn(r.attempt);
    const key = Object.fromEntries(drawn.map((q) => [q.questionId, byId.get(q.questionId)!.options.filter((o) => o.correct).map((o) => o.id)]));
    // The API takes the option ids the learner was shown, not the authored ones.
    items.push({ attemptId: r.attempt.id, userId: l.id, body: JSON.stringify({ answers: shownAnswers(drawn, key) }) });
  }
  return { items, seconds: (performance.now() - t0) / 1000 };
}
