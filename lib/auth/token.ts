import { decode } from "next-auth/jwt";

/** Auth.js names its cookie after the transport: `__Secure-` only over https. */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

export type SessionToken = { uid: number; sid: string; exp: number };

/**
 * Room for every session of a large company at once (30,000 learners signed in is the
 * benchmark's target): a memo smaller than the live sessions would turn every request into a
 * full decrypt. An entry is the token string (~0.5 KB) and a small object, ≈ 20 MB when full.
 */
const MEMO_LIMIT = 40_000;
type Entry = { salt: string; token: SessionToken | null };
const memo = new Map<string, Entry>();

/**
 * Decodes an Auth.js session JWT, memoising the result per token (least recently used out).
 *
 * Auth.js's own `auth()` derives the key and decrypts on every call (STACK.md measured it at
 * less than half the throughput of a memoised check). A token's content never changes, so
 * we verify it once and keep the answer; expiry is rechecked on every hit, and whether the
 * session is still open is checked against the database by the caller, so revocation is
 * never cached.
 */
export async function decodeSessionToken(
  token: string,
  cookieName: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<SessionToken | null> {
  let hit = memo.get(token);
  if (hit && hit.salt === cookieName) {
    // Map keeps insertion order: re-inserting makes this the most recently used entry.
    memo.delete(token);
    memo.set(token, hit);
  } else {
    hit = { salt: cookieName, token: await verify(token, cookieName, secret) };
    if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
    memo.set(token, hit);
  }
  if (!hit.token || hit.token.exp <= nowSeconds) return null;
  return hit.token;
}

async function verify(token: string, salt: string, secret: string): Promise<SessionToken | null> {
  try {
    const payload = await decode({ token, secret, salt });
    if (!payload) return null;
    const uid = Number(payload.uid);
    const sid = payload.sid;
    const exp = Number(payload.exp);
    if (!Number.isInteger(uid) || typeof sid !== "string" || !Number.isFinite(exp)) return null;
    return { uid, sid, exp };
  } catch {
    return null;
  }
}

/** Picks the session cookie from a cookie getter (works with `cookies()` and `NextRequest.cookies`). */
export function readSessionCookie(get: (name: string) => { value: string } | undefined): { name: string; value: string } | null {
  for (const name of SESSION_COOKIES) {
    const c = get(name);
    if (c?.value) return { name, value: c.value };
  }
  return null;
}
