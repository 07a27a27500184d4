import "server-only";
import type Database from "better-sqlite3";
import type { Dialect, Engine } from "../engine/types";
import { escapeLike, iterateObjects, type SqlParams as Params } from "./read-connection";
import { inScopeSql, scopeParams, type DataScope } from "./scope";
import { iterateInWorker } from "../read-worker";
import { SQL_NEWLINE } from "./sql-newline";

/**
 * The access log: learners' sign-in sessions with what they did in each (lessons opened,
 * seconds credited, final-test attempts submitted). Exports stream with `iterateSessions` on
 * their own read-only connection (`openReadConnection` in `./read-connection.ts`).
 */

export type SessionsFilter = {
  /** The people whose sessions may be listed. */
  scope: DataScope;
  /** Only the people who take part in this plan (enrolled in it, or with a cycle or a completion in it). */
  planId?: number;
  /** Only sessions with activity in this course (lesson opened, heartbeat, quiz attempt). */
  courseSlug?: string;
  /** Login at or after this instant. */
  from?: Date;
  /** Login strictly before this instant. */
  before?: Date;
  userId?: number;
};

export type SessionDbRow = {
  id: string;
  userId: number;
  lastName: string;
  firstName: string;
  fiscalCode: string | null;
  email: string;
  department: string | null;
  loginAt: number;
  lastSeenAt: number;
  endedAt: number | null;
  endReason: "sign-out" | "deactivated" | "expired" | null;
  activeSeconds: number;
  /** Latest audit event of the session (lesson opened, attempt submitted…), Unix seconds. */
  lastEventAt: number | null;
  /** `course/lesson` keys of the lessons opened in the session, LF-separated. */
  lessonsOpened: string | null;
  /** `course/lesson=seconds` credited in the session from heartbeat detail, LF-separated. */
  lessonSeconds: string | null;
  /** `course|quiz|number|score|passed|submittedAt` of final-test attempts submitted in the session, LF-separated. */
  attempts: string | null;
};

/**
 * The access log: one row per sign-in of a learner. Lessons opened come from the audit trail
 * (`lesson.open` carries the session id) and from heartbeat detail (`heartbeats.auth_session_id`);
 * both lookups go through the per-user indexes, bounded below by the login time.
 */
