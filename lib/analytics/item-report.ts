/**
 * The item-analysis report of one course: its quizzes (lesson checks in lesson order, then the
 * final bank), each question with its texts in the reader's language and its statistics.
 * Shared by the trainer page and the CSV export, so both always say the same. Pure module.
 */
import type { GradedAttemptRow } from "@/db/queries/analytics";
import type { ContentLocale } from "@/lib/content/names";
import { localized } from "@/lib/content/schemas";
import { TRUE_FALSE_TEXT } from "@/lib/quiz/public-view";
import type { Course } from "@/lib/content/scan";
import type { RiskTag } from "@/lib/quiz/types";
import { gradedAttempts } from "./attempts";
import { itemAnalysis, type ItemStats } from "./item-analysis";
import { median } from "./stats";

export interface QuestionReport {
  id: string;
  risk: RiskTag;
  type: string;
  prompt: string;
  options: { id: string; text: string; correct: boolean }[];
  stats: ItemStats;
}

export interface QuizReport {
  id: string;
  title: string;
  kind: "lesson-check" | "final-bank";
  /** Submitted attempts in the period. */
  attempts: number;
  /**
   * Median time from start to submission of an attempt, in seconds. Time per question is not
   * recorded (the quiz page sends all answers at once), so this is the finest figure known.
   */
  medianAttemptSeconds: number | null;
  questions: QuestionReport[];
}

export function itemReport(course: Pick<Course, "quizzes" | "lessons">, rows: readonly GradedAttemptRow[], locale: ContentLocale): QuizReport[] {
  const order = new Map(course.lessons.map((l) => [l.slug, l.number]));
  const quizzes = [...course.quizzes].sort(
    (a, b) => (a.kind === b.kind ? 0 : a.kind === "final-bank" ? 1 : -1) || (order.get(a.lesson ?? "") ?? 0) - (order.get(b.lesson ?? "") ?? 0) || a.id.localeCompare(b.id),
  );
  const items = quizzes.flatMap((quiz) => quiz.questions.map((q) => ({ quizId: quiz.id, questionId: q.id, options: q.options.map((o) => ({ id: o.id, correct: o.correct })) })));
  const stats = itemAnalysis(items, gradedAttempts(rows));
  let k = 0;
  return quizzes.map((quiz) => {
    const own = rows.filter((r) => r.quizId === quiz.id);
    return {
      id: quiz.id,
      title: localized(quiz.title, locale),
      kind: quiz.kind,
      attempts: own.length,
      medianAttemptSeconds: median(own.map((r) => r.submittedAt - r.startedAt)),
      questions: quiz.questions.map((q) => ({
        id: q.id,
        risk: q.risk,
        type: q.type,
        prompt: localized(q.prompt, locale),
        options: q.options.map((o) => ({ id: o.id, text: o.text ? localized(o.text, locale) : (TRUE_FALSE_TEXT[o.id] ? localized(TRUE_FALSE_TEXT[o.id]!, locale) : o.id), correct: o.correct })),
        stats: stats[k++]!,
      })),
    };
  });
}
