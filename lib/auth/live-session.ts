import "server-only";
import type { Engine } from "@/db/engine/types";
import { findLiveSession, touchAuthSession } from "@/db/queries/auth";
import { env } from "@/lib/env";
import { parseGrants, parseRoles, type Role, type RoleGrant } from "./roles";
import { sessionIdleMinutes } from "./session-idle";

/** The signed-in user behind a live session, as every server-side check sees it. */
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
  /** Each role with its scope (`user_roles`). */
  grants: RoleGrant[];
  /** The company a provider admin chose for this session (the switcher), or null. */
  sessionCompanyId: number | null;
  /** The installation's first company, or null when there is none yet. */
  firstCompanyId: number | null;
  sessionId: string;
  /** The privacy-notice version this user acknowledged last, or null (then they must read it). */
  privacyVersion: string | null;
  /** The session's last recorded activity (`auth_sessions.last_seen_at`, to the second). */
  lastSeenAt: Date;
};

/**
 * The user of a sign-in session that is still alive, or null. Alive means: not signed out or
 * ended (deactivation, password change), the user active, some activity within
 * SESSION_IDLE_MINUTES (default 120), and signed in less than SESSION_MAX_AGE_HOURS ago
 * (default 12) — an absolute lifetime counted from the session row, since Auth.js re-issues the
 * token with a fresh expiry whenever `/api/auth/session` is asked.
 */
export async function liveSession(d: Engine, sessionId: string, userId: number, now: Date = new Date()): Promise<SessionPrincipal | null> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const row = await findLiveSession(d, sessionId, userId, {
    seenSince: nowSeconds - sessionIdleMinutes() * 60,
    signedInSince: nowSeconds - env().SESSION_MAX_AGE_HOURS * 3600,
    now: nowSeconds,
  });
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
    grants: parseGrants(row.grants),
    sessionCompanyId: row.session_company_id,
    firstCompanyId: row.first_company_id,
    sessionId,
    privacyVersion: row.privacy_version,
    lastSeenAt: new Date(row.last_seen_at * 1000),
  };
}

/** How stale `last_seen_at` may get before a request refreshes it: at most one write a minute per session. */
export const SESSION_TOUCH_INTERVAL_SECONDS = 60;

/**
 * Records activity on an open session: `last_seen_at` becomes `now` when it is at least
 * {@link SESSION_TOUCH_INTERVAL_SECONDS} old. @returns true when a row was written.
 */
export async function recordSessionActivity(d: Engine, sessionId: string, now: Date = new Date()): Promise<boolean> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  return touchAuthSession(d, sessionId, nowSeconds, nowSeconds - SESSION_TOUCH_INTERVAL_SECONDS + 1);
}
