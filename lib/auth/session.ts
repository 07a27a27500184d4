import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { db } from "@/db/client";
import { getSessionPrincipal, type SessionPrincipal } from "@/db/queries/auth";
import { decodeSessionToken, readSessionCookie } from "./token";
import { authSecret } from "./secret";

export type CurrentUser = SessionPrincipal;

type CookieGetter = (name: string) => { value: string } | undefined;

/**
 * The user behind a request's cookies, or null. Valid only while the JWT verifies, the
 * access-log session is open and the user is active — a deactivated user or a signed-out
 * session fails on the very next request. Used by pages (through `getCurrentUser`) and by
 * the proxy, which guards prerendered lesson pages.
 */
export async function userFromCookies(get: CookieGetter): Promise<CurrentUser | null> {
  const cookie = readSessionCookie(get);
  if (!cookie) return null;
  const token = await decodeSessionToken(cookie.value, cookie.name, authSecret());
  if (!token) return null;
  return getSessionPrincipal(db(), token.sid, token.uid);
}

/** The signed-in user for this request, deduplicated per request by React's `cache`. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const jar = await cookies();
  return userFromCookies((n) => jar.get(n));
});
