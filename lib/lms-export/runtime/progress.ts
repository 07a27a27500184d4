/**
 * The course's rules applied to a learner's state inside a package: lesson access, completion,
 * the final test's availability, drawing and grading. Reuses Binomio's own pure rules
 * (`lib/progress/completion`, `lib/quiz/draw`, `lib/quiz/grade`), so a package judges exactly
 * like the site. Pure module, bundled into the runtime.
 */
import { evaluateCompletion, type CompletionResult } from "@/lib/progress/completion";
import { drawFinalTest, lessonCheckDraw, type Rng } from "@/lib/quiz/draw";
import { gradeAttempt, type GradeResult } from "@/lib/quiz/grade";
import type { Question } from "@/lib/quiz/types";
import { rightOptions } from "../answer-key";
import type { EndedAttempt, LearnerState, OpenAttempt } from "../learner-state";
import type { PackageData, PackageQuestion, PackageQuiz } from "../package-data";

/** May the learner open lesson `index` (0-based)? With a forced sequence, only after the ones before. */
export function lessonUnlocked(data: PackageData, state: LearnerState, index: number): boolean {
  if (!data.rules.forcedSequence) return true;
  const done = new Set(state.completed);
  return data.lessons.slice(0, index).every((l) => done.has(l.slug));
}

/** The course's completion rule (`evaluateCompletion`), on the package's state. */
export function courseCompletion(data: PackageData, state: LearnerState): CompletionResult {
  return evaluateCompletion({
    lessons: data.lessons.map((l) => ({ slug: l.slug, contentHash: "" })),
    // Completion order stands for completion times: the runtime only allows the sequence.
    progress: state.completed.map((slug, i) => ({ lessonSlug: slug, completedAt: new Date(i * 1000), completedContentHash: "" })),
    activeSeconds: state.activeSeconds,
    plannedMinutes: data.course.plannedMinutes,
    attendanceThreshold: data.rules.attendanceThreshold,
    requireFinalTest: data.final !== null,
    finalTestPassed: state.attempts.some((a) => a.passed),
    forcedSequence: data.rules.forcedSequence,
    requirePolicyAck: data.rules.requirePolicyAck,
    policyAcknowledged: data.policy !== null && state.policyVersion === data.policy.version,
  });
}

/** Seconds of active time the course requires. */
export function requiredSeconds(data: PackageData): number {
  return Math.ceil((data.rules.attendanceThreshold * data.course.plannedMinutes * 60) / 100);
}

export type FinalAvailability =
  | { kind: "none" }
  | { kind: "locked" }
  | { kind: "passed"; score: number }
  | { kind: "limit"; max: number }
  | { kind: "wait"; until: number }
  | { kind: "open"; attempt: OpenAttempt; endsAt: number }
  | { kind: "available"; used: number; max: number };

/**
 * Whether the final test can be taken now (`nowSec`: Unix seconds), with the same refusals as
 * Binomio (`finalTestRefusal`): locked until every lesson is done, once passed, after the last
 * attempt, and during the wait after a failure. An attempt past its time limit must first be
 * closed with {@link closeExpired}.
 */
export function finalAvailability(data: PackageData, state: LearnerState, nowSec: number): FinalAvailability {
  if (!data.final) return { kind: "none" };
  const s = data.final.settings;
  const passed = state.attempts.find((a) => a.passed);
  if (passed) return { kind: "passed", score: passed.score };
  if (state.open) return { kind: "open", attempt: state.open, endsAt: state.open.startedAt + s.timeLimitMinutes * 60 };
  if (data.rules.forcedSequence && !data.lessons.every((l) => state.completed.includes(l.slug))) return { kind: "locked" };
  if (state.attempts.length >= s.maxAttempts) return { kind: "limit", max: s.maxAttempts };
  const last = state.attempts.at(-1);
  if (last && s.waitMinutes > 0 && last.at + s.waitMinutes * 60 > nowSec) return { kind: "wait", until: last.at + s.waitMinutes * 60 };
  return { kind: "available", used: state.attempts.length, max: s.maxAttempts };
}

/** An open attempt past its time limit counts as used and failed (as on the site). Returns true when it closed one. */
export function closeExpired(data: PackageData, state: LearnerState, nowSec: number): boolean {
  if (!data.final || !state.open) return false;
  const endsAt = state.open.startedAt + data.final.settings.timeLimitMinutes * 60;
  if (nowSec <= endsAt) return false;
  state.attempts.push({ score: 0, passed: false, at: endsAt });
  state.open = null;
  return true;
}

/** A packaged question in the shape of the site's `Question`; `correct` from the salted key when `salt` is given. */
function asQuestion(q: PackageQuestion, salt?: string): Question {
  const right = salt === undefined ? new Set<string>() : new Set(rightOptions(salt, q.id, q.options.map((o) => o.id), q.key));
  return {
    id: q.id,
    type: q.type,
    risk: q.risk,
    lesson: q.lesson,
    prompt: { it: q.prompt },
    explanation: { it: q.explanation },
    options: q.options.map((o) => ({ id: o.id, correct: right.has(o.id) })),
  };
}

/** Draws a final-test attempt with the course's settings (per-risk minimums, shuffled options). */
export function drawFinal(data: PackageData, rng: Rng, nowSec: number): OpenAttempt {
  const final = data.final!;
  const drawn = drawFinalTest(final.quiz.questions.map((q) => asQuestion(q)), final.settings, rng);
  return { startedAt: nowSec, draw: drawn.map((d) => ({ q: d.questionId, o: d.optionOrder })) };
}

/** Draws a lesson check: every question, options shuffled. */
export function drawCheck(quiz: PackageQuiz, rng: Rng): { q: string; o: string[] }[] {
  return lessonCheckDraw({ questions: quiz.questions.map((q) => asQuestion(q)) }, rng).map((d) => ({ q: d.questionId, o: d.optionOrder }));
}

export interface GradedQuestion {
  question: PackageQuestion;
  optionOrder: string[];
  chosen: string[];
  right: string[];
  correct: boolean;
}

/** Grades answers with Binomio's `gradeAttempt`, the right options read from the salted key. */
export function gradePackaged(
  data: PackageData,
  quiz: PackageQuiz,
  draw: readonly { q: string; o: string[] }[],
  answers: Readonly<Record<string, readonly string[]>>,
  partialCredit: boolean,
): { result: GradeResult; questions: GradedQuestion[] } {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  const questions = new Map(quiz.questions.map((q) => [q.id, asQuestion(q, data.salt)]));
  const result = gradeAttempt(
    draw.map((d) => ({ questionId: d.q, optionOrder: d.o })),
    questions,
    answers,
    { partialCredit, passMark: data.rules.passMark },
  );
  const graded = result.perQuestion.flatMap((g, i) => {
    const question = byId.get(g.questionId);
    return question ? [{ question, optionOrder: draw[i]!.o, chosen: g.selected, right: g.correctOptions, correct: g.correct }] : [];
  });
  return { result, questions: graded };
}

/** Records a final-test attempt that was submitted. */
export function endAttempt(state: LearnerState, score: number, passed: boolean, nowSec: number): EndedAttempt {
  const ended = { score, passed, at: nowSec };
  state.attempts.push(ended);
  state.open = null;
  return ended;
}
