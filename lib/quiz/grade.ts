/**
 * Grading a submitted attempt against the questions it was drawn with. Pure module.
 */
import type { DrawnQuestion, Question } from "./types";

export interface GradeOptions {
  /** Multiple-choice questions earn part of the point for a partly right answer. */
  partialCredit: boolean;
  /** Minimum score to pass, a whole percentage (`completion.passMark`). */
  passMark: number;
}

/** How one question was answered. */
export interface QuestionGrade {
  questionId: string;
  /** Exactly the right options were chosen. */
  correct: boolean;
  /** Share of the point earned, from 0 to 1 (0 or 1 unless partial credit applies). */
  credit: number;
  /** The options chosen, without repeats, in the order given. */
  selected: string[];
  /** The right options, in the question's order. */
  correctOptions: string[];
}

export interface GradeResult {
  /** Score in percent with one decimal, truncated (79.96 shows as 79.9, never as 80.0). */
  scorePercent: number;
  /** Questions answered exactly right. */
  correctCount: number;
  total: number;
  passed: boolean;
  perQuestion: QuestionGrade[];
}

/**
 * Grades `answers` (question id → chosen option ids) for the questions of `drawn`.
 *
 * - single and true-false: right iff exactly the correct option is chosen;
 * - multiple: right iff exactly the set of correct options is chosen (order does not matter);
 *   with `partialCredit`, credit = max(0, (right picks − wrong picks) / correct options);
 * - unanswered questions, option ids the question does not have and questions missing from
 *   `questionsById` count as wrong. Never throws: validate answers first
 *   (`validateAnswers`) to tell the learner what is wrong instead.
 *
 * The score is the sum of credits over the number of drawn questions; `passed` compares the
 * truncated score with `passMark`, so the shown score and the outcome always agree.
 */
export function gradeAttempt(
  drawn: readonly DrawnQuestion[],
  questionsById: ReadonlyMap<string, Question>,
  answers: Readonly<Record<string, readonly string[]>>,
  opts: GradeOptions,
): GradeResult {
  const perQuestion = drawn.map((d) => gradeQuestion(questionsById.get(d.questionId), d.questionId, answerOf(answers, d.questionId), opts.partialCredit));
  const total = perQuestion.length;
  const credits = perQuestion.reduce((sum, g) => sum + g.credit, 0);
  // The epsilon absorbs float error in sums like 0.1 + 0.2 before truncating.
  const scorePercent = total === 0 ? 0 : Math.floor((credits / total) * 1000 + 1e-6) / 10;
  return {
    scorePercent,
    correctCount: perQuestion.filter((g) => g.correct).length,
    total,
    passed: total > 0 && scorePercent >= opts.passMark,
    perQuestion,
  };
}

/** Grades one question; `question` undefined (unknown id) grades as wrong. */
export function gradeQuestion(
  question: Question | undefined,
  questionId: string,
  chosen: readonly string[],
  partialCredit: boolean,
): QuestionGrade {
  const selected = [...new Set(chosen.filter((s): s is string => typeof s === "string"))];
  if (!question) return { questionId, correct: false, credit: 0, selected, correctOptions: [] };

  const correctOptions = question.options.filter((o) => o.correct).map((o) => o.id);
  const right = new Set(correctOptions);
  const rightPicks = selected.filter((s) => right.has(s)).length;
  const wrongPicks = selected.length - rightPicks; // unknown ids count as wrong picks
  const correct = rightPicks === right.size && wrongPicks === 0 && right.size > 0;

  let credit = correct ? 1 : 0;
  if (!correct && partialCredit && question.type === "multiple" && right.size > 0) {
    credit = Math.max(0, (rightPicks - wrongPicks) / right.size);
  }
  return { questionId, correct, credit, selected, correctOptions };
}

/** A quiz's questions indexed by id, as `gradeAttempt` and `validateAnswers` take them. */
export function questionMap(questions: readonly Question[]): Map<string, Question> {
  return new Map(questions.map((q) => [q.id, q]));
}

function answerOf(answers: Readonly<Record<string, readonly string[]>>, questionId: string): readonly string[] {
  // Own properties only: a question id like "constructor" must not read Object.prototype.
  if (!Object.hasOwn(answers, questionId)) return [];
  const value = answers[questionId];
  return Array.isArray(value) ? value : [];
}
