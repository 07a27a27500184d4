import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { authenticate, MAX_LOGIN_ATTEMPT_ROWS, recordSignInAttempt } from "@/lib/auth/authenticate";
import { createUserIfMissing } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { requestAccountLink } from "@/lib/account/request-link";
import { openTestDb, type TestDb } from "./support/test-db";

/**
 * Sign-in throttling that a stranger cannot turn against the owner: failures count per account
 * and source, a correct password from a source without failures still signs in, delays grow
 * with the failures of a source, the owner is told, `login_attempts` stays bounded, and a flood
 * from one source is refused before any password hashing. The same for reset links.
 */

const PASSWORD = "correct horse battery";
const OWNER_IP = "198.51.100.10";
const STRANGER_IP = "203.0.113.66";

describe("sign-in throttling that protects the owner", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await openTestDb();
    await createUserIfMissing(t, { email: "anna@example.com", firstName: "Anna", lastName: "Neri", passwordHash: await hashPassword(PASSWORD), roles: ["learner"] });
  });
  afterEach(() => t.close());

  const attempt = async (password: string, ip: string, now: Date, email = "anna@example.com") => authenticate(t, { email, password, ip, userAgent: "vitest" }, now);

  it("lets the owner in from a clean source after a stranger's 30 failures, and every 5 minutes after that", async () => {
    const t0 = new Date("2026-03-01T09:00:00Z");
    for (let i = 0; i < 30; i++) await attempt("guess-" + i, STRANGER_IP, new Date(t0.getTime() + i * 1000));
    for (let minutes = 1; minutes <= 16; minutes += 5) {
      const r = await attempt(PASSWORD, OWNER_IP, new Date(t0.getTime() + minutes * 60_000));
      expect(r.ok, `owner at +${minutes} min`).toBe(true);
    }
  });

  it("slows the failing source down, more with every failure, even with the right password", async () => {
    const t0 = new Date("2026-03-01T10:00:00Z");
    let now = t0.getTime();
    const waits: number[] = [];
    let failures = 0;
    for (let tries = 0; failures < 8 && tries < 50; tries++) {
      const r = await attempt("guess-" + tries, STRANGER_IP, new Date(now));
      if (!r.ok && r.reason === "rate_limited") {
        waits.push(r.retryAt.getTime() - now);
        now = Math.max(r.retryAt.getTime(), now + 1000);
        continue;
      }
      failures++;
      now += 1000;
    }
    expect(failures).toBe(8);
    expect(waits.length).toBeGreaterThan(1);
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThan(waits[i - 1]!);
    // While delayed, the right password from that source is refused too.
    const blocked = await attempt(PASSWORD, STRANGER_IP, new Date(now));
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("tells the owner, once, that someone is failing to sign in to the account", async () => {
    const t0 = new Date("2026-03-01T11:00:00Z");
    for (let i = 0; i < 12; i++) await attempt("guess-" + i, `203.0.113.${i}`, new Date(t0.getTime() + i * 1000));
    const mails = await t.all<{ to_address: string; kind: string; text: string }>("SELECT to_address, kind, text FROM outbox");
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to_address: "anna@example.com", kind: "sign-in-failures" });
    // Unknown accounts get no mail (nothing to tell, and no one to tell it to).
    for (let i = 0; i < 12; i++) await attempt("guess", `192.0.2.${i}`, new Date(t0.getTime() + 60_000 + i * 1000), "ghost@example.com");
    expect((await t.get<{ n: number }>("SELECT count(*) AS n FROM outbox"))?.n).toBe(1);
  });

  it("refuses a flooding source before hashing any password, and the owner still signs in", async () => {
    const t0 = new Date("2026-03-01T12:00:00Z");
    for (let i = 0; i < 40; i++) await attempt("x", STRANGER_IP, new Date(t0.getTime() + i * 100), `random-${i}@example.com`);
    const started = performance.now();
    const refused = await attempt("x", STRANGER_IP, new Date(t0.getTime() + 5_000), "random-x@example.com");
    const refusedMs = performance.now() - started;
    expect(refused).toMatchObject({ ok: false, reason: "rate_limited" });
    // An argon2 verification takes ~30 ms here; a refusal before it, well under that.
    expect(refusedMs).toBeLessThan(10);
    expect((await attempt(PASSWORD, OWNER_IP, new Date(t0.getTime() + 6_000))).ok).toBe(true);
  });

  // 60,000 statements: on PostgreSQL a round trip each, ~10 s alone and over 30 s beside other test files.
  it("keeps login_attempts bounded whatever the flood", { timeout: 120_000 }, async () => {
    const t0 = Date.parse("2026-03-02T09:00:00Z");
    // One transaction only to keep the test fast: the bound must hold inside one as well.
    await t.write(async () => {
      for (let i = 0; i < 60_000; i++) {
        await recordSignInAttempt(t, { email: `flood-${i}@example.com`, ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, outcome: "failure", now: new Date(t0 + i) });
      }
    });
    const n = (await t.get<{ n: number }>("SELECT count(*) AS n FROM login_attempts"))!.n;
    expect(n).toBeLessThanOrEqual(MAX_LOGIN_ATTEMPT_ROWS);
    expect(n).toBeGreaterThan(MAX_LOGIN_ATTEMPT_ROWS / 2);
  });
});

describe("reset links that a stranger cannot take away from the owner", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await openTestDb();
    await createUserIfMissing(t, { email: "anna@example.com", firstName: "Anna", lastName: "Neri", passwordHash: await hashPassword(PASSWORD), roles: ["learner"] });
  });
  afterEach(() => t.close());

  const openLinks = async (now: Date) =>
    (await t.get<{ n: number }>("SELECT count(*) AS n FROM account_tokens WHERE used_at IS NULL AND expires_at > ?", [Math.floor(now.getTime() / 1000)]))!.n;

  it("a stranger's requests neither cancel the owner's link nor stop the owner from getting a new one", async () => {
    const t0 = new Date("2026-03-01T09:00:00Z");
    const own = await requestAccountLink(t, { email: "anna@example.com", ip: OWNER_IP, now: t0 });
    expect(own.outcome).toBe("queued");
    const ownToken = (await t.get<{ token_hash: string }>("SELECT token_hash FROM account_tokens ORDER BY id LIMIT 1"))!.token_hash;
    for (let i = 0; i < 10; i++) await requestAccountLink(t, { email: "anna@example.com", ip: STRANGER_IP, now: new Date(t0.getTime() + (i + 1) * 1000) });
    const later = new Date(t0.getTime() + 20_000);
    const still = (await t.get<{ expires_at: number }>("SELECT expires_at FROM account_tokens WHERE token_hash = ?", [ownToken]))!;
    expect(still.expires_at * 1000).toBeGreaterThan(later.getTime());
    expect((await requestAccountLink(t, { email: "anna@example.com", ip: OWNER_IP, now: later })).outcome).toBe("queued");
    expect(await openLinks(later)).toBeGreaterThanOrEqual(2);
  });
});
