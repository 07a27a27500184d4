import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { decodeSessionToken, readSessionCookie } from "./token";
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
  it("takes the address the nearest hop saw", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.1, 10.0.0.2" }))).toBe("10.0.0.2");
    expect(clientIp(new Headers({ "x-forwarded-for": "127.0.0.1" }))).toBe("127.0.0.1");
    expect(clientIp(new Headers())).toBe("unknown");
  });
});
