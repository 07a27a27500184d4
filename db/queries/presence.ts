import "server-only";
import type Database from "better-sqlite3";
import type { AppDatabase } from "../open";
import { preparedStatements } from "../prepared";

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

const COLUMNS = `pc.id, pc.user_id AS userId, pc.auth_session_id AS authSessionId, pc.plan_id AS planId, pc.course_slug AS courseSlug,
  pc.lesson_slug AS lessonSlug, pc.cycle, pc.question, pc.asked_at_ms AS askedAtMs, pc.answered_at_ms AS answeredAtMs, pc.answer, pc.correct`;

type Statements = {
  anyPlanAsks: Database.Statement<[], { on: number }>;
  planSetting: Database.Statement<[number], { seconds: number | null }>;
  pending: Database.Statement<[{ user: number; session: string | null; liveSince: number }], PresenceCheckRow>;
  lastAsked: Database.Statement<[number], { at: number | null }>;
  loginAt: Database.Statement<[string], { loginAt: number }>;
  activeSince: Database.Statement<[number, number], { s: number }>;
  insert: Database.Statement<[number, string | null, number, string, string, number, string, number]>;
  get: Database.Statement<[number, number], PresenceCheckRow>;
  answer: Database.Statement<[number, number, number, number]>;
};

function statements(d: AppDatabase): Statements {
  return preparedStatements(d, "presence", (db) => ({
    anyPlanAsks: db.prepare("SELECT EXISTS (SELECT 1 FROM funding_plans WHERE presence_check_seconds IS NOT NULL) AS \"on\""),
    planSetting: db.prepare("SELECT presence_check_seconds AS seconds FROM funding_plans WHERE id = ?"),
    // The open question of the learner: one asked in this session, or in another of their sessions
    // still alive (not ended, seen since `liveSince`). A dead session's question stays unanswered.
    pending: db.prepare(
      `SELECT ${COLUMNS} FROM presence_checks pc LEFT JOIN auth_sessions s ON s.id = pc.auth_session_id
        WHERE pc.user_id = @user AND pc.answered_at_ms IS NULL
          AND (pc.auth_session_id IS NOT DISTINCT FROM @session OR (s.ended_at IS NULL AND s.last_seen_at >= @liveSince))
        ORDER BY pc.id DESC LIMIT 1`,
    ),
    lastAsked: db.prepare("SELECT max(coalesce(answered_at_ms, asked_at_ms)) AS at FROM presence_checks WHERE user_id = ?"),
    loginAt: db.prepare("SELECT login_at AS loginAt FROM auth_sessions WHERE id = ?"),
    activeSince: db.prepare("SELECT coalesce(sum(credited_seconds), 0) AS s FROM heartbeats WHERE user_id = ? AND received_at >= ?"),
    insert: db.prepare(
      "INSERT INTO presence_checks (user_id, auth_session_id, plan_id, course_slug, lesson_slug, cycle, question, asked_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    get: db.prepare(`SELECT ${COLUMNS} FROM presence_checks pc WHERE pc.id = ? AND pc.user_id = ?`),
    answer: db.prepare("UPDATE presence_checks SET answered_at_ms = ?, answer = ?, correct = ? WHERE id = ? AND answered_at_ms IS NULL"),
  }));
}

/** Whether any plan asks for presence checks: when none does (most installations), the heartbeat looks no further. */
export function anyPlanAsksPresence(d: AppDatabase): boolean {
  return statements(d).anyPlanAsks.get()!.on === 1;
}

/** The plan's average seconds between questions, or null when it asks for none. */
export function planPresenceSeconds(d: AppDatabase, planId: number): number | null {
  return statements(d).planSetting.get(planId)?.seconds ?? null;
}

/** The learner's open question, if any (see the statement for which sessions count). */
export function pendingPresenceCheck(d: AppDatabase, userId: number, sessionId: string | null, liveSinceSeconds: number): PresenceCheckRow | undefined {
  return statements(d).pending.get({ user: userId, session: sessionId, liveSince: liveSinceSeconds });
}

/**
 * Active seconds credited to the learner since the last question was answered (or asked), or
 * since this sign-in when later: the time the next question is measured from.
 */
export function activeSecondsSinceLastCheck(d: AppDatabase, userId: number, sessionId: string | null): number {
  const s = statements(d);
  const lastMs = s.lastAsked.get(userId)?.at ?? 0;
  const login = sessionId ? (s.loginAt.get(sessionId)?.loginAt ?? 0) : 0;
  // Heartbeats are stamped in whole seconds: one in the second of the answer credited nothing (the clock restarted at the answer).
  const since = Math.max(Math.ceil(lastMs / 1000), login);
  return s.activeSince.get(userId, since)!.s;
}

export function insertPresenceCheck(
  d: AppDatabase,
  c: { userId: number; sessionId: string | null; planId: number; courseSlug: string; lessonSlug: string; cycle: number; question: string; askedAtMs: number },
): number {
  return Number(statements(d).insert.run(c.userId, c.sessionId, c.planId, c.courseSlug, c.lessonSlug, c.cycle, c.question, c.askedAtMs).lastInsertRowid);
}

/** A check of this learner (another learner's is not found). */
export function getPresenceCheck(d: AppDatabase, id: number, userId: number): PresenceCheckRow | undefined {
  return statements(d).get.get(id, userId);
}

/** Records the answer once; false when it was already answered. */
export function answerPresenceCheck(d: AppDatabase, id: number, a: { answeredAtMs: number; answer: number; correct: boolean }): boolean {
  return statements(d).answer.run(a.answeredAtMs, a.answer, a.correct ? 1 : 0, id).changes === 1;
}

/** The checks a plan asked of these participants, per participant in the order asked (the register). */
export function listPlanPresenceChecks(d: AppDatabase, planId: number, userIds: readonly number[]): PresenceCheckRow[] {
  if (!userIds.length) return [];
  return d.sqlite
    .prepare(
      `SELECT ${COLUMNS} FROM presence_checks pc
        WHERE pc.plan_id = ? AND pc.user_id IN (SELECT value FROM json_each(?))
        ORDER BY pc.user_id, pc.asked_at_ms, pc.id`,
    )
    .all(planId, JSON.stringify(userIds)) as PresenceCheckRow[];
}

/** Every check asked under a plan, per participant in the order asked (the dossier reads them all at once). */
export function listPresenceChecksOfPlan(d: AppDatabase, planId: number): PresenceCheckRow[] {
  return d.sqlite.prepare(`SELECT ${COLUMNS} FROM presence_checks pc WHERE pc.plan_id = ? ORDER BY pc.user_id, pc.asked_at_ms, pc.id`).all(planId) as PresenceCheckRow[];
}
