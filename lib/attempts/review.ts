import "server-only";
import type { QuizAttempt } from "@/db/schema";
import type { ContentLocale } from "@/lib/content/names";
import type { QuestionGrade } from "@/lib/quiz/grade";
import { reviewQuestionJson } from "@/lib/quiz/review-json";
import type { DrawnQuestion, Question } from "@/lib/quiz/types";
import { parseDrawn } from "./lifecycle";

/**
 * A submitted attempt's drawn questions with their stored grades, in the attempt's order.
 * Questions no longer in the quiz are left out (the quiz page and the review API agree).
 */
export function gradedQuestions(
  attempt: QuizAttempt,
  questions: ReadonlyMap<string, Question>,
): { question: Question; drawn: DrawnQuestion; grade: QuestionGrade }[] {
  const grades = new Map((JSON.parse(attempt.results ?? "[]") as QuestionGrade[]).map((g) => [g.questionId, g]));
  return parseDrawn(attempt).flatMap((q) => {
    const question = questions.get(q.questionId);
    const grade = grades.get(q.questionId);
    return question && grade ? [{ question, drawn: q, grade }] : [];
  });
}

/** The JSON text of a submitted attempt's review: the outcome, then each graded question (`reviewQuestion`). */
export function attemptReviewJson(attempt: QuizAttempt, questions: ReadonlyMap<string, Question>, locale: ContentLocale): string {
  const review = gradedQuestions(attempt, questions).map((g) => reviewQuestionJson(g.question, g.drawn, locale, g.grade));
  const head = JSON.stringify({
    attemptId: attempt.id,
    attemptNumber: attempt.attemptNumber,
    submittedAt: attempt.submittedAt?.toISOString() ?? null,
    scorePercent: attempt.scorePercent,
    correctCount: attempt.correctCount,
    total: attempt.totalQuestions,
    passed: attempt.passed,
  });
  return `${head.slice(0, -1)},"review":[${review.join(",")}]}`;
}
