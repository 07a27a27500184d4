import "server-only";
import { and, asc, eq, isNotNull, max, sql } from "drizzle-orm";
import { orm, preparedQuery } from "../engine/orm";
import type { Engine } from "../engine/types";
import { quizAttempts, type QuizAttempt } from "../schema";
import { currentCycleSql } from "./cycles";

/** The attempts' current cycle: attempts are counted per cycle (`./cycles`). */
const CURRENT = sql.raw(currentCycleSql("quiz_attempts.user_id", "quiz_attempts.course_slug"));

/** One learner's attempts at one quiz in the current cycle, with placeholders `userId`, `courseSlug`, `quizId`. */
const ofLearnerQuiz = () =>
  and(
    eq(quizAttempts.userId, sql.placeholder("userId")),
    eq(quizAttempts.courseSlug, sql.placeholder("courseSlug")),
    eq(quizAttempts.quizId, sql.placeholder("quizId")),
    eq(quizAttempts.cycle, CURRENT),
  );

export async function listAttempts(d: Engine, userId: number, courseSlug: string, quizId: string): Promise<QuizAttempt[]> {
  return preparedQuery(d, "listAttempts", (orm) =>
    orm
      .select()
      .from(quizAttempts)
      .where(ofLearnerQuiz())
      .orderBy(asc(quizAttempts.attemptNumber))
      .prepare(),
  ).all({ userId, courseSlug, quizId });
}

export type AttemptScore = Pick<QuizAttempt, "id" | "scorePercent" | "passed">;

/** The submitted attempts' scores, oldest first: what completion and the course page need, without the stored questions and answers. */
export async function listSubmittedScores(d: Engine, userId: number, courseSlug: string, quizId: string): Promise<AttemptScore[]> {
  return preparedQuery(d, "listSubmittedScores", (orm) =>
    orm
      .select({ id: quizAttempts.id, scorePercent: quizAttempts.scorePercent, passed: quizAttempts.passed })
      .from(quizAttempts)
      .where(and(ofLearnerQuiz(), isNotNull(quizAttempts.submittedAt)))
      .orderBy(asc(quizAttempts.attemptNumber))
      .prepare(),
  ).all({ userId, courseSlug, quizId });
}

/** Every attempt of a learner in a course, all cycles. */
export async function listUserAttempts(d: Engine, userId: number, courseSlug: string): Promise<QuizAttempt[]> {
  return orm(d)
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.courseSlug, courseSlug)))
    .orderBy(asc(quizAttempts.id));
}

export async function getAttempt(d: Engine, id: number): Promise<QuizAttempt | undefined> {
  return preparedQuery(d, "getAttempt", (orm) =>
    orm
      .select()
      .from(quizAttempts)
      .where(eq(quizAttempts.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id });
}

export async function nextAttemptNumber(d: Engine, userId: number, courseSlug: string, quizId: string): Promise<number> {
  const row = await orm(d)
    .select({ n: max(quizAttempts.attemptNumber) })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.courseSlug, courseSlug), eq(quizAttempts.quizId, quizId), eq(quizAttempts.cycle, CURRENT)))
    .get();
  return (row?.n ?? 0) + 1;
}

export type NewAttempt = Pick<
  QuizAttempt,
  "userId" | "courseSlug" | "quizId" | "kind" | "attemptNumber" | "authSessionId" | "quizContentHash" | "questions" | "startedAt" | "expiresAt" | "totalQuestions" | "cycle"
>;

/** A new attempt; `cycle` is the learner's current cycle of the course (`currentCycle`, read in the same transaction). */
export async function insertAttempt(d: Engine, a: NewAttempt): Promise<QuizAttempt> {
  return (await orm(d).insert(quizAttempts).values(a).returning().get()) as QuizAttempt;
}

/**
 * Records the grading of an open attempt. The `submitted_at IS NULL` condition makes the
 * first submit win: a concurrent second submit updates nothing and gets `false`.
 */
export async function recordSubmission(
  d: Engine,
  id: number,
  s: Pick<QuizAttempt, "submittedAt" | "answers" | "scorePercent" | "correctCount" | "passed" | "results">,
): Promise<boolean> {
  // Raw SQL: drizzle's update builder takes no placeholders, and this runs on every submit.
  const res = await d.run("UPDATE quiz_attempts SET submitted_at = ?, answers = ?, score_percent = ?, correct_count = ?, passed = ?, results = ? WHERE id = ? AND submitted_at IS NULL", [
    s.submittedAt ? Math.floor(s.submittedAt.getTime() / 1000) : null,
    s.answers,
    s.scorePercent,
    s.correctCount,
    s.passed === null ? null : s.passed ? 1 : 0,
    s.results,
    id,
  ]);
  return res.changes === 1;
}
