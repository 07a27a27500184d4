/**
 * The item-analysis report of one course: its quizzes (lesson checks in lesson order, then the
 * final bank), each question with its texts in the reader's language and its statistics.
 * Shared by the trainer page and the CSV export, so both always say the same. Pure module.
 */
import type { ExerciseAttemptRow, GradedAttemptRow } from "@/db/queries/analytics";
import type { ContentLocale } from "@/lib/content/names";
import { localized } from "@/lib/content/schemas";
import { TRUE_FALSE_TEXT } from "@/lib/quiz/public-view";
import type { Course } from "@/lib/content/scan";
import type { RiskTag } from "@/lib/quiz/types";
import { gradedAttempts } from "./attempts";
import { exerciseQuestions, exerciseQuizId, exerciseRowsAsAttempts } from "./exercise-items";
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
  kind: "lesson-check" | "final-bank" | "spot-the-risk" | "rewrite";
  /** Submitted attempts in the period. */
  attempts: number;
  /**
   * Median time from start to submission of an attempt, in seconds. Time per question is not
   * recorded (the quiz page sends all answers at once), so this is the finest figure known.
   */
  medianAttemptSeconds: number | null;
  questions: QuestionReport[];
}

/**
 * The report of a course's quizzes and, after them, its practice exercises (one section each,
 * a hotspot or a paragraph per "question"; no time is recorded for exercises).
 */
export function itemReport(
  course: Pick<Course, "quizzes" | "lessons"> & { exercises?: Course["exercises"] },
  rows: readonly GradedAttemptRow[],
  locale: ContentLocale,
  exerciseRows: readonly ExerciseAttemptRow[] = [],
): QuizReport[] {
  const order = new Map(course.lessons.map((l) => [l.slug, l.number]));
  const quizzes = [...course.quizzes].sort(
    (a, b) => (a.kind === b.kind ? 0 : a.kind === "final-bank" ? 1 : -1) || (order.get(a.lesson ?? "") ?? 0) - (order.get(b.lesson ?? "") ?? 0) || a.id.localeCompare(b.id),
  );
  const sections = [
    ...quizzes.map((quiz) => ({
      id: quiz.id,
      title: localized(quiz.title, locale),
      kind: quiz.kind,
      timed: true,
      questions: quiz.questions.map((q) => ({
        id: q.id,
        risk: q.risk,
        type: q.type,
        prompt: localized(q.prompt, locale),
        options: q.options.map((o) => ({ id: o.id, text: o.text ? localized(o.text, locale) : (TRUE_FALSE_TEXT[o.id] ? localized(TRUE_FALSE_TEXT[o.id]!, locale) : o.id), correct: o.correct })),
      })),
    })),
    ...[...(course.exercises ?? [])]
      .sort((a, b) => (order.get(a.lesson) ?? 0) - (order.get(b.lesson) ?? 0) || a.id.localeCompare(b.id))
      .map((e) => ({ id: exerciseQuizId(e.id), title: localized(e.title, locale), kind: e.kind, timed: false, questions: exerciseQuestions(e, locale) })),
  ];
  const allRows = [...rows, ...exerciseRowsAsAttempts(exerciseRows)];
  const items = sections.flatMap((s) => s.questions.map((q) => ({ quizId: s.id, questionId: q.id, options: q.options })));
  const stats = itemAnalysis(items, gradedAttempts(allRows));
  let k = 0;
  return sections.map((s) => {
    const own = allRows.filter((r) => r.quizId === s.id);
    return {
      id: s.id,
      title: s.title,
      kind: s.kind,
      attempts: own.length,
      medianAttemptSeconds: s.timed ? median(own.map((r) => r.submittedAt - r.startedAt)) : null,
      questions: s.questions.map((q) => ({ ...q, stats: stats[k++]! })),
    };
  });
}
