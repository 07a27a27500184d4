/**
 * Session cookies for the benchmark's learners, minted as Auth.js mints them at sign-in (same
 * secret, salt = cookie name, the `uid` and `sid` claims `lib/auth/config.ts` adds), for open
 * `auth_sessions` rows the dataset wrote — 10,000 sign-ins over HTTP would only measure argon2.
 */
import { encode } from "next-auth/jwt";

/** The cookie name over http (Auth.js adds `__Secure-` only over https). */
export const SESSION_COOKIE = "authjs.session-token";

export type CookieSubject = { userId: number; email: string; name: string; sessionId: string };

export async function mintCookie(secret: string, s: CookieSubject, maxAgeSeconds = 12 * 3600): Promise<string> {
  const value = await encode({
    token: { name: s.name, email: s.email, sub: String(s.userId), uid: s.userId, sid: s.sessionId },
    secret,
    salt: SESSION_COOKIE,
    maxAge: maxAgeSeconds,
  });
  return `${SESSION_COOKIE}=${value}`;
}

/** Mints many cookies, a batch at a time (key derivation is async work on the thread pool). */
export async function mintCookies(secret: string, subjects: readonly CookieSubject[], batch = 256): Promise<string[]> {
  const out: string[] = new Array<string>(subjects.length);
  for (let i = 0; i < subjects.length; i += batch) {
    const part = await Promise.all(subjects.slice(i, i + batch).map((s) => mintCookie(secret, s)));
    part.forEach((c, k) => (out[i + k] = c));
  }
  return out;
}
