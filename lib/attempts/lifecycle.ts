import "server-only";
import type { Engine } from "@/db/engine/types";
import type { QuizAttempt } from "@/db/schema";
import { completedLessonSlugs } from "@/db/queries/progress";
import { currentCycle } from "@/db/queries/cycles";
import { isEnrolled } from "@/db/queries/enrolment";
import { testTimeExtraPercent } from "@/db/queries/users";
import { getAttempt, insertAttempt, listAttempts, recordSubmission } from "@/db/queries/quiz-attempts";
import { getCourse, publishedLessons } from "@/lib/content/lookup";
import type { Course } from "@/lib/content/catalog";
import { drawFinalTest, lessonCheckDraw, cryptoRandom, type DrawnQuestion } from "@/lib/quiz/draw";
import { gradeAttempt, questionMap, type GradeResult } from "@/lib/quiz/grade";
import { authoredAnswers } from "@/lib/quiz/option-keys";
import { publicQuestion, type PublicQuestion } from "@/lib/quiz/public-view";
import type { ContentLocale } from "@/lib/content/names";
import { validateAnswers, type AnswerError } from "@/lib/quiz/validate-answers";
import type { Question, Quiz } from "@/lib/quiz/types";
import { checkLessonAccess } from "@/lib/progress/lesson-access";
import { completeCourseIfDue } from "@/lib/progress/complete-course";
import { appendAuditEvent } from "@/lib/audit/trail";

/** Grace after the time limit, for a submit already on its way when the clock ran out. */
export const SUBMIT_GRACE_MS = 30_000;

export type QuizRef = { course: Course; quiz: Quiz; kind: "lesson-check" | "final" };

/** A published course's quiz by id; the final test exists only with both a bank and settings. */
export function findQuiz(courseSlug: string, quizId: string, contentRoot?: string): QuizRef | null {
  const course = getCourse(courseSlug, contentRoot);
  if (!course || course.status !== "published") return null;
  const quiz = course.quizzes.find((q) => q.id === quizId);
  if (!quiz) return null;
  if (quiz.kind === "final-bank") return course.finalTest ? { course, quiz, kind: "final" } : null;
  return { course, quiz, kind: "lesson-check" };
}

const questionMaps = new WeakMap<Quiz, ReadonlyMap<string, Question>>();

/** The quiz's questions by id, built once per loaded quiz (a final bank has dozens; every submit needs them). */
export function questionsById(quiz: Quiz): ReadonlyMap<string, Question> {
  let byId = questionMaps.get(quiz);
  if (!byId) {
    byId = questionMap(quiz.questions);
    questionMaps.set(quiz, byId);
  }
  return byId;
}

export function parseDrawn(attempt: QuizAttempt): DrawnQuestion[] {
  return JSON.parse(attempt.questions) as DrawnQuestion[];
}

/**
 * An attempt's questions as the learner sees them (the page's form and the start API alike):
 * the public view, in the drawn order, options under the ids drawn for this attempt. Questions
 * no longer in the quiz are left out.
 */
export function shownQuestions(attempt: QuizAttempt, quiz: Quiz, locale: ContentLocale): PublicQuestion[] {
  const byId = questionsById(quiz);
  return parseDrawn(attempt).flatMap((q) => {
    const question = byId.get(q.questionId);
    return question ? [publicQuestion(question, q, locale)] : [];
  });
}

export type StartRefusal =
  | { ok: false; code: "not_found" }
  | { ok: false; code: "locked" }
  | { ok: false; code: "already_passed" }
  | { ok: false; code: "limit_reached"; used: number; max: number }
  | { ok: false; code: "wait"; retryAt: Date };

export type StartResult = { ok: true; attempt: QuizAttempt; resumed: boolean } | StartRefusal;

/** An attempt still open: not submitted and, for a timed test, not past its time limit. */
export function isOpen(a: QuizAttempt, now: Date): boolean {
  return !a.submittedAt && (!a.expiresAt || a.expiresAt.getTime() + SUBMIT_GRACE_MS > now.getTime());
}

/**
 * Why this learner may not start the final test now, or null. Attempts that expired unsubmitted
 * count as used: otherwise abandoning an attempt would be a free retry.
 */
