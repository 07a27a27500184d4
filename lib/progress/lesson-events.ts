import "server-only";
import type { Engine } from "@/db/engine/types";
import { startLearnerClock } from "./heartbeat";
import { getLessonProgress, recordLessonCompleted, recordLessonOpened } from "@/db/queries/progress";
import { appendAuditEvent } from "@/lib/audit/trail";
import { getLesson, getCourse, lessonVariant } from "@/lib/content/lookup";
import { completeCourseIfDue } from "./complete-course";
import { lessonCompletionCheck, requiredLessonSeconds, type LessonCompletionRefusal } from "./lesson-time";

export type LessonEvent = {
  userId: number;
  /** The access-log session the event happened in (null only for data written outside a request). */
  sessionId: string | null;
  courseSlug: string;
  lessonSlug: string;
  /** The version of the lesson file the learner reads (their language's, or the Italian fallback). */
  contentHash: string;
  locale: "it" | "en";
  action: "open" | "complete";
  now?: Date;
};

export type LessonEventOutcome = { ok: true; recorded: boolean } | LessonCompletionRefusal;

/**
 * Active seconds this lesson needs before it can be completed, in the learner's language (the
 * course's `completion.minLessonTimePercent` of the lesson's `duration`); 0 for a lesson the
 * catalog does not know.
 */
export function lessonRequiredSeconds(courseSlug: string, lessonSlug: string, locale: "it" | "en"): number {
  const course = getCourse(courseSlug);
  const lesson = getLesson(courseSlug, lessonSlug);
  if (!course || !lesson) return 0;
  return requiredLessonSeconds(lessonVariant(lesson, locale).variant.frontmatter.duration, course.completion.minLessonTimePercent);
}

/**
 * Records a lesson opened or completed, in one transaction: the progress row, the learner's
 * clock (opening starts it), the audit event, and — on completion — the course completion if
 * this was the last requirement. Access (enrolment, sequence) is the caller's to check.
 *
 * A completion is refused (nothing recorded) unless the lesson was opened in the same sign-in
 * session and has been credited the active time the course asks for (`lessonCompletionCheck`);
 * completing an already completed lesson records nothing and is not an error.
 */
export async function recordLessonEvent(d: Engine, e: LessonEvent): Promise<LessonEventOutcome> {
  const now = e.now ?? new Date();
  const entry = { userId: e.userId, courseSlug: e.courseSlug, lessonSlug: e.lessonSlug, contentHash: e.contentHash, now };
  const subject = `lesson:${e.courseSlug}/${e.lessonSlug}`;
  const data = { contentHash: e.contentHash, locale: e.locale };
  return d.write(async (tx): Promise<LessonEventOutcome> => {
    // Before any audit append: the learner's heartbeats take this lock, then the chain's.
    await tx.lockKey({ name: "learner", key: e.userId });
    if (e.action === "open") {
      await recordLessonOpened(d, { ...entry, sessionId: e.sessionId });
      await startLearnerClock(d, e.userId, now.getTime());
      await appendAuditEvent(d, { type: "lesson.open", actorUserId: e.userId, sessionId: e.sessionId, subject, data, at: now });
      return { ok: true, recorded: true };
    }
    const row = await getLessonProgress(d, e.userId, e.courseSlug, e.lessonSlug);
    if (row?.completedAt) return { ok: true, recorded: false };
    const check = lessonCompletionCheck({
      openedInSession: row !== undefined && row.lastOpenedSessionId === e.sessionId,
      lessonSeconds: row?.activeSeconds ?? 0,
      requiredSeconds: lessonRequiredSeconds(e.courseSlug, e.lessonSlug, e.locale),
    });
    if (!check.ok) return check;
    if (!await recordLessonCompleted(d, entry)) return { ok: true, recorded: false };
    await appendAuditEvent(d, { type: "lesson.complete", actorUserId: e.userId, sessionId: e.sessionId, subject, data, at: now });
    await completeCourseIfDue(d, { userId: e.userId, courseSlug: e.courseSlug, sessionId: e.sessionId, now });
    return { ok: true, recorded: true };
  });
}
