import "server-only";
import type { Engine } from "@/db/engine/types";
import { creditLessonTime, getLearnerClock, setLearnerClock } from "@/db/queries/heartbeat";
import { askIfDue, openPresenceCheck, presenceSubject, type PublicPresenceCheck } from "@/lib/presence/checks";
import { attendancePending, completeCourseIfDue } from "./complete-course";
import { creditHeartbeat } from "./time-credit";

export type Heartbeat = { userId: number; sessionId: string | null; courseSlug: string; lessonSlug: string; nowMs?: number };

export type HeartbeatOutcome = { ok: true; creditedSeconds: number } | { ok: false; code: "not_opened" };

/**
 * The heartbeat write path (the hottest in the app): prepared statements in one transaction.
 * The credit comes from the server's clock only (`creditHeartbeat`). A heartbeat for a lesson
 * the learner never opened (through the progress API, which checks access) credits nothing.
 */
export async function recordHeartbeat(d: Engine, h: Heartbeat): Promise<HeartbeatOutcome> {
  const nowMs = h.nowMs ?? Date.now();
  return d.write(() => creditInTransaction(d, h, nowMs), learnersOwnLock(h.userId));
}

/**
 * A heartbeat serialises on its learner only (db/engine/locks.ts): two processes never credit
 * one interval twice, and other learners' heartbeats do not wait for it. What it may write
 * beyond the learner's own rows keeps its own guarantees: the completion and the certificate
 * once (unique index), the audit chain in one order (its lock).
 */
function learnersOwnLock(userId: number) {
  return { serialiseOn: { name: "learner", key: userId } } as const;
}

/** The heartbeat's credit, inside the caller's transaction (not a savepoint of its own: two round trips on PostgreSQL). */
async function creditInTransaction(d: Engine, h: Heartbeat, nowMs: number): Promise<HeartbeatOutcome> {
  const last = await getLearnerClock(d, h.userId);
  const { creditSeconds, nextState } = creditHeartbeat({ lastCreditedAt: last }, nowMs);
  const credited = await creditLessonTime(d, { ...h, nowSeconds: Math.floor(nowMs / 1000), creditSeconds });
  if (!credited) return { ok: false, code: "not_opened" };
  if (nextState.lastCreditedAt !== last && nextState.lastCreditedAt !== null) await setLearnerClock(d, h.userId, nextState.lastCreditedAt);
  return { ok: true, creditedSeconds: creditSeconds };
}

/**
 * Opening a lesson starts the learner's clock: the first heartbeat 30 s later is then worth
 * 30 s. Resetting can only lose credit, never add it, so repeated openings gain nothing.
 */
export async function startLearnerClock(d: Engine, userId: number, nowMs = Date.now()): Promise<void> {
  // One statement; the lesson's opening (lib/progress/lesson-events.ts) holds the learner's lock around it.
  await setLearnerClock(d, userId, nowMs);
}

export type LearnerHeartbeatOutcome = HeartbeatOutcome & { presenceCheck?: PublicPresenceCheck };

/**
 * A learner's heartbeat on a lesson: the credit the server's clock allows, recorded with the
 * session it came in, and — when reaching the attendance threshold was the last requirement —
 * the course completion, in the same transaction as the credit.
 *
 * When the learner's plan asks for presence checks (lib/presence): while a question waits for
 * its answer the heartbeat credits nothing (the lesson must still have been opened) and carries
 * the question again; otherwise it may ask one.
 */
export async function recordLearnerHeartbeat(d: Engine, h: Heartbeat & { random?: () => number }): Promise<LearnerHeartbeatOutcome> {
  const nowMs = h.nowMs ?? Date.now();
  return d.write(async (): Promise<LearnerHeartbeatOutcome> => {
    const presence = await presenceSubject(d, h.userId, h.courseSlug);
    if (presence) {
      const open = await openPresenceCheck(d, h.userId, h.sessionId, nowMs);
      if (open) {
        // The timer stops: nothing credited, the clock stays where the question found it.
        if (!await creditLessonTime(d, { ...h, nowSeconds: Math.floor(nowMs / 1000), creditSeconds: 0 })) return { ok: false, code: "not_opened" };
        return { ok: true, creditedSeconds: 0, presenceCheck: open };
      }
    }
    const r = await creditInTransaction(d, h, nowMs);
    if (r.ok && r.creditedSeconds > 0 && attendancePending(h.userId, h.courseSlug, nowMs)) {
      await completeCourseIfDue(d, { userId: h.userId, courseSlug: h.courseSlug, sessionId: h.sessionId, now: h.nowMs === undefined ? undefined : new Date(h.nowMs) });
    }
    if (!r.ok || !presence) return r;
    const asked = await askIfDue(d, presence, { ...h, nowMs, creditedSeconds: r.creditedSeconds });
    return asked ? { ...r, presenceCheck: asked } : r;
  }, learnersOwnLock(h.userId));
}
