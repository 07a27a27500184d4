import "server-only";
import type Database from "better-sqlite3";
import { and, eq, isNull } from "drizzle-orm";
import type { AppDatabase } from "../open";
import { preparedStatement, preparedStatements } from "../prepared";
import { authSessions, loginAttempts } from "../schema";
import { SQL_NEWLINE } from "./sql-newline";

export function createAuthSession(
  d: AppDatabase,
  s: { id: string; userId: number; ip: string | null; userAgent: string | null; now?: Date },
): void {
  const now = s.now ?? new Date();
  d.orm
    .insert(authSessions)
    .values({ id: s.id, userId: s.userId, loginAt: now, lastSeenAt: now, ip: s.ip, userAgent: s.userAgent?.slice(0, 512) ?? null })
    .run();
}

/** Ends an open session; returns the user it belonged to, or null when it was not open. */
export function endAuthSession(d: AppDatabase, id: string, reason: "sign-out" | "expired", now = new Date()): number | null {
  const row = d.orm
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

type AuthStatements = {
  live: Database.Statement<{ sid: string; uid: number; seen: number; signed: number; now: number }, SessionRow>;
  touch: Database.Statement<[number, string, number]>;
};

function statements(d: AppDatabase): AuthStatements {
  return preparedStatements(d, "auth", (sqlite) => ({
    live: sqlite.prepare(
      `SELECT u.id, u.email, u.first_name, u.last_name, u.locale, u.active, u.company_id, s.last_seen_at,
              (SELECT string_agg(role, ',') FROM user_roles r WHERE r.user_id = u.id AND ${LIVE_GRANT}) AS roles,
              (SELECT string_agg(role || '|' || coalesce(CAST(company_id AS TEXT), '') || '|' || coalesce(CAST(department_id AS TEXT), '') || '|' || coalesce(CAST(plan_id AS TEXT), '') || '|' || coalesce(course_slugs, ''), ${SQL_NEWLINE})
                 FROM user_roles r WHERE r.user_id = u.id AND ${LIVE_GRANT}) AS grants,
              s.company_id AS session_company_id,
              (SELECT min(id) FROM companies) AS first_company_id,
              (SELECT notice_version FROM privacy_acknowledgements p WHERE p.user_id = u.id ORDER BY p.id DESC LIMIT 1) AS privacy_version
         FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = @sid AND s.user_id = @uid AND s.ended_at IS NULL AND s.last_seen_at >= @seen AND s.login_at >= @signed AND u.active
          AND ${HAS_LIVE_GRANT("u.id")}`,
    ),
    // The condition makes concurrent touches of one session cheap no-ops after the first.
    touch: sqlite.prepare("UPDATE auth_sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ? AND ended_at IS NULL"),
  }));
}

/**
 * The hot path of every authenticated request: one prepared statement that returns the user
 * only while the user is active and the sign-in session is open, seen since `seenSince` and
 * signed in since `signedInSince` (Unix seconds), and while some grant of theirs is in force at
 * `now` (an expired inspector's session ends at the next request). A session past any of these
 * is refused without being written to: its end is inferred.
 */
export function findLiveSession(d: AppDatabase, sessionId: string, userId: number, since: { seenSince: number; signedInSince: number; now: number }): SessionRow | undefined {
  return statements(d).live.get({ sid: sessionId, uid: userId, seen: since.seenSince, signed: since.signedInSince, now: since.now });
}

/** May this person sign in now? False when every grant they have has expired (an inspector past `expires_at`). */
export function hasLiveGrant(d: AppDatabase, userId: number, now: Date): boolean {
  const row = preparedStatement<Database.Statement<[{ uid: number; now: number }], { ok: number }>>(d, `SELECT ${HAS_LIVE_GRANT("@uid")} AS ok`).get({
    uid: userId,
    now: Math.floor(now.getTime() / 1000),
  });
  return row?.ok === 1;
}

/** Sets an open session's `last_seen_at` to `nowSeconds` when it is older than `staleBefore`. @returns true when a row was written. */
export function touchAuthSession(d: AppDatabase, sessionId: string, nowSeconds: number, staleBefore: number): boolean {
  return statements(d).touch.run(nowSeconds, sessionId, staleBefore).changes > 0;
}

/** Records the company a provider admin works in for the rest of this session (the switcher). */
export function setSessionCompany(d: AppDatabase, sessionId: string, companyId: number): boolean {
  return preparedStatement(d, "UPDATE auth_sessions SET company_id = ? WHERE id = ? AND ended_at IS NULL").run(companyId, sessionId).changes === 1;
}

/** Records one sign-in attempt. @returns its row id. */
export function recordLoginAttempt(d: AppDatabase, a: { email: string; ip: string; outcome: "success" | "failure" | "blocked"; now?: Date }): number {
  return d.orm
    .insert(loginAttempts)
    .values({ email: a.email, ip: a.ip, outcome: a.outcome, attemptedAt: a.now ?? new Date() })
    .returning({ id: loginAttempts.id })
    .get().id;
}

/** Deletes attempts with an id up to `upToId`, and any older than `before`. */
export function pruneLoginAttempts(d: AppDatabase, upToId: number, before: Date): void {
  preparedStatement(d, "DELETE FROM login_attempts WHERE id <= ? OR attempted_at < ?").run(upToId, Math.floor(before.getTime() / 1000));
}

export type FailureCount = { count: number; latest: Date | null };

type FailureRow = { n: number; latest: number | null };

/**
 * Failed attempts since `since`: for this e-mail from this address, for this e-mail from
 * anywhere, and from this address on any e-mail — each with the time of the latest one.
 */
export function countFailures(d: AppDatabase, email: string, ip: string, since: Date): { accountFromSource: FailureCount; account: FailureCount; source: FailureCount } {
  const s = preparedStatements(d, "login-failures", (sqlite) => ({
    both: sqlite.prepare<[string, string, number], FailureRow>(
      "SELECT count(*) AS n, max(attempted_at) AS latest FROM login_attempts WHERE email = ? AND ip = ? AND outcome = 'failure' AND attempted_at >= ?",
    ),
    email: sqlite.prepare<[string, number], FailureRow>("SELECT count(*) AS n, max(attempted_at) AS latest FROM login_attempts WHERE email = ? AND outcome = 'failure' AND attempted_at >= ?"),
    ip: sqlite.prepare<[string, number], FailureRow>("SELECT count(*) AS n, max(attempted_at) AS latest FROM login_attempts WHERE ip = ? AND outcome = 'failure' AND attempted_at >= ?"),
  }));
  const sec = Math.floor(since.getTime() / 1000);
  const count = (r: FailureRow | undefined): FailureCount => ({ count: r?.n ?? 0, latest: r?.latest ? new Date(r.latest * 1000) : null });
  return { accountFromSource: count(s.both.get(email, ip, sec)), account: count(s.email.get(email, sec)), source: count(s.ip.get(ip, sec)) };
}