export function finalTestRefusal(ref: QuizRef, attempts: readonly QuizAttempt[], completedLessons: ReadonlySet<string>, now: Date): StartRefusal | null {
  const settings = ref.course.finalTest!;
  const lessons = publishedLessons(ref.course);
  if (ref.course.completion.forcedSequence && !lessons.every((l) => completedLessons.has(l.slug))) return { ok: false, code: "locked" };
  if (attempts.some((a) => a.passed)) return { ok: false, code: "already_passed" };
  if (attempts.length >= settings.maxAttempts) return { ok: false, code: "limit_reached", used: attempts.length, max: settings.maxAttempts };
  const last = attempts.at(-1);
  if (last && settings.waitMinutes > 0) {
    const ended = last.submittedAt ?? last.expiresAt ?? last.startedAt;
    const retryAt = new Date(ended.getTime() + settings.waitMinutes * 60_000);
    if (retryAt > now) return { ok: false, code: "wait", retryAt };
  }
  return null;
}

/**
 * Starts (or resumes) an attempt. The draw — which questions, in which order, with which
 * option order — is stored with the attempt, and grading later uses exactly that record.
 * Runs under the write lock so two simultaneous starts cannot both take the last attempt.
 */
export async function startAttempt(
  d: Engine,
  input: { userId: number; sessionId: string | null; courseSlug: string; quizId: string; now?: Date; rng?: () => number; contentRoot?: string },
): Promise<StartResult> {
  const ref = findQuiz(input.courseSlug, input.quizId, input.contentRoot);
  if (!ref || !await isEnrolled(d, input.userId, ref.course.slug)) return { ok: false, code: "not_found" };
  const now = input.now ?? new Date();
  if (ref.kind === "lesson-check") {
    const access = await checkLessonAccess(d, input.userId, ref.course.slug, ref.quiz.lesson!, input.contentRoot);
    if (access.status !== "ok") return { ok: false, code: access.status === "locked" ? "locked" : "not_found" };
  }
  return d.write(async (): Promise<StartResult> => {
    const attempts = await listAttempts(d, input.userId, ref.course.slug, ref.quiz.id);
    const open = attempts.find((a) => isOpen(a, now));
    if (open) return { ok: true, attempt: open, resumed: true };
    if (ref.kind === "final") {
      const refusal = finalTestRefusal(ref, attempts, await completedLessonSlugs(d, input.userId, ref.course.slug), now);
      if (refusal) return refusal;
    }
    const rng = input.rng ?? cryptoRandom;
    // An admin may grant a learner extra time on timed tests (audited when granted).
    const extraPercent = ref.kind === "final" ? await testTimeExtraPercent(d, input.userId) : 0;
    const drawn = ref.kind === "final" ? drawFinalTest(ref.quiz.questions, ref.course.finalTest!, rng) : lessonCheckDraw(ref.quiz, rng);
    const attempt = await insertAttempt(d, {
      userId: input.userId,
      courseSlug: ref.course.slug,
      quizId: ref.quiz.id,
      kind: ref.kind,
      attemptNumber: (attempts.at(-1)?.attemptNumber ?? 0) + 1,
      authSessionId: input.sessionId,
      quizContentHash: ref.quiz.contentHash,
      questions: JSON.stringify(drawn),
      startedAt: now,
      expiresAt: ref.kind === "final" ? new Date(now.getTime() + timeLimitMs(ref.course.finalTest!.timeLimitMinutes, extraPercent)) : null,
      totalQuestions: drawn.length,
      cycle: await currentCycle(d, input.userId, ref.course.slug),
    });
    await appendAuditEvent(d, {
      type: "attempt.start",
      actorUserId: input.userId,
      sessionId: input.sessionId,
      subject: `attempt:${attempt.id}`,
      data: { courseSlug: ref.course.slug, quizId: ref.quiz.id, attemptNumber: attempt.attemptNumber, questions: drawn.length, ...(extraPercent ? { timeExtraPercent: extraPercent } : {}) },
      at: now,
    });
    return { ok: true, attempt, resumed: false };
  });
}

/** A timed test's limit with a learner's extra time (a percentage of it), to the second. */
export function timeLimitMs(limitMinutes: number, extraPercent: number): number {
  return Math.round((limitMinutes * 60_000 * (100 + Math.max(0, extraPercent))) / 100 / 1000) * 1000;
}

