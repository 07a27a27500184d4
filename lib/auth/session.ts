import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { db } from "@/db/client";
import { liveSession, recordSessionActivity, SESSION_TOUCH_INTERVAL_SECONDS, type SessionPrincipal } from "./live-session";
import { decodeSessionToken, readSessionCookie } from "./token";
import { authSecret } from "./secret";
import { resolveScope, type CompanyScope } from "./scope";

/** The signed-in person, with the company data they may reach (`./scope`). */
export type CurrentUser = SessionPrincipal & { scope: CompanyScope | null };

type CookieGetter = (name: string) => { value: string } | undefined;

/**
 * The user behind a request's cookies, or null. Valid only while the JWT verifies and the
 * access-log session is alive (`liveSession`: open, not idle, within its absolute lifetime,
 * the user active) — a deactivated user or a signed-out session fails on the very next
 * request. Used by pages (through `getCurrentUser`), route handlers and the lesson route.
 *
 * A valid request is activity: it refreshes the session's `last_seen_at`, but only when that
 * is at least a minute old, so the hot path stays one read and a session costs at most one
 * write a minute.
 */
export async function userFromCookies(get: CookieGetter, now: Date = new Date()): Promise<CurrentUser | null> {
  const cookie = readSessionCookie(get);
  if (!cookie) return null;
  const token = await decodeSessionToken(cookie.value, cookie.name, authSecret(), Math.floor(now.getTime() / 1000));
  if (!token) return null;
  const d = db();
  const principal = await liveSession(d, token.sid, token.uid, now);
  const user = principal ? { ...principal, scope: await resolveScope(d, principal) } : null;
  if (user && now.getTime() - user.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_SECONDS * 1000) {
    try {
      await recordSessionActivity(d, user.sessionId, now);
    } catch (e) {
      // Recording activity must never fail the request (e.g. SQLITE_BUSY under a long write).
      console.error("could not refresh the session's last_seen_at:", e);
    }
  }
  return user;
}

/** One cookie of a `Cookie` request header (URI-decoded as browsers' cookie parsers do), or undefined. */
export function cookieFromHeader(header: string | null, name: string): { value: string } | undefined {
  if (!header) return undefined;
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    const raw = pair.slice(eq + 1).trim();
    try {
      return { value: raw.includes("%") ? decodeURIComponent(raw) : raw };
    } catch {
      return { value: raw };
    }
  }
  return undefined;
}

/**
 * The user behind a request's own `Cookie` header: for route handlers, which may also run
 * outside Next's request context (lib/runtime/direct-routes.ts), where `cookies()` is not available.
 */
export async function userFromRequest(req: Request): Promise<CurrentUser | null> {
  const header = req.headers.get("cookie");
  return userFromCookies((n) => cookieFromHeader(header, n));
}

/** The signed-in user for this request, deduplicated per request by React's `cache`. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const jar = await cookies();
  return userFromCookies((n) => jar.get(n));
});
