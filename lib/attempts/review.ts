import "server-only";
import type { QuizAttempt } from "@/db/schema";
import type { ContentLocale } from "@/lib/content/names";
import type { QuestionGrade } from "@/lib/quiz/grade";
import { reviewQuestion, withholdKeys } from "@/lib/quiz/public-view";
import { reviewQuestionJson } from "@/lib/quiz/review-json";
import type { DrawnQuestion, Question } from "@/lib/quiz/types";
import { parseDrawn, type QuizRef } from "./lifecycle";

/**
 * May the review of a submitted attempt show the key? Lesson checks: always (they are
 * practice). The final test: as the course's `finalTest.reviewKeys` says — with
 * "when-finished", once the learner has passed or has used every attempt (`attempts`: all of
 * this learner's attempts at this quiz, the one reviewed included).
 */
export function reviewShowsKeys(ref: QuizRef, attempts: readonly QuizAttempt[]): boolean {
  const settings = ref.course.finalTest;
  if (ref.kind !== "final" || !settings || settings.reviewKeys === "always") return true;
  return attempts.some((a) => a.passed) || attempts.length >= settings.maxAttempts;
}

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

/**
 * The JSON text of a submitted attempt's review: the outcome, then each graded question
 * (`reviewQuestion`, or `withholdKeys` of it while `showKeys` is false — see `reviewShowsKeys`).
 */
export function attemptReviewJson(attempt: QuizAttempt, questions: ReadonlyMap<string, Question>, locale: ContentLocale, showKeys: boolean): string {
  const graded = gradedQuestions(attempt, questions);
  const review = showKeys
    ? graded.map((g) => reviewQuestionJson(g.question, g.drawn, locale, g.grade))
    : graded.map((g) => JSON.stringify(withholdKeys(reviewQuestion(g.question, g.drawn, locale, g.grade))));
  const head = JSON.stringify({
    attemptId: attempt.id,
    attemptNumber: attempt.attemptNumber,
    submittedAt: attempt.submittedAt?.toISOString() ?? null,
    scorePercent: attempt.scorePercent,
    correctCount: attempt.correctCount,
    total: attempt.totalQuestions,
    passed: attempt.passed,
    keysShown: showKeys,
  });
  return `${head.slice(0, -1)},"review":[${review.join(",")}]}`;
}