/**
 * Checks and grades answers (in authored ids) against an attempt's draw with its quiz's rules,
 * recording nothing: what `submitAttempt` records, and what the answering-strategy test plays.
 */
export function gradeSubmission(
  ref: QuizRef,
  drawn: readonly DrawnQuestion[],
  answers: unknown,
): { ok: true; answers: Record<string, string[]>; graded: GradeResult } | { ok: false; errors: AnswerError[] } {
  const checked = validateAnswers(drawn, questionsById(ref.quiz), answers);
  if (!checked.ok) return checked;
  const graded = gradeAttempt(drawn, questionsById(ref.quiz), checked.answers, {
    partialCredit: ref.kind === "final" ? ref.course.finalTest!.partialCredit : false,
    passMark: ref.course.completion.passMark,
  });
  return { ok: true, answers: checked.answers, graded };
}

export type SubmitResult =
  | { ok: true; attempt: QuizAttempt }
  | { ok: false; code: "not_found" | "already_submitted" | "expired" | "over_limit" | "content_changed" }
  | { ok: false; code: "invalid"; errors: AnswerError[] };

/**
 * Grades and records a submission. Refusals record nothing: someone else's attempt (answered
 * as not found, so attempts cannot be probed), one already submitted (also the loser of two
 * simultaneous submits), one past its time limit, answers that do not fit the attempt.
 *
 * `answers` name options by the ids the learner was shown (lib/quiz/option-keys.ts), mapped
 * back here; only the app's own seeds and tests, which hold the content, pass
 * `answersAs: "authored"`. What is stored and graded is always the authored ids.
 */
export async function submitAttempt(
  d: Engine,
  input: { userId: number; attemptId: number; answers: unknown; answersAs?: "shown" | "authored"; sessionId?: string | null; now?: Date; contentRoot?: string },
): Promise<SubmitResult> {
  const now = input.now ?? new Date();
  return d.write(async (): Promise<SubmitResult> => {
    const attempt = await getAttempt(d, input.attemptId);
    if (!attempt || attempt.userId !== input.userId) return { ok: false, code: "not_found" };
    if (attempt.submittedAt) return { ok: false, code: "already_submitted" };
    if (!isOpen(attempt, now)) return { ok: false, code: "expired" };
    const ref = findQuiz(attempt.courseSlug, attempt.quizId, input.contentRoot);
    if (!ref) return { ok: false, code: "content_changed" };
    if (ref.kind === "final" && attempt.attemptNumber > ref.course.finalTest!.maxAttempts) return { ok: false, code: "over_limit" };
    const drawn = parseDrawn(attempt);
    const byId = questionsById(ref.quiz);
    if (drawn.some((q) => !byId.has(q.questionId))) return { ok: false, code: "content_changed" };
    const result = gradeSubmission(ref, drawn, input.answersAs === "authored" ? input.answers : authoredAnswers(drawn, input.answers));
    if (!result.ok) return { ok: false, code: "invalid", errors: result.errors };
    const { answers, graded } = result;
    const submission = {
      // Stored to the second (a timestamp column): the returned record says what the row holds.
      submittedAt: new Date(Math.floor(now.getTime() / 1000) * 1000),
      answers: JSON.stringify(answers),
      scorePercent: graded.scorePercent,
      correctCount: graded.correctCount,
      passed: graded.passed,
      results: JSON.stringify(graded.perQuestion),
    };
    const recorded = await recordSubmission(d, attempt.id, submission);
    if (!recorded) return { ok: false, code: "already_submitted" };
    await appendAuditEvent(d, {
      type: "attempt.submit",
      actorUserId: input.userId,
      sessionId: input.sessionId ?? null,
      subject: `attempt:${attempt.id}`,
      data: { scorePercent: graded.scorePercent, passed: graded.passed, correctCount: graded.correctCount, total: graded.total },
      at: now,
    });
    if (ref.kind === "final" && graded.passed) {
      await completeCourseIfDue(d, { userId: input.userId, courseSlug: ref.course.slug, sessionId: input.sessionId, now, contentRoot: input.contentRoot });
    }
    return { ok: true, attempt: { ...attempt, ...submission } };
  });
}
