import "server-only";
import type Database from "better-sqlite3";
import { and, eq, gte, isNull, sql, count } from "drizzle-orm";
import type { AppDatabase } from "../open";
import { authSessions, loginAttempts } from "../schema";
import { parseRoles, type Role } from "@/lib/auth/roles";

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
  sessionId: string;
  /** The privacy-notice version this user acknowledged last, or null (then they must read it). */
  privacyVersion: string | null;
};

type PrincipalRow = {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  locale: "it" | "en";
  active: number;
  roles: string | null;
  privacy_version: string | null;
};

const principalStatements = new WeakMap<Database.Database, Database.Statement<[string, number], PrincipalRow>>();

/**
 * The hot path of every authenticated request: one prepared statement that returns the
 * user only while both the user is active and the sign-in session is still open.
 */
export function getSessionPrincipal(d: AppDatabase, sessionId: string, userId: number): SessionPrincipal | null {
  let stmt = principalStatements.get(d.sqlite);
  if (!stmt) {
    stmt = d.sqlite.prepare(
      `SELECT u.id, u.email, u.first_name, u.last_name, u.locale, u.active,
              (SELECT group_concat(role) FROM user_roles r WHERE r.user_id = u.id) AS roles,
              (SELECT notice_version FROM privacy_acknowledgements p WHERE p.user_id = u.id ORDER BY p.id DESC LIMIT 1) AS privacy_version
         FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = ? AND s.user_id = ? AND s.ended_at IS NULL AND u.active = 1`,
    );
    principalStatements.set(d.sqlite, stmt);
  }
  const row = stmt.get(sessionId, userId);
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    locale: row.locale,
    roles: parseRoles(row.roles),
    active: row.active === 1,
    sessionId,
    privacyVersion: row.privacy_version,
  };
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
