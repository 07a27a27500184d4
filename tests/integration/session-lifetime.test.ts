import { encode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAuthSession } from "@/db/queries/auth";
import { liveSession } from "@/lib/auth/live-session";
import { createUserIfMissing } from "@/db/queries/users";
import { userFromCookies } from "@/lib/auth/session";
import { resetEnvCache } from "@/lib/env";
import { openTestDb, type TestDb } from "./support/test-db";

const SECRET = "session-lifetime-test-secret-0123456789";
const HOUR = 3_600_000;

/**
 * SESSION_MAX_AGE_HOURS is an absolute lifetime counted from the sign-in recorded in the
 * session row: Auth.js re-issues the JWT with a fresh expiry on every /api/auth/session call,
 * so the token's own `exp` cannot enforce it.
 */
describe("absolute session lifetime (SESSION_MAX_AGE_HOURS)", () => {
  let t: TestDb;
  let userId: number;
  const t0 = new Date(Math.floor(Date.now() / 1000) * 1000);
  const global = globalThis as unknown as { __binomioDb?: unknown };
  const saved = { maxAge: process.env.SESSION_MAX_AGE_HOURS, secret: process.env.AUTH_SECRET };

  beforeEach(async () => {
    t = await openTestDb();
    userId = (await createUserIfMissing(t, { email: "long@example.com", firstName: "Lunga", lastName: "Sessione", passwordHash: null, roles: ["learner"] })).user.id;
    await createAuthSession(t, { id: "s1", userId, ip: "127.0.0.1", userAgent: null, now: t0 });
    process.env.SESSION_MAX_AGE_HOURS = "12";
    resetEnvCache();
  });
  afterEach(async () => {
    delete global.__binomioDb;
    for (const [key, value] of [["SESSION_MAX_AGE_HOURS", saved.maxAge], ["AUTH_SECRET", saved.secret]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetEnvCache();
    await t.close();
  });

  /** Activity every 30 minutes, as a learner reading all day would give. */
  async function keepActiveUntil(at: Date) {
    await t.run("UPDATE auth_sessions SET last_seen_at = ? WHERE id = 's1'", [Math.floor(at.getTime() / 1000) - 60]);
  }

  it("refuses an active session once SESSION_MAX_AGE_HOURS have passed since its sign-in", async () => {
    await keepActiveUntil(new Date(t0.getTime() + 12 * HOUR));
    expect((await liveSession(t, "s1", userId, new Date(t0.getTime() + 12 * HOUR - 1000)))?.id).toBe(userId);
    await keepActiveUntil(new Date(t0.getTime() + 12 * HOUR + 1000));
    expect(await liveSession(t, "s1", userId, new Date(t0.getTime() + 12 * HOUR + 1000))).toBeNull();
  });

  it("a freshly re-issued token does not extend it", async () => {
    process.env.AUTH_SECRET = SECRET;
    global.__binomioDb = t;
    const late = new Date(t0.getTime() + 13 * HOUR);
    await keepActiveUntil(late);
    // What Auth.js would hand out on a /api/auth/session call at that moment: valid for 12 more hours.
    const cookie = await encode({ token: { uid: userId, sid: "s1", exp: Math.floor(late.getTime() / 1000) + 12 * 3600 }, secret: SECRET, salt: "authjs.session-token" });
    expect(await userFromCookies((n) => (n === "authjs.session-token" ? { value: cookie } : undefined), late)).toBeNull();
  });
});
