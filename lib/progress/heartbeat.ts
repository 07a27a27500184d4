import "server-only";
import { writeTransaction, type AppDatabase } from "@/db/open";
import { recordHeartbeat, type HeartbeatOutcome } from "@/db/queries/heartbeat";
import { attendancePending, completeCourseIfDue } from "./complete-course";

/**
 * A learner's heartbeat on a lesson: the credit the server's clock allows, recorded with the
 * session it came in, and — when reaching the attendance threshold was the last requirement —
 * the course completion, in the same transaction as the credit.
 */
export function recordLearnerHeartbeat(
  d: AppDatabase,
  h: { userId: number; sessionId: string | null; courseSlug: string; lessonSlug: string; nowMs?: number },
): HeartbeatOutcome {
  return writeTransaction(d, () => {
    const r = recordHeartbeat(d, h);
    if (r.ok && r.creditedSeconds > 0 && attendancePending(h.userId, h.courseSlug)) {
      completeCourseIfDue(d, { userId: h.userId, courseSlug: h.courseSlug, sessionId: h.sessionId, now: h.nowMs === undefined ? undefined : new Date(h.nowMs) });
    }
    return r;
  });
}
