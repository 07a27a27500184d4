import { decode } from "next-auth/jwt";

/** Auth.js names its cookie after the transport: `__Secure-` only over https. */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

export type SessionToken = { uid: number; sid: string; exp: number; /** `sso-<companyId>` when a company provider signed the person in. */ via?: string };

/**
 * Longest session cookie read. Auth.js's token here is ~500 bytes, and browsers keep at most
 * 4,096 bytes per cookie: anything longer is not ours, and is refused before any decryption.
 */
export const MAX_SESSION_COOKIE_BYTES = 4096;

/**
 * Memory the memo may hold. An entry costs the token's length plus a small object; at ~600
 * bytes each, 24 MB is room for ~40,000 signed-in sessions at once (the benchmark's target is
 * 30,000): a memo smaller than the live sessions would turn every request into a full decrypt.
 */
export const DEFAULT_MEMO_BYTES = 24 * 1024 * 1024;
/** What an entry costs beyond its token string: the Map slot, the entry and the decoded token. */
const ENTRY_OVERHEAD_BYTES = 160;

type Entry = { salt: string; token: SessionToken; bytes: number };
/**
 * One memo per process, on globalThis: the server's bundles (route handlers, and the direct
 * routes installed by instrumentation.ts, lib/runtime/direct-routes.ts) each have their own copy
 * of this module, and a copy per bundle would decrypt each token again and hold it twice.
 */
type Memo = { entries: Map<string, Entry>; bytes: number; maxBytes: number };
const holder = globalThis as { __binomioSessionMemo?: Memo };
const state: Memo = (holder.__binomioSessionMemo ??= { entries: new Map(), bytes: 0, maxBytes: DEFAULT_MEMO_BYTES });
const memo = state.entries;

/** Entries and bytes held (for tests and the benchmark's stats). */
export function sessionMemoStats(): { entries: number; bytes: number; maxBytes: number } {
  return { entries: memo.size, bytes: state.bytes, maxBytes: state.maxBytes };
}

/** Empties the memo and sets its budget (tests). */
export function resetSessionMemo(budgetBytes = DEFAULT_MEMO_BYTES): void {
  memo.clear();
  state.bytes = 0;
  state.maxBytes = budgetBytes;
}

function remember(token: string, entry: Entry): void {
  while (memo.size > 0 && state.bytes + entry.bytes > state.maxBytes) {
    // Map keeps insertion order: the first key is the least recently used.
    const oldest = memo.keys().next().value as string;
    state.bytes -= memo.get(oldest)!.bytes;
    memo.delete(oldest);
  }
  if (entry.bytes > state.maxBytes) return;
  memo.set(token, entry);
  state.bytes += entry.bytes;
}

/**
 * Decodes an Auth.js session JWT, memoising verified tokens (least recently used out, bounded
 * by bytes).
 *
 * Auth.js's own `auth()` derives the key and decrypts on every call (STACK.md measured it at
 * less than half the throughput of a memoised check). A token's content never changes, so
 * we verify it once and keep the answer; expiry is rechecked on every hit, and whether the
 * session is still open is checked against the database by the caller, so revocation is
 * never cached. Only tokens that verified are remembered: anyone can make up invalid ones, so
 * remembering those would let a stranger fill the server's memory; an oversized cookie is
 * refused before it is even decrypted.
 */
export async function decodeSessionToken(
  token: string,
  cookieName: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<SessionToken | null> {
  if (token.length > MAX_SESSION_COOKIE_BYTES) return null;
  let decoded: SessionToken | null;
  const hit = memo.get(token);
  if (hit && hit.salt === cookieName) {
    // Re-inserting makes this the most recently used entry.
    memo.delete(token);
    memo.set(token, hit);
    decoded = hit.token;
  } else {
    decoded = await verify(token, cookieName, secret);
    if (decoded) remember(token, { salt: cookieName, token: decoded, bytes: token.length + ENTRY_OVERHEAD_BYTES });
  }
  if (!decoded || decoded.exp <= nowSeconds) return null;
  return decoded;
}

async function verify(token: string, salt: string, secret: string): Promise<SessionToken | null> {
  try {
    const payload = await decode({ token, secret, salt });
    if (!payload) return null;
    const uid = Number(payload.uid);
    const sid = payload.sid;
    const exp = Number(payload.exp);
    if (!Number.isInteger(uid) || typeof sid !== "string" || !Number.isFinite(exp)) return null;
    return typeof payload.via === "string" ? { uid, sid, exp, via: payload.via } : { uid, sid, exp };
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
