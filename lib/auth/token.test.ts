import { randomBytes } from "node:crypto";
import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { decodeSessionToken, MAX_SESSION_COOKIE_BYTES, readSessionCookie, resetSessionMemo, sessionMemoStats } from "./token";
import { clientIp } from "./client-ip";

const SECRET = "unit-test-secret-0123456789abcdef";
const COOKIE = "authjs.session-token";

describe("decodeSessionToken", () => {
  it("accepts a token Auth.js encoded, and rechecks expiry on every call", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await encode({ token: { uid: 7, sid: "s-1" }, secret: SECRET, salt: COOKIE, maxAge: 60 });
    const first = await decodeSessionToken(token, COOKIE, SECRET, now);
    expect(first).toMatchObject({ uid: 7, sid: "s-1" });
    // Memoised: same answer, and an expired token is refused even from the memo.
    expect(await decodeSessionToken(token, COOKIE, SECRET, now)).toEqual(first);
    expect(await decodeSessionToken(token, COOKIE, SECRET, now + 120)).toBeNull();
  });

  it("rejects tokens made with another secret, another cookie name, or garbage", async () => {
    const token = await encode({ token: { uid: 7, sid: "s-1" }, secret: SECRET, salt: COOKIE });
    expect(await decodeSessionToken(token, COOKIE, "another-secret-0123456789abcdef")).toBeNull();
    expect(await decodeSessionToken(token, "__Secure-authjs.session-token", SECRET)).toBeNull();
    expect(await decodeSessionToken("garbage", COOKIE, SECRET)).toBeNull();
  });

  it("keeps nothing in memory for tokens that do not verify, however many and however large", async () => {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    // What ~3,000 requests with random 16 KB session cookies leave behind (each one distinct).
    for (let i = 0; i < 3_000; i++) expect(await decodeSessionToken(randomBytes(12 * 1024).toString("base64url"), COOKIE, SECRET)).toBeNull();
    gc();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(8 * 1024 * 1024);
  });

  it("remembers only tokens that verified, and refuses an oversized cookie even if it would verify", async () => {
    resetSessionMemo();
    for (let i = 0; i < 50; i++) await decodeSessionToken(randomBytes(300).toString("base64url"), COOKIE, SECRET);
    expect(sessionMemoStats().entries).toBe(0);
    const good = await encode({ token: { uid: 7, sid: "s-1" }, secret: SECRET, salt: COOKIE });
    expect(await decodeSessionToken(good, COOKIE, SECRET)).toMatchObject({ uid: 7 });
    expect(sessionMemoStats().entries).toBe(1);
    const padded = await encode({ token: { uid: 7, sid: "s-1", pad: "x".repeat(MAX_SESSION_COOKIE_BYTES) }, secret: SECRET, salt: COOKIE });
    expect(padded.length).toBeGreaterThan(MAX_SESSION_COOKIE_BYTES);
    expect(await decodeSessionToken(padded, COOKIE, SECRET)).toBeNull();
    expect(sessionMemoStats().entries).toBe(1);
  });

  it("holds at most its byte budget, dropping the least recently used session first", async () => {
    resetSessionMemo(20_000);
    try {
      const tokens = await Promise.all(Array.from({ length: 60 }, (_, i) => encode({ token: { uid: i, sid: `s-${i}` }, secret: SECRET, salt: COOKIE })));
      await decodeSessionToken(tokens[0]!, COOKIE, SECRET);
      for (const token of tokens.slice(1)) {
        // Keep the first one in use: it must survive while the others come and go.
        await decodeSessionToken(token, COOKIE, SECRET);
        await decodeSessionToken(tokens[0]!, COOKIE, SECRET);
      }
      const stats = sessionMemoStats();
      expect(stats.bytes).toBeLessThanOrEqual(20_000);
      expect(stats.entries).toBeGreaterThan(5);
      expect(stats.entries).toBeLessThan(60);
      // Still answered from the memo: a wrong secret would fail a fresh verification.
      expect(await decodeSessionToken(tokens[0]!, COOKIE, "another-secret-0123456789abcdef")).toMatchObject({ uid: 0 });
      expect(await decodeSessionToken(tokens[1]!, COOKIE, "another-secret-0123456789abcdef")).toBeNull();
    } finally {
      resetSessionMemo();
    }
  });

  it("rejects tokens without our session id", async () => {
    const token = await encode({ token: { sub: "7" }, secret: SECRET, salt: COOKIE });
    expect(await decodeSessionToken(token, COOKIE, SECRET)).toBeNull();
  });
});

describe("readSessionCookie", () => {
  it("prefers the __Secure- cookie", () => {
    const jar = new Map([
      ["authjs.session-token", { value: "plain" }],
      ["__Secure-authjs.session-token", { value: "secure" }],
    ]);
    expect(readSessionCookie((n) => jar.get(n))).toEqual({ name: "__Secure-authjs.session-token", value: "secure" });
    expect(readSessionCookie(() => undefined)).toBeNull();
  });
});

describe("clientIp", () => {
  it("reads the one address the front door left in X-Forwarded-For, and nothing else", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "127.0.0.1" }))).toBe("127.0.0.1");
    expect(clientIp(new Headers({ "x-real-ip": "203.0.113.67" }))).toBe("unknown");
    expect(clientIp(new Headers())).toBe("unknown");
  });
});
