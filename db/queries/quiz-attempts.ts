import "server-only";
import { and, asc, eq, isNull, max } from "drizzle-orm";
import type { AppDatabase } from "../open";
import { quizAttempts, type QuizAttempt } from "../schema";

export function listAttempts(d: AppDatabase, userId: number, courseSlug: string, quizId: string): QuizAttempt[] {
  return d.orm
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.courseSlug, courseSlug), eq(quizAttempts.quizId, quizId)))
    .orderBy(asc(quizAttempts.attemptNumber))
    .all();
}

export function listUserAttempts(d: AppDatabase, userId: number, courseSlug: string): QuizAttempt[] {
  return d.orm
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.courseSlug, courseSlug)))
    .orderBy(asc(quizAttempts.id))
    .all();
}

export function getAttempt(d: AppDatabase, id: number): QuizAttempt | undefined {
  return d.orm.select().from(quizAttempts).where(eq(quizAttempts.id, id)).get();
}

export function nextAttemptNumber(d: AppDatabase, userId: number, courseSlug: string, quizId: string): number {
  const row = d.orm
    .select({ n: max(quizAttempts.attemptNumber) })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.courseSlug, courseSlug), eq(quizAttempts.quizId, quizId)))
    .get();
  return (row?.n ?? 0) + 1;
}

export type NewAttempt = Pick<
  QuizAttempt,
  "userId" | "courseSlug" | "quizId" | "kind" | "attemptNumber" | "authSessionId" | "quizContentHash" | "questions" | "startedAt" | "expiresAt" | "totalQuestions"
>;

export function insertAttempt(d: AppDatabase, a: NewAttempt): QuizAttempt {
  return d.orm.insert(quizAttempts).values(a).returning().get();
}

/**
 * Records the grading of an open attempt. The `submitted_at IS NULL` condition makes the
 * first submit win: a concurrent second submit updates nothing and gets `false`.
 */
export function recordSubmission(
  d: AppDatabase,
  id: number,
  s: Pick<QuizAttempt, "submittedAt" | "answers" | "scorePercent" | "correctCount" | "passed" | "results">,
): boolean {
  const res = d.orm
    .update(quizAttempts)
    .set(s)
    .where(and(eq(quizAttempts.id, id), isNull(quizAttempts.submittedAt)))
    .run();
  return res.changes === 1;
}
