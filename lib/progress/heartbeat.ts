import "server-only";
import type { AppDatabase } from "@/db/open";
import { writeTransaction } from "@/db/transaction";
import { creditLessonTime, getLearnerClock, setLearnerClock } from "@/db/queries/heartbeat";
import { attendancePending, completeCourseIfDue } from "./complete-course";
import { creditHeartbeat } from "./time-credit";

export type Heartbeat = { userId: number; sessionId: string | null; courseSlug: string; lessonSlug: string; nowMs?: number };

export type HeartbeatOutcome = { ok: true; creditedSeconds: number } | { ok: false; code: "not_opened" };

/**
 * The heartbeat write path (the hottest in the app): prepared statements in one transaction.
 * The credit comes from the server's clock only (`creditHeartbeat`). A heartbeat for a lesson
 * the learner never opened (through the progress API, which checks access) credits nothing.
 */
export function recordHeartbeat(d: AppDatabase, h: Heartbeat): HeartbeatOutcome {
  const nowMs = h.nowMs ?? Date.now();
  return writeTransaction(d, (): HeartbeatOutcome => {
    const last = getLearnerClock(d, h.userId);
    const { creditSeconds, nextState } = creditHeartbeat({ lastCreditedAt: last }, nowMs);
    const credited = creditLessonTime(d, { ...h, nowSeconds: Math.floor(nowMs / 1000), creditSeconds });
    if (!credited) return { ok: false, code: "not_opened" };
    if (nextState.lastCreditedAt !== last && nextState.lastCreditedAt !== null) setLearnerClock(d, h.userId, nextState.lastCreditedAt);
    return { ok: true, creditedSeconds: creditSeconds };
  });
}

/**
 * Opening a lesson starts the learner's clock: the first heartbeat 30 s later is then worth
 * 30 s. Resetting can only lose credit, never add it, so repeated openings gain nothing.
 */
export function startLearnerClock(d: AppDatabase, userId: number, nowMs = Date.now()): void {
  setLearnerClock(d, userId, nowMs);
}

/**
 * A learner's heartbeat on a lesson: the credit the server's clock allows, recorded with the
 * session it came in, and — when reaching the attendance threshold was the last requirement —
 * the course completion, in the same transaction as the credit.
 */
export function recordLearnerHeartbeat(d: AppDatabase, h: Heartbeat): HeartbeatOutcome {
  return writeTransaction(d, () => {
    const r = recordHeartbeat(d, h);
    if (r.ok && r.creditedSeconds > 0 && attendancePending(h.userId, h.courseSlug)) {
      completeCourseIfDue(d, { userId: h.userId, courseSlug: h.courseSlug, sessionId: h.sessionId, now: h.nowMs === undefined ? undefined : new Date(h.nowMs) });
    }
    return r;
  });
}
