import "server-only";
import type Database from "better-sqlite3";
import { and, eq, gte, isNull, sql, count } from "drizzle-orm";
import type { AppDatabase } from "../open";
import { preparedStatements } from "../prepared";
import { authSessions, loginAttempts } from "../schema";
import { parseRoles, type Role } from "@/lib/auth/roles";
import { sessionIdleMinutes } from "@/lib/auth/session-idle";

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

export type SessionPrincipal = {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  locale: "it" | "en";
  roles: Role[];
  active: boolean;
  /** The company the person belongs to (null: the installation's first). */
  companyId: number | null;
  sessionId: string;
  /** The privacy-notice version this user acknowledged last, or null (then they must read it). */
  privacyVersion: string | null;
  /** The session's last recorded activity (`auth_sessions.last_seen_at`, to the second). */
  lastSeenAt: Date;
};

type PrincipalRow = {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  locale: "it" | "en";
  active: number;
  company_id: number | null;
  roles: string | null;
  privacy_version: string | null;
  last_seen_at: number;
};

type AuthStatements = {
  principal: Database.Statement<[string, number, number], PrincipalRow>;
  touch: Database.Statement<[number, string, number]>;
};

function statements(d: AppDatabase): AuthStatements {
  return preparedStatements(d, "auth", (sqlite) => ({
    principal: sqlite.prepare(
      `SELECT u.id, u.email, u.first_name, u.last_name, u.locale, u.active, u.company_id, s.last_seen_at,
              (SELECT group_concat(role) FROM user_roles r WHERE r.user_id = u.id) AS roles,
              (SELECT notice_version FROM privacy_acknowledgements p WHERE p.user_id = u.id ORDER BY p.id DESC LIMIT 1) AS privacy_version
         FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = ? AND s.user_id = ? AND s.ended_at IS NULL AND s.last_seen_at >= ? AND u.active = 1`,
    ),
    // The condition makes concurrent touches of one session cheap no-ops after the first.
    touch: sqlite.prepare("UPDATE auth_sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ? AND ended_at IS NULL"),
  }));
}

/**
 * The hot path of every authenticated request: one prepared statement that returns the
 * user only while the user is active and the sign-in session is still open and not idle —
 * its `last_seen_at` no older than `idleMinutes` (SESSION_IDLE_MINUTES, default 120). An idle
 * session is refused without being written to: its end is inferred from `last_seen_at`.
 */
export function getSessionPrincipal(
  d: AppDatabase,
  sessionId: string,
  userId: number,
  now: Date = new Date(),
  idleMinutes: number = sessionIdleMinutes(),
): SessionPrincipal | null {
  const cutoff = Math.floor(now.getTime() / 1000) - idleMinutes * 60;
  const row = statements(d).principal.get(sessionId, userId, cutoff);
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    locale: row.locale,
    roles: parseRoles(row.roles),
    active: row.active === 1,
    companyId: row.company_id,
    sessionId,
    privacyVersion: row.privacy_version,
    lastSeenAt: new Date(row.last_seen_at * 1000),
  };
}

/** How stale `last_seen_at` may get before a request refreshes it: at most one write a minute per session. */
export const SESSION_TOUCH_INTERVAL_SECONDS = 60;

/**
 * Records activity on an open session: sets `last_seen_at` to `now` when it is at least
 * {@link SESSION_TOUCH_INTERVAL_SECONDS} old. @returns true when a row was written.
 */
export function touchAuthSession(d: AppDatabase, sessionId: string, now: Date = new Date()): boolean {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  return statements(d).touch.run(nowSeconds, sessionId, nowSeconds - SESSION_TOUCH_INTERVAL_SECONDS + 1).changes > 0;
}

export function recordLoginAttempt(
  d: AppDatabase,
  a: { email: string; ip: string; outcome: "success" | "failure" | "blocked"; now?: Date },
): void {
  d.orm
    .insert(loginAttempts)
    .values({ email: a.email, ip: a.ip, outcome: a.outcome, attemptedAt: a.now ?? new Date() })
    .run();
}

/** Failed attempts since `since` for this e-mail and for this IP. */
export function countRecentFailures(d: AppDatabase, email: string, ip: string, since: Date): { email: number; ip: number } {
  const failures = (col: typeof loginAttempts.email | typeof loginAttempts.ip, value: string) =>
    d.orm
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(col, value), eq(loginAttempts.outcome, "failure"), gte(loginAttempts.attemptedAt, since)))
      .get()?.n ?? 0;
  return { email: failures(loginAttempts.email, email), ip: failures(loginAttempts.ip, ip) };
}

/**
 * The fifth most recent failure for a key inside the window: once it leaves the window,
 * fewer than five failures remain and the key may try again.
 */
export function fifthLatestFailure(d: AppDatabase, key: "email" | "ip", value: string, since: Date): Date | null {
  const col = key === "email" ? loginAttempts.email : loginAttempts.ip;
  const row = d.orm
    .select({ at: loginAttempts.attemptedAt })
    .from(loginAttempts)
    .where(and(eq(col, value), eq(loginAttempts.outcome, "failure"), gte(loginAttempts.attemptedAt, since)))
    .orderBy(sql`${loginAttempts.attemptedAt} DESC`)
    .limit(1)
    .offset(4)
    .get();
  return row?.at ?? null;
}
