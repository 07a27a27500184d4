import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { orm } from "../engine/orm";
import type { Engine } from "../engine/types";
import { authSessions, loginAttempts } from "../schema";
import { SQL_NEWLINE } from "./sql-newline";

export async function createAuthSession(
  d: Engine,
  s: { id: string; userId: number; ip: string | null; userAgent: string | null; now?: Date },
): Promise<void> {
  const now = s.now ?? new Date();
  await orm(d)
    .insert(authSessions)
    .values({ id: s.id, userId: s.userId, loginAt: now, lastSeenAt: now, ip: s.ip, userAgent: s.userAgent?.slice(0, 512) ?? null })
    .run();
}

/** Ends an open session; returns the user it belonged to, or null when it was not open. */
export async function endAuthSession(d: Engine, id: string, reason: "sign-out" | "expired", now = new Date()): Promise<number | null> {
  const row = await orm(d)
    .update(authSessions)
    .set({ endedAt: now, endReason: reason, lastSeenAt: now })
    .where(and(eq(authSessions.id, id), isNull(authSessions.endedAt)))
    .returning({ userId: authSessions.userId })
    .get();
  return row?.userId ?? null;
}

/** What the session check reads: the user behind an open session, with roles and the privacy version. */
export type SessionRow = {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  locale: "it" | "en";
  active: number;
  /** The company the person belongs to (null: the installation's first). */
  company_id: number | null;
  /** Comma-separated role names. */
  roles: string | null;
  /** One line per role that has not expired: role|company|department|plan|courses (`parseGrants`). */
  grants: string | null;
  /** The company a provider admin switched to in this session. */
  session_company_id: number | null;
  /** The installation's first company, or null when there is none yet. */
  first_company_id: number | null;
  privacy_version: string | null;
  /** Unix seconds. */
  last_seen_at: number;
};

/** A grant still in force at `@now` (an inspector's expires; other roles do not). */
const LIVE_GRANT = "(r.expires_at IS NULL OR r.expires_at > @now)";

/**
 * The person may still sign in and keep a session: some grant is in force, or they have none
 * at all (as before grants could expire). Someone whose only grants expired is shut out.
 */
export const HAS_LIVE_GRANT = (user: string) =>
  `(EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = ${user} AND ${LIVE_GRANT}) OR NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = ${user}))`;

const LIVE_SESSION_SQL = `SELECT u.id, u.email, u.first_name, u.last_name, u.locale, u.active, u.company_id, s.last_seen_at,
              (SELECT string_agg(role, ',') FROM user_roles r WHERE r.user_id = u.id AND ${LIVE_GRANT}) AS roles,
              (SELECT string_agg(role || '|' || coalesce(CAST(company_id AS TEXT), '') || '|' || coalesce(CAST(department_id AS TEXT), '') || '|' || coalesce(CAST(plan_id AS TEXT), '') || '|' || coalesce(course_slugs, ''), ${SQL_NEWLINE})
                 FROM user_roles r WHERE r.user_id = u.id AND ${LIVE_GRANT}) AS grants,
              s.company_id AS session_company_id,
              (SELECT min(id) FROM companies) AS first_company_id,
              (SELECT notice_version FROM privacy_acknowledgements p WHERE p.user_id = u.id ORDER BY p.id DESC LIMIT 1) AS privacy_version
         FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = @sid AND s.user_id = @uid AND s.ended_at IS NULL AND s.last_seen_at >= @seen AND s.login_at >= @signed AND u.active
          AND ${HAS_LIVE_GRANT("u.id")}`;

// The condition makes concurrent touches of one session cheap no-ops after the first.
const TOUCH_SQL = "UPDATE auth_sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ? AND ended_at IS NULL";

/**
 * The hot path of every authenticated request: one prepared statement that returns the user
 * only while the user is active and the sign-in session is open, seen since `seenSince` and
 * signed in since `signedInSince` (Unix seconds), and while some grant of theirs is in force at
 * `now` (an expired inspector's session ends at the next request). A session past any of these
 * is refused without being written to: its end is inferred.
 */
