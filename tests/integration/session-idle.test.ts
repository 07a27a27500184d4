import { encode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAuthSession } from "@/db/queries/auth";
import { liveSession, recordSessionActivity } from "@/lib/auth/live-session";
import { createUserIfMissing } from "@/db/queries/users";
import { userFromCookies } from "@/lib/auth/session";
import { sessionIdleMinutes } from "@/lib/auth/session-idle";
import { DEFAULT_SESSION_IDLE_MINUTES } from "@/lib/env";
import { openTestDb, type TestDb } from "./support/test-db";

const SECRET = "session-idle-test-secret-0123456789";
const MINUTE = 60_000;

describe("session idle timeout (SESSION_IDLE_MINUTES)", () => {
  let t: TestDb;
  let userId: number;
  // The fake clock: every call below passes its own `now`.
  const t0 = new Date(Math.floor(Date.now() / 1000) * 1000);
  const at = (minutes: number, seconds = 0) => new Date(t0.getTime() + minutes * MINUTE + seconds * 1000);
  const lastSeen = async (sid: string) => (await t.get<{ v: number }>("SELECT last_seen_at AS v FROM auth_sessions WHERE id = ?", [sid]))?.v;
  const global = globalThis as unknown as { __binomioDb?: unknown };
  const savedEnv = { idle: process.env.SESSION_IDLE_MINUTES, secret: process.env.AUTH_SECRET };

  beforeEach(async () => {
    t = await openTestDb();
    userId = (await createUserIfMissing(t, { email: "idle@example.com", firstName: "Ida", lastName: "Lenta", passwordHash: null, roles: ["learner"] })).user.id;
    await createAuthSession(t, { id: "s1", userId, ip: "127.0.0.1", userAgent: null, now: t0 });
    delete process.env.SESSION_IDLE_MINUTES;
  });
  afterEach(async () => {
    delete global.__binomioDb;
    if (savedEnv.idle === undefined) delete process.env.SESSION_IDLE_MINUTES;
    else process.env.SESSION_IDLE_MINUTES = savedEnv.idle;
    if (savedEnv.secret === undefined) delete process.env.AUTH_SECRET;
    else process.env.AUTH_SECRET = savedEnv.secret;
    await t.close();
  });

  it("accepts a session up to 120 minutes after its last activity by default, and refuses it after", async () => {
    expect(DEFAULT_SESSION_IDLE_MINUTES).toBe(120);
    expect((await liveSession(t, "s1", userId, at(120)))?.id).toBe(userId);
    expect(await liveSession(t, "s1", userId, at(120, 1))).toBeNull();
    // Refusing writes nothing: the end of an idle session is inferred from last_seen_at.
    const row = await t.get("SELECT ended_at, end_reason FROM auth_sessions WHERE id = 's1'");
    expect(row).toEqual({ ended_at: null, end_reason: null });
  });

  it("follows SESSION_IDLE_MINUTES and refuses invalid values with a readable message", async () => {
    process.env.SESSION_IDLE_MINUTES = "15";
    expect(await liveSession(t, "s1", userId, at(15))).not.toBeNull();
    expect(await liveSession(t, "s1", userId, at(15, 1))).toBeNull();
    process.env.SESSION_IDLE_MINUTES = "two hours";
    expect(() => sessionIdleMinutes()).toThrow(/Invalid environment: SESSION_IDLE_MINUTES must be a whole number/);
    process.env.SESSION_IDLE_MINUTES = "1";
    expect(() => sessionIdleMinutes()).toThrow(/at least 5/);
    process.env.SESSION_IDLE_MINUTES = "";
    expect(sessionIdleMinutes()).toBe(120);
  });

  it("measures idleness from the last activity, which a heartbeat-style update moves forward", async () => {
    await t.run("UPDATE auth_sessions SET last_seen_at = ? WHERE id = 's1'", [Math.floor(at(100).getTime() / 1000)]);
    expect(await liveSession(t, "s1", userId, at(219))).not.toBeNull();
    expect(await liveSession(t, "s1", userId, at(221))).toBeNull();
  });

  it("recordSessionActivity writes at most once a minute per session, and never to an ended session", async () => {
    expect(await recordSessionActivity(t, "s1", at(0, 30))).toBe(false);
    expect(await lastSeen("s1")).toBe(t0.getTime() / 1000);
    expect(await recordSessionActivity(t, "s1", at(1))).toBe(true);
    expect(await lastSeen("s1")).toBe(at(1).getTime() / 1000);
    expect(await recordSessionActivity(t, "s1", at(1, 59))).toBe(false);
    expect(await recordSessionActivity(t, "s1", at(2))).toBe(true);
    await t.run("UPDATE auth_sessions SET ended_at = ?, end_reason = 'sign-out' WHERE id = 's1'", [at(2).getTime() / 1000]);
    expect(await recordSessionActivity(t, "s1", at(5))).toBe(false);
    expect(await lastSeen("s1")).toBe(at(2).getTime() / 1000);
  });

  it("userFromCookies: a real session cookie keeps the session alive while used, and is refused once idle", async () => {
    process.env.AUTH_SECRET = SECRET;
    process.env.SESSION_IDLE_MINUTES = "30";
    global.__binomioDb = t;
    const cookie = await encode({ token: { sub: String(userId), uid: userId, sid: "s1" }, secret: SECRET, salt: "authjs.session-token" });
    const jar = (name: string) => (name === "authjs.session-token" ? { value: cookie } : undefined);

    // Within a minute of the last write: accepted, nothing written (the hot path stays a read).
    expect((await userFromCookies(jar, at(0, 40)))?.id).toBe(userId);
    expect(await lastSeen("s1")).toBe(t0.getTime() / 1000);
    // Every 25 minutes for two hours: each request refreshes last_seen_at, so 30 minutes never pass.
    for (let m = 25; m <= 125; m += 25) {
      expect((await userFromCookies(jar, at(m)))?.id, `minute ${m}`).toBe(userId);
      expect(await lastSeen("s1")).toBe(at(m).getTime() / 1000);
    }
    // Then 31 minutes without a request: refused, and the refusal does not revive it.
    expect(await userFromCookies(jar, at(156))).toBeNull();
    expect(await userFromCookies(jar, at(156, 1))).toBeNull();
    expect(await lastSeen("s1")).toBe(at(125).getTime() / 1000);
  });
});
