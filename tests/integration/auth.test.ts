import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { BASE_DELAY_MS, FREE_FAILURES, SOURCE_FREE_FAILURES } from "@/lib/auth/sign-in-throttle";
import { endAuthSession } from "@/db/queries/auth";
import { liveSession } from "@/lib/auth/live-session";
import { createUserIfMissing, findUserByEmail, setUserActive } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { openTestDb, type TestDb } from "./support/test-db";

const PASSWORD = "correct horse battery";
const IP = "203.0.113.7";

describe("authenticate()", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await openTestDb();
    const hash = await hashPassword(PASSWORD);
    await createUserIfMissing(t, { email: "Anna@Example.com ", firstName: "Anna", lastName: "Neri", passwordHash: hash, roles: ["learner", "trainer"] });
    await createUserIfMissing(t, { email: "bruno@example.com", firstName: "Bruno", lastName: "Galli", passwordHash: hash, roles: ["learner"] });
  });
  afterEach(() => t.close());

  const attempt = async (email: string, password: string, now?: Date, ip = IP) =>
    authenticate(t, { email, password, ip, userAgent: "vitest" }, now);

  it("signs in with the right password (e-mail case-insensitive) and opens an access-log session", async () => {
    const r = await attempt("  ANNA@example.com", PASSWORD);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const principal = await liveSession(t, r.sessionId, r.userId);
    expect(principal?.email).toBe("anna@example.com");
    expect(principal?.roles.sort()).toEqual(["learner", "trainer"]);
    const row = await t.get("SELECT ip, user_agent, ended_at FROM auth_sessions WHERE id = ?", [r.sessionId]);
    expect(row).toEqual({ ip: IP, user_agent: "vitest", ended_at: null });
  });

  it("answers a wrong password and an unknown e-mail identically", async () => {
    const wrong = await attempt("anna@example.com", "nope");
    const unknown = await attempt("ghost@example.com", "nope");
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("spends comparable time on unknown e-mails and wrong passwords (no enumeration by timing)", async () => {
    const time = async (email: string) => {
      const start = performance.now();
      await attempt(email, "nope", undefined, `198.51.100.${Math.floor(Math.random() * 200)}`);
      return performance.now() - start;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time("bruno@example.com"));
      unknown.push(await time(`ghost${i}@example.com`));
    }
    // Both paths run one argon2 verification; without the dummy hash the unknown path would be ~100× faster.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
  });

  it("delays the source that keeps failing on an account, even with the right password; other sources still get in", async () => {
    const t0 = new Date("2026-01-10T09:00:00Z");
    for (let i = 0; i <= FREE_FAILURES; i++) {
      expect((await attempt("anna@example.com", "bad", new Date(t0.getTime() + i * 1000), "10.0.0.1")).ok).toBe(false);
    }
    const delayed = await attempt("anna@example.com", PASSWORD, new Date(t0.getTime() + 5_000), "10.0.0.1");
    expect(delayed).toMatchObject({ ok: false, reason: "rate_limited" });
    if (!delayed.ok && delayed.reason === "rate_limited") expect(delayed.retryAt.getTime()).toBe(t0.getTime() + FREE_FAILURES * 1000 + BASE_DELAY_MS);
    // The owner, from another address, is not affected; nor is another account.
    expect((await attempt("anna@example.com", PASSWORD, new Date(t0.getTime() + 6_000), "10.0.0.99")).ok).toBe(true);
    expect((await attempt("bruno@example.com", PASSWORD, new Date(t0.getTime() + 7_000), "10.0.0.1")).ok).toBe(true);
    // Once the delay has passed, the right password works from the failing source too.
    expect((await attempt("anna@example.com", PASSWORD, new Date(t0.getTime() + FREE_FAILURES * 1000 + BASE_DELAY_MS), "10.0.0.1")).ok).toBe(true);
  });

  it("delays a source failing on many accounts, on every account", async () => {
    const t0 = new Date("2026-01-10T10:00:00Z");
    for (let i = 0; i <= SOURCE_FREE_FAILURES; i++) await attempt(`someone${i}@example.com`, "bad", new Date(t0.getTime() + i * 1000));
    const r = await attempt("bruno@example.com", PASSWORD, new Date(t0.getTime() + 30_000));
    expect(r).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((await attempt("bruno@example.com", PASSWORD, new Date(t0.getTime() + 30_000), "192.0.2.1")).ok).toBe(true);
  });

  it("keeps the delay across a restart (it lives in the database)", async () => {
    const t0 = new Date("2026-01-10T11:00:00Z");
    for (let i = 0; i <= FREE_FAILURES; i++) await attempt("anna@example.com", "bad", new Date(t0.getTime() + i * 1000));
    // A fresh connection (SQLite) or pool (PostgreSQL): nothing of the delay is kept in memory.
    const again = await t.reopen();
    const r = await authenticate(again, { email: "anna@example.com", password: PASSWORD, ip: IP, userAgent: null }, new Date(t0.getTime() + 10_000));
    expect(r).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("refuses deactivated users, and deactivation ends their open sessions at once", async () => {
    const r = await attempt("bruno@example.com", PASSWORD);
    if (!r.ok) throw new Error("sign-in failed");
    expect(await liveSession(t, r.sessionId, r.userId)).not.toBeNull();
    await setUserActive(t, r.userId, false);
    expect(await liveSession(t, r.sessionId, r.userId)).toBeNull();
    const ended = await t.get<{ end_reason: string }>("SELECT end_reason FROM auth_sessions WHERE id = ?", [r.sessionId]);
    expect(ended?.end_reason).toBe("deactivated");
    expect(await attempt("bruno@example.com", PASSWORD)).toEqual({ ok: false, reason: "deactivated" });
    // Only the right password reveals the deactivation.
    expect(await attempt("bruno@example.com", "bad")).toEqual({ ok: false, reason: "invalid" });
  });

  it("a signed-out session is no longer accepted", async () => {
    const r = await attempt("anna@example.com", PASSWORD);
    if (!r.ok) throw new Error("sign-in failed");
    await endAuthSession(t, r.sessionId, "sign-out");
    expect(await liveSession(t, r.sessionId, r.userId)).toBeNull();
    // A token for one user cannot be replayed with another user's id.
    const other = (await findUserByEmail(t, "bruno@example.com"))!;
    const r2 = await attempt("anna@example.com", PASSWORD);
    if (!r2.ok) throw new Error("sign-in failed");
    expect(await liveSession(t, r2.sessionId, other.id)).toBeNull();
  });
});
