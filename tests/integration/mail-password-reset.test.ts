import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAuthSession } from "@/db/queries/auth";
import { liveSession } from "@/lib/auth/live-session";
import { createUserIfMissing, getUserById } from "@/db/queries/users";
import {
  answerLinkRequest,
  LINK_ANSWER_AFTER_MS,
  LINK_REQUESTS_PER_ACCOUNT_PER_HOUR,
  LINK_REQUESTS_PER_ACCOUNT_PER_SOURCE_PER_HOUR,
  requestAccountLink,
} from "@/lib/account/request-link";
import { linkState, setPasswordWithToken } from "@/lib/account/set-password";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { resetEnvCache } from "@/lib/env";
import { deliverMail } from "@/lib/mail/deliver";
import { linkToken, setMailEnv, useSmtpSink } from "./support/smtp-sink";
import { openTestDb, type TestDb } from "./support/test-db";

const OLD_PASSWORD = "vecchia password lunga";
const NEW_PASSWORD = "nuova password lunga!";
const IP = "198.51.100.20";

describe("password reset over a real SMTP server", () => {
  const smtp = useSmtpSink();
  let t: TestDb;
  let anna: number;


  beforeEach(async () => {
    setMailEnv({ SMTP_URL: smtp.url(), PUBLIC_BASE_URL: "https://binomio.example" });
    resetEnvCache();
    t = await openTestDb();
    anna = (await createUserIfMissing(t, { email: "anna@example.com", firstName: "Anna", lastName: "Neri", passwordHash: await hashPassword(OLD_PASSWORD), roles: ["learner"] })).user.id;
  });
  afterEach(() => t.close());

  const outboxCount = async () => (await t.get<{ n: number }>("SELECT count(*) AS n FROM outbox"))!.n;

  /** The public answer, with the queued mail delivered as the server would after responding. */
  async function ask(email: string, ip = IP) {
    const pending: number[] = [];
    const started = performance.now();
    const answer = await answerLinkRequest(t, { email, ip, deliverLater: (id) => pending.push(id) });
    const ms = performance.now() - started;
    const delivery = await deliverMail(t, pending);
    return { answer, ms, queued: pending.length, delivery };
  }

  it("answers an unknown address exactly like a known one, in comparable time, and queues nothing for it", async () => {
    const unknown = await ask("nobody@example.com");
    expect(unknown.answer).toEqual({ status: "sent" });
    expect(unknown.queued).toBe(0);
    expect(await outboxCount()).toBe(0);
    expect(smtp.received).toHaveLength(0);

    const known = await ask("  ANNA@example.com ");
    expect(known.answer).toEqual(unknown.answer);
    expect(known.queued).toBe(1);
    expect(smtp.received).toHaveLength(1);

    // Both answer no sooner than the floor, which is far longer than either branch's own work.
    for (const r of [unknown, known]) expect(r.ms).toBeGreaterThanOrEqual(LINK_ANSWER_AFTER_MS - 5);
    expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(300);
    for (const email of ["anna@example.com", "ghost@example.com"]) {
      const started = performance.now();
      await answerLinkRequest(t, { email, ip: "192.0.2.77", deliverLater: () => {}, minimumMs: 0 });
      expect(performance.now() - started).toBeLessThan(LINK_ANSWER_AFTER_MS / 2);
    }
  });

  it("only rejects a malformed address, and says nothing about accounts when doing so", async () => {
    expect((await ask("not-an-address")).answer).toEqual({ status: "invalid", email: "not-an-address" });
    expect(await outboxCount()).toBe(0);
  });

  it("sends a 1-hour reset link that sets the new password once and ends every open session", async () => {
    await createAuthSession(t, { id: "s1", userId: anna, ip: IP, userAgent: "a", now: new Date() });
    await createAuthSession(t, { id: "s2", userId: anna, ip: IP, userAgent: "b", now: new Date() });
    await ask("anna@example.com");
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(["anna@example.com"]);
    expect(mail.subject).toBe("Binomio: reimposta la password");
    expect(mail.text).toContain("https://binomio.example/reset-password/");
    const token = linkToken(mail.text, "reset-password");
    const row = await t.get("SELECT purpose, expires_at - created_at AS ttl FROM account_tokens WHERE user_id = ?", [anna]);
    expect(row).toEqual({ purpose: "reset", ttl: 3600 });

    const r = await setPasswordWithToken(t, { token, purpose: "reset", password: NEW_PASSWORD, confirmation: NEW_PASSWORD });
    expect(r).toEqual({ ok: true, userId: anna, sessionsEnded: 2 });
    expect(await verifyPassword((await getUserById(t, anna))!.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await liveSession(t, "s1", anna)).toBeNull();
    expect(await liveSession(t, "s2", anna)).toBeNull();
    const ended = await t.get("SELECT count(*) AS n FROM auth_sessions WHERE user_id = ? AND ended_at IS NOT NULL", [anna]);
    expect(ended).toEqual({ n: 2 });

    expect(await setPasswordWithToken(t, { token, purpose: "reset", password: "terza password lunga", confirmation: "terza password lunga" })).toEqual({
      ok: false,
      error: "link",
    });
  });

  it("lets a reset link expire after one hour", async () => {
    const t0 = new Date("2027-05-01T08:00:00Z");
    const r = await requestAccountLink(t, { email: "anna@example.com", ip: IP, now: t0 });
    expect(r.outcome).toBe("queued");
    if (r.outcome !== "queued") return;
    await deliverMail(t, [r.outboxId]);
    const token = linkToken(smtp.received[0]!.text, "reset-password");
    expect((await linkState(t, token, "reset", new Date(t0.getTime() + 59 * 60_000))).status).toBe("valid");
    const late = new Date(t0.getTime() + 61 * 60_000);
    expect(await linkState(t, token, "reset", late)).toEqual({ status: "expired" });
    expect(await setPasswordWithToken(t, { token, purpose: "reset", password: NEW_PASSWORD, confirmation: NEW_PASSWORD, now: late })).toEqual({
      ok: false,
      error: "link",
    });
    expect(await verifyPassword((await getUserById(t, anna))!.passwordHash, OLD_PASSWORD)).toBe(true);
  });

  it("sends nothing to a deactivated account", async () => {
    await t.run("UPDATE users SET active = FALSE WHERE id = ?", [anna]);
    expect(await requestAccountLink(t, { email: "anna@example.com", ip: IP })).toEqual({ outcome: "inactive" });
    expect((await ask("anna@example.com")).answer).toEqual({ status: "sent" });
    expect(await outboxCount()).toBe(0);
  });

  it("sends a fresh invitation instead to someone who never chose a password", async () => {
    await createUserIfMissing(t, { email: "new@example.com", firstName: "Nuovo", lastName: "Arrivo", passwordHash: null, roles: ["learner"] });
    await ask("new@example.com");
    const mail = smtp.received[0]!;
    expect(mail.subject).toBe("Il tuo accesso a Binomio: scegli la password");
    expect(linkToken(mail.text, "invite")).toHaveLength(43);
  });

  it(`queues at most ${LINK_REQUESTS_PER_ACCOUNT_PER_SOURCE_PER_HOUR} links per account and address and ${LINK_REQUESTS_PER_ACCOUNT_PER_HOUR} per account per hour; every link stays valid until one is used`, async () => {
    const t0 = new Date("2027-05-01T08:00:00Z");
    const from = async (ip: string, n: number, offset: number) => {
      const outcomes: string[] = [];
      for (let i = 0; i < n; i++) outcomes.push((await requestAccountLink(t, { email: "anna@example.com", ip, now: new Date(t0.getTime() + (offset + i) * 60_000) })).outcome);
      return outcomes;
    };
    expect(await from("203.0.113.1", 4, 0)).toEqual(["queued", "queued", "queued", "rate_limited"]);
    expect(await from("203.0.113.2", 4, 4)).toEqual(["queued", "queued", "queued", "rate_limited"]);
    expect(await from("203.0.113.3", 3, 8)).toEqual(["queued", "queued", "queued"]);
    // Ten in the hour for the account, whoever asks.
    expect(await from("203.0.113.4", 2, 11)).toEqual(["queued", "rate_limited"]);
    expect(await outboxCount()).toBe(LINK_REQUESTS_PER_ACCOUNT_PER_HOUR);
    const open = await t.get("SELECT count(*) AS n FROM account_tokens WHERE used_at IS NULL AND expires_at > ?", [Math.floor(t0.getTime() / 1000) + 900]);
    expect(open).toEqual({ n: LINK_REQUESTS_PER_ACCOUNT_PER_HOUR });
    expect((await requestAccountLink(t, { email: "anna@example.com", ip: IP, now: new Date(t0.getTime() + 61 * 60_000) })).outcome).toBe("queued");
  });

  it("using one link ends the others", async () => {
    for (const ip of ["203.0.113.1", "203.0.113.2"]) await ask("anna@example.com", ip);
    const [first, second] = smtp.received.map((m) => linkToken(m.text, "reset-password"));
    expect(await setPasswordWithToken(t, { token: second!, purpose: "reset", password: NEW_PASSWORD, confirmation: NEW_PASSWORD })).toMatchObject({ ok: true });
    expect(await linkState(t, first!, "reset")).toMatchObject({ status: "expired" });
  });

  it("limits requests per IP address, whatever e-mail they name", async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 21; i++) outcomes.push((await requestAccountLink(t, { email: `ghost${i}@example.com`, ip: "192.0.2.9" })).outcome);
    expect(outcomes.slice(0, 20).every((o) => o === "unknown")).toBe(true);
    expect(outcomes[20]).toBe("rate_limited");
    expect((await requestAccountLink(t, { email: "anna@example.com", ip: "192.0.2.9" })).outcome).toBe("rate_limited");
    expect((await requestAccountLink(t, { email: "anna@example.com", ip: "192.0.2.10" })).outcome).toBe("queued");
  });
});
