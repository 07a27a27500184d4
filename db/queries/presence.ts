import "server-only";
import type { Engine } from "../engine/types";
import { jsonArrayValues } from "../engine/dialect-sql";

/** Statements behind the presence checks (lib/presence). */

export type PresenceCheckRow = {
  id: number;
  userId: number;
  authSessionId: string | null;
  planId: number;
  courseSlug: string;
  lessonSlug: string;
  cycle: number;
  question: string;
  askedAtMs: number;
  answeredAtMs: number | null;
  answer: number | null;
  correct: number | null;
};

const COLUMNS = `pc.id, pc.user_id AS "userId", pc.auth_session_id AS "authSessionId", pc.plan_id AS "planId", pc.course_slug AS "courseSlug",
  pc.lesson_slug AS "lessonSlug", pc.cycle, pc.question, pc.asked_at_ms AS "askedAtMs", pc.answered_at_ms AS "answeredAtMs", pc.answer, pc.correct`;

const ANY_PLAN_ASKS = 'SELECT EXISTS (SELECT 1 FROM funding_plans WHERE presence_check_seconds IS NOT NULL) AS "on"';
const PLAN_SETTING = "SELECT presence_check_seconds AS seconds FROM funding_plans WHERE id = ?";
// The open question of the learner: one asked in this session, or in another of their sessions
// still alive (not ended, seen since `liveSince`). A dead session's question stays unanswered.
const PENDING = `SELECT ${COLUMNS} FROM presence_checks pc LEFT JOIN auth_sessions s ON s.id = pc.auth_session_id
  WHERE pc.user_id = @user AND pc.answered_at_ms IS NULL
    AND (pc.auth_session_id IS NOT DISTINCT FROM @session OR (s.ended_at IS NULL AND s.last_seen_at >= @liveSince))
  ORDER BY pc.id DESC LIMIT 1`;
// Since the later of the last question (answered, else asked; in ms, rounded up to whole seconds
// as heartbeats are stamped) and this sign-in: one statement, as it runs on every heartbeat.
const ACTIVE_SINCE = `SELECT coalesce(sum(credited_seconds), 0) AS s FROM heartbeats
  WHERE user_id = @user
    AND received_at >= coalesce((SELECT (max(coalesce(answered_at_ms, asked_at_ms)) + 999) / 1000 FROM presence_checks WHERE user_id = @user), 0)
    AND received_at >= coalesce((SELECT login_at FROM auth_sessions WHERE id = @session), 0)`;
const INSERT = `INSERT INTO presence_checks (user_id, auth_session_id, plan_id, course_slug, lesson_slug, cycle, question, asked_at_ms)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`;
const GET = `SELECT ${COLUMNS} FROM presence_checks pc WHERE pc.id = ? AND pc.user_id = ?`;
const ANSWER = "UPDATE presence_checks SET answered_at_ms = ?, answer = ?, correct = ? WHERE id = ? AND answered_at_ms IS NULL";

/** Whether any plan asks for presence checks: when none does (most installations), the heartbeat looks no further. */
export async function anyPlanAsksPresence(d: Engine): Promise<boolean> {
  return (await d.get<{ on: number }>(ANY_PLAN_ASKS))!.on === 1;
}

/** The plan's average seconds between questions, or null when it asks for none. */
export async function planPresenceSeconds(d: Engine, planId: number): Promise<number | null> {
  return (await d.get<{ seconds: number | null }>(PLAN_SETTING, [planId]))?.seconds ?? null;
}

/** The learner's open question, if any (see the statement for which sessions count). */
export async function pendingPresenceCheck(d: Engine, userId: number, sessionId: string | null, liveSinceSeconds: number): Promise<PresenceCheckRow | undefined> {
  return d.get<PresenceCheckRow>(PENDING, { user: userId, session: sessionId, liveSince: liveSinceSeconds });
}

/**
 * Active seconds credited to the learner since the last question was answered (or asked), or
 * since this sign-in when later: the time the next question is measured from.
 */
export async function activeSecondsSinceLastCheck(d: Engine, userId: number, sessionId: string | null): Promise<number> {
  return (await d.get<{ s: number }>(ACTIVE_SINCE, { user: userId, session: sessionId }))!.s;
}

export async function insertPresenceCheck(
  d: Engine,
  c: { userId: number; sessionId: string | null; planId: number; courseSlug: string; lessonSlug: string; cycle: number; question: string; askedAtMs: number },
): Promise<number> {
  return (await d.get<{ id: number }>(INSERT, [c.userId, c.sessionId, c.planId, c.courseSlug, c.lessonSlug, c.cycle, c.question, c.askedAtMs]))!.id;
}

/** A check of this learner (another learner's is not found). */
export async function getPresenceCheck(d: Engine, id: number, userId: number): Promise<PresenceCheckRow | undefined> {
  return d.get<PresenceCheckRow>(GET, [id, userId]);
}

/** Records the answer once; false when it was already answered. */
export async function answerPresenceCheck(d: Engine, id: number, a: { answeredAtMs: number; answer: number; correct: boolean }): Promise<boolean> {
  return (await d.run(ANSWER, [a.answeredAtMs, a.answer, a.correct ? 1 : 0, id])).changes === 1;
}

/** The checks a plan asked of these participants, per participant in the order asked (the register). */
export async function listPlanPresenceChecks(d: Engine, planId: number, userIds: readonly number[]): Promise<PresenceCheckRow[]> {
  if (!userIds.length) return [];
  return d.all<PresenceCheckRow>(
    `SELECT ${COLUMNS} FROM presence_checks pc
      WHERE pc.plan_id = ? AND pc.user_id IN ${jsonArrayValues(d, "?", "integer")}
      ORDER BY pc.user_id, pc.asked_at_ms, pc.id`,
    [planId, JSON.stringify(userIds)],
  );
}

/** Every check asked under a plan, per participant in the order asked (the dossier reads them all at once). */
export async function listPresenceChecksOfPlan(d: Engine, planId: number): Promise<PresenceCheckRow[]> {
  return d.all<PresenceCheckRow>(`SELECT ${COLUMNS} FROM presence_checks pc WHERE pc.plan_id = ? ORDER BY pc.user_id, pc.asked_at_ms, pc.id`, [planId]);
}