function sessionsStatement(on: Dialect, filter: SessionsFilter): { sql: string; params: Params } {
  const params: Params = { ...scopeParams(filter.scope) };
  const clauses = ["EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = s.user_id AND r.role = 'learner')", inScopeSql(on, "u")];
  if (filter.planId !== undefined) {
    params.plan_id = filter.planId;
    clauses.push(`(EXISTS (SELECT 1 FROM effective_enrolments e WHERE e.user_id = s.user_id AND e.plan_id = @plan_id)
      OR EXISTS (SELECT 1 FROM enrolment_cycles c WHERE c.user_id = s.user_id AND c.plan_id = @plan_id)
      OR EXISTS (SELECT 1 FROM course_completions c WHERE c.user_id = s.user_id AND c.plan_id = @plan_id))`);
  }
  let aeCourse = "";
  let hbCourse = "";
  let qaCourse = "";
  if (filter.courseSlug) {
    params.course = filter.courseSlug;
    aeCourse = "AND ae.subject LIKE @subject_prefix ESCAPE '\\'";
    hbCourse = "AND h.course_slug = @course";
    qaCourse = "AND q.course_slug = @course";
    params.subject_prefix = `lesson:${escapeLike(filter.courseSlug)}/%`;
    clauses.push(`(
      EXISTS (SELECT 1 FROM audit_events ae WHERE ae.actor_user_id = s.user_id AND ae.at >= s.login_at AND ae.session_id = s.id AND ae.type = 'lesson.open' ${aeCourse})
      OR EXISTS (SELECT 1 FROM heartbeats h WHERE h.user_id = s.user_id AND h.received_at >= s.login_at AND h.auth_session_id = s.id ${hbCourse})
      OR EXISTS (SELECT 1 FROM quiz_attempts q WHERE q.user_id = s.user_id AND q.auth_session_id = s.id ${qaCourse}))`);
  }
  if (filter.from) {
    clauses.push("s.login_at >= @from");
    params.from = Math.floor(filter.from.getTime() / 1000);
  }
  if (filter.before) {
    clauses.push("s.login_at < @before");
    params.before = Math.floor(filter.before.getTime() / 1000);
  }
  if (filter.userId !== undefined) {
    clauses.push("s.user_id = @user_id");
    params.user_id = filter.userId;
  }
  const sql = `
    SELECT s.id, s.user_id AS "userId", u.last_name AS "lastName", u.first_name AS "firstName", u.fiscal_code AS "fiscalCode",
           u.email, u.department, s.login_at AS "loginAt", s.last_seen_at AS "lastSeenAt", s.ended_at AS "endedAt",
           s.end_reason AS "endReason", s.active_seconds AS "activeSeconds",
           (SELECT max(ae.at) FROM audit_events ae
             WHERE ae.actor_user_id = s.user_id AND ae.at >= s.login_at AND ae.session_id = s.id AND ae.type != 'auth.sign-out') AS "lastEventAt",
           (SELECT string_agg(k, ${SQL_NEWLINE} ORDER BY o) FROM (
              SELECT substr(ae.subject, 8) AS k, min(ae.id) AS o FROM audit_events ae
               WHERE ae.actor_user_id = s.user_id AND ae.at >= s.login_at AND ae.session_id = s.id AND ae.type = 'lesson.open' ${aeCourse}
               GROUP BY 1) opened) AS "lessonsOpened",
           (SELECT string_agg(k || '=' || v, ${SQL_NEWLINE} ORDER BY o) FROM (
              SELECT h.course_slug || '/' || h.lesson_slug AS k, sum(h.credited_seconds) AS v, min(h.id) AS o FROM heartbeats h
               WHERE h.user_id = s.user_id AND h.received_at >= s.login_at AND h.auth_session_id = s.id ${hbCourse}
               GROUP BY 1) credited) AS "lessonSeconds",
           (SELECT string_agg(q.course_slug || '|' || q.quiz_id || '|' || q.attempt_number || '|' || coalesce(CAST(q.score_percent AS TEXT), '') || '|'
                                || CASE WHEN q.passed THEN '1' WHEN NOT q.passed THEN '0' ELSE '' END || '|' || q.submitted_at, ${SQL_NEWLINE})
              FROM quiz_attempts q
             WHERE q.user_id = s.user_id AND q.auth_session_id = s.id AND q.kind = 'final' AND q.submitted_at IS NOT NULL ${qaCourse}) AS attempts
      FROM auth_sessions s JOIN users u ON u.id = s.user_id
     WHERE ${clauses.join(" AND ")}`;
  return { sql, params };
}

export function iterateSessions(conn: Database.Database, filter: SessionsFilter): IterableIterator<SessionDbRow> {
  const { sql, params } = sessionsStatement("sqlite", filter);
  return iterateObjects<SessionDbRow>(conn.prepare(`${sql} ORDER BY s.login_at, s.id`), params);
}

/** The same rows read on the worker thread, a batch at a time (the access-log export; db/read-worker.ts). */
export function streamSessions(d: Engine, filter: SessionsFilter): AsyncIterableIterator<SessionDbRow> {
  const { sql, params } = sessionsStatement(d.dialect, filter);
  return iterateInWorker<SessionDbRow>(d, `${sql} ORDER BY s.login_at, s.id`, params);
}

/** Sessions for a page (newest first). */
export async function listSessions(d: Engine, filter: SessionsFilter, limit = 200): Promise<SessionDbRow[]> {
  const { sql, params } = sessionsStatement(d.dialect, filter);
  return d.all<SessionDbRow>(`${sql} ORDER BY s.login_at DESC, s.id DESC LIMIT @limit`, { ...params, limit });
}

/** Every matching session, oldest first, in the caller's transaction if any (the dossier's few per participation). */
export async function listSessionsInOrder(d: Engine, filter: SessionsFilter): Promise<SessionDbRow[]> {
  const { sql, params } = sessionsStatement(d.dialect, filter);
  return d.all<SessionDbRow>(`${sql} ORDER BY s.login_at, s.id`, params);
}
