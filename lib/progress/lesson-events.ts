import "server-only";
import { writeTransaction, type AppDatabase } from "@/db/open";
import { startLearnerClock } from "@/db/queries/heartbeat";
import { recordLessonCompleted, recordLessonOpened } from "@/db/queries/progress";
import { appendAuditEvent } from "@/lib/audit/trail";
import { completeCourseIfDue } from "./complete-course";

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

/**
 * Records a lesson opened or completed, in one transaction: the progress row, the learner's
 * clock (opening starts it), the audit event, and — on completion — the course completion if
 * this was the last requirement. Access (enrolment, sequence) is the caller's to check.
 * @returns whether anything new was recorded (completing twice records nothing).
 */
export function recordLessonEvent(d: AppDatabase, e: LessonEvent): boolean {
  const now = e.now ?? new Date();
  const entry = { userId: e.userId, courseSlug: e.courseSlug, lessonSlug: e.lessonSlug, contentHash: e.contentHash, now };
  const subject = `lesson:${e.courseSlug}/${e.lessonSlug}`;
  const data = { contentHash: e.contentHash, locale: e.locale };
  return writeTransaction(d, () => {
    if (e.action === "open") {
      recordLessonOpened(d, entry);
      startLearnerClock(d, e.userId, now.getTime());
      appendAuditEvent(d, { type: "lesson.open", actorUserId: e.userId, sessionId: e.sessionId, subject, data, at: now });
      return true;
    }
    if (!recordLessonCompleted(d, entry)) return false;
    appendAuditEvent(d, { type: "lesson.complete", actorUserId: e.userId, sessionId: e.sessionId, subject, data, at: now });
    completeCourseIfDue(d, { userId: e.userId, courseSlug: e.courseSlug, sessionId: e.sessionId, now });
    return true;
  });
}
