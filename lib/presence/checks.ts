import "server-only";
import { randomInt } from "node:crypto";
import type { Engine } from "@/db/engine/types";
import { setLearnerClock } from "@/db/queries/heartbeat";
import {
  activeSecondsSinceLastCheck,
  anyPlanAsksPresence,
  answerPresenceCheck,
  getPresenceCheck,
  insertPresenceCheck,
  pendingPresenceCheck,
  planPresenceSeconds,
  type PresenceCheckRow,
} from "@/db/queries/presence";
import { currentCycleInfo } from "@/db/queries/cycles";
import { appendAuditEvent } from "@/lib/audit/trail";
import { sessionIdleMinutes } from "@/lib/auth/session-idle";
import { isRightAnswer, makeQuestion, PresenceQuestionSchema, shouldAsk, type Random } from "./rules";

/**
 * Presence checks on the server: whether a learner is subject to them, asking (from a
 * heartbeat), refusing credit while a question waits, recording the answer. Each question and
 * answer is also an audit event, so the rows cannot be rewritten without breaking the hash chain.
 *
 * The clock: while a question is open the heartbeat credits nothing (lib/progress/heartbeat.ts),
 * and a right answer restarts the learner's clock at the answer, so the time the question stood
 * open never becomes active time, whatever the browser does.
 */

/** What the browser is sent: the sum to compute and the options, never which one is right. */
export type PublicPresenceCheck = { id: number; a: number; b: number; options: number[] };

/** Whom a learner's checks in a course are asked for: the plan of their current cycle, when it asks. */
export type PresenceSubject = { planId: number; cycle: number; meanSeconds: number };

const cryptoRandom: Random = () => randomInt(0, 2 ** 32) / 2 ** 32;

function publicView(row: PresenceCheckRow): PublicPresenceCheck {
  const q = PresenceQuestionSchema.parse(JSON.parse(row.question));
  return { id: row.id, a: q.a, b: q.b, options: q.options };
}

/** The plan (and its setting) that subjects the learner to presence checks in this course, or null: off. */
export async function presenceSubject(d: Engine, userId: number, courseSlug: string): Promise<PresenceSubject | null> {
  // On every heartbeat: the learner's plan costs a few lookups (~30 µs), one check of all plans ~2 µs.
  if (!await anyPlanAsksPresence(d)) return null;
  const cycle = await currentCycleInfo(d, userId, courseSlug);
  if (cycle.planId === null) return null;
  const meanSeconds = await planPresenceSeconds(d, cycle.planId);
  return meanSeconds && meanSeconds > 0 ? { planId: cycle.planId, cycle: cycle.cycle, meanSeconds } : null;
}

/** The learner's open question, if any: from this session, or from another of theirs still alive. */
export async function openPresenceCheck(d: Engine, userId: number, sessionId: string | null, nowMs = Date.now()): Promise<PublicPresenceCheck | null> {
  const liveSince = Math.floor(nowMs / 1000) - sessionIdleMinutes() * 60;
  const row = await pendingPresenceCheck(d, userId, sessionId, liveSince);
  return row ? publicView(row) : null;
}

type Asking = { userId: number; sessionId: string | null; courseSlug: string; lessonSlug: string; nowMs: number; random: Random };

async function ask(d: Engine, subject: Pick<PresenceSubject, "planId" | "cycle">, h: Asking): Promise<PublicPresenceCheck> {
  const question = makeQuestion(h.random);
  const id = await insertPresenceCheck(d, {
    userId: h.userId,
    sessionId: h.sessionId,
    planId: subject.planId,
    courseSlug: h.courseSlug,
    lessonSlug: h.lessonSlug,
    cycle: subject.cycle,
    question: JSON.stringify(question),
    askedAtMs: h.nowMs,
  });
  await appendAuditEvent(d, {
    type: "presence.ask",
    actorUserId: h.userId,
    sessionId: h.sessionId,
    subject: `presence:${h.courseSlug}/${h.lessonSlug}`,
    data: { check: id, plan: subject.planId, askedAtMs: h.nowMs },
    at: new Date(h.nowMs),
  });
  return { id, ...question };
}

/**
 * After a heartbeat credited `creditedSeconds`: asks a question when one is due (rules.ts).
 * Call inside the heartbeat's transaction.
 */
export async function askIfDue(d: Engine, subject: PresenceSubject, h: Omit<Asking, "random"> & { creditedSeconds: number; random?: Random }): Promise<PublicPresenceCheck | null> {
  if (h.creditedSeconds <= 0) return null;
  const random = h.random ?? cryptoRandom;
  const activeSinceSeconds = await activeSecondsSinceLastCheck(d, h.userId, h.sessionId);
  if (!shouldAsk({ meanSeconds: subject.meanSeconds, activeSinceSeconds, creditedSeconds: h.creditedSeconds, random })) return null;
  return ask(d, subject, { ...h, random });
}

export type AnswerOutcome =
  | { ok: true; correct: boolean; delaySeconds: number; next: PublicPresenceCheck | null }
  | { ok: false; code: "not_found" | "already_answered" };

/**
 * Records the learner's answer and how long it took. A wrong answer asks a new question at
 * once (the clock stays stopped); a right one restarts the clock from now. Another learner's
 * check is not found, like an unknown one.
 */
export async function answerCheck(
  d: Engine,
  a: { userId: number; sessionId: string | null; id: number; answer: number; nowMs?: number; random?: Random },
): Promise<AnswerOutcome> {
  const nowMs = a.nowMs ?? Date.now();
  return d.write(async (tx): Promise<AnswerOutcome> => {
    // The learner's heartbeats ask and read questions under this lock too (lib/progress/heartbeat.ts).
    await tx.lockKey({ name: "learner", key: a.userId });
    const row = await getPresenceCheck(d, a.id, a.userId);
    if (!row) return { ok: false, code: "not_found" };
    if (row.answeredAtMs !== null) return { ok: false, code: "already_answered" };
    const question = PresenceQuestionSchema.parse(JSON.parse(row.question));
    const correct = isRightAnswer(question, a.answer);
    const answeredAtMs = Math.max(nowMs, row.askedAtMs);
    if (!await answerPresenceCheck(d, a.id, { answeredAtMs, answer: a.answer, correct })) return { ok: false, code: "already_answered" };
    const delaySeconds = Math.round((answeredAtMs - row.askedAtMs) / 100) / 10;
    await appendAuditEvent(d, {
      type: "presence.answer",
      actorUserId: a.userId,
      sessionId: a.sessionId,
      subject: `presence:${row.courseSlug}/${row.lessonSlug}`,
      data: { check: a.id, correct, delayMs: answeredAtMs - row.askedAtMs },
      at: new Date(answeredAtMs),
    });
    if (!correct) {
      const next = await ask(d, { planId: row.planId, cycle: row.cycle }, { userId: a.userId, sessionId: a.sessionId, courseSlug: row.courseSlug, lessonSlug: row.lessonSlug, nowMs: answeredAtMs, random: a.random ?? cryptoRandom });
      return { ok: true, correct, delaySeconds, next };
    }
    await setLearnerClock(d, a.userId, answeredAtMs);
    return { ok: true, correct, delaySeconds, next: null };
  });
}