export async function findLiveSession(d: Engine, sessionId: string, userId: number, since: { seenSince: number; signedInSince: number; now: number }): Promise<SessionRow | undefined> {
  return d.get<SessionRow>(LIVE_SESSION_SQL, { sid: sessionId, uid: userId, seen: since.seenSince, signed: since.signedInSince, now: since.now });
}

/** May this person sign in now? False when every grant they have has expired (an inspector past `expires_at`). */
export async function hasLiveGrant(d: Engine, userId: number, now: Date): Promise<boolean> {
  const row = await d.get<{ ok: number }>(`SELECT ${HAS_LIVE_GRANT("@uid")} AS ok`, { uid: userId, now: Math.floor(now.getTime() / 1000) });
  return row?.ok === 1;
}

/** Sets an open session's `last_seen_at` to `nowSeconds` when it is older than `staleBefore`. @returns true when a row was written. */
export async function touchAuthSession(d: Engine, sessionId: string, nowSeconds: number, staleBefore: number): Promise<boolean> {
  return (await d.run(TOUCH_SQL, [nowSeconds, sessionId, staleBefore])).changes > 0;
}

/** Records the company a provider admin works in for the rest of this session (the switcher). */
export async function setSessionCompany(d: Engine, sessionId: string, companyId: number): Promise<boolean> {
  return (await d.run("UPDATE auth_sessions SET company_id = ? WHERE id = ? AND ended_at IS NULL", [companyId, sessionId])).changes === 1;
}

/** Records one sign-in attempt. @returns its row id. */
export async function recordLoginAttempt(d: Engine, a: { email: string; ip: string; outcome: "success" | "failure" | "blocked"; now?: Date }): Promise<number> {
  const row = await orm(d)
    .insert(loginAttempts)
    .values({ email: a.email, ip: a.ip, outcome: a.outcome, attemptedAt: a.now ?? new Date() })
    .returning({ id: loginAttempts.id })
    .get();
  return row!.id;
}

/** Deletes attempts with an id up to `upToId`, and any older than `before`. */
export async function pruneLoginAttempts(d: Engine, upToId: number, before: Date): Promise<void> {
  await d.run("DELETE FROM login_attempts WHERE id <= ? OR attempted_at < ?", [upToId, Math.floor(before.getTime() / 1000)]);
}

export type FailureCount = { count: number; latest: Date | null };

type FailureRow = { n: number; latest: number | null };

/**
 * Failed attempts since `since`: for this e-mail from this address, for this e-mail from
 * anywhere, and from this address on any e-mail — each with the time of the latest one.
 */
export async function countFailures(d: Engine, email: string, ip: string, since: Date): Promise<{ accountFromSource: FailureCount; account: FailureCount; source: FailureCount }> {
  const sec = Math.floor(since.getTime() / 1000);
  const count = (r: FailureRow | undefined): FailureCount => ({ count: r?.n ?? 0, latest: r?.latest ? new Date(r.latest * 1000) : null });
  const both = await d.get<FailureRow>(
    "SELECT count(*) AS n, max(attempted_at) AS latest FROM login_attempts WHERE email = ? AND ip = ? AND outcome = 'failure' AND attempted_at >= ?",
    [email, ip, sec],
  );
  const byEmail = await d.get<FailureRow>("SELECT count(*) AS n, max(attempted_at) AS latest FROM login_attempts WHERE email = ? AND outcome = 'failure' AND attempted_at >= ?", [email, sec]);
  const byIp = await d.get<FailureRow>("SELECT count(*) AS n, max(attempted_at) AS latest FROM login_attempts WHERE ip = ? AND outcome = 'failure' AND attempted_at >= ?", [ip, sec]);
  return { accountFromSource: count(both), account: count(byEmail), source: count(byIp) };
}
