import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAuthSession } from "@/db/queries/auth";
import { liveSession } from "@/lib/auth/live-session";
import { createUserIfMissing, getUserById } from "@/db/queries/users";
import { inviteUser } from "@/lib/account/invite";
import { linkState, setPasswordWithToken } from "@/lib/account/set-password";
import { verifyAuditChain } from "@/lib/audit/trail";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { resetEnvCache } from "@/lib/env";
import { deliverMail } from "@/lib/mail/deliver";
import { linkToken, setMailEnv, SINK_PASS, SINK_USER, useSmtpSink } from "./support/smtp-sink";
import { openTestDb, type TestDb } from "./support/test-db";

const BASE = "https://formazione.example.it";
const NEW_PASSWORD = "una frase lunga e sicura";
const T0 = new Date("2027-03-01T09:00:00Z");
const DAY = 86_400_000;

describe("invitations over a real SMTP server", () => {
  const smtp = useSmtpSink();
  let t: TestDb;
  let adminId: number;
  let companyId: number;


  beforeEach(async () => {
    setMailEnv({ SMTP_URL: smtp.url({ user: SINK_USER, pass: SINK_PASS }), PUBLIC_BASE_URL: BASE, MAIL_FROM: "Formazione ACME <formazione@acme.example>" });
    resetEnvCache();
    t = await openTestDb();
    companyId = (await t.get<{ id: number }>("INSERT INTO companies (name) VALUES ('ACME S.p.A.') RETURNING id"))!.id;
    adminId = (await createUserIfMissing(t, { email: "admin@acme.example", firstName: "Ada", lastName: "Admin", passwordHash: await hashPassword("admin password 123"), roles: ["company_admin"], companyId })).user.id;
  });
  afterEach(() => t.close());

  async function person(email: string, opts: { locale?: "it" | "en"; firstName?: string; lastName?: string } = {}): Promise<number> {
    const id = (await createUserIfMissing(t, { email, firstName: opts.firstName ?? "Giulia", lastName: opts.lastName ?? "Rossi", passwordHash: null, roles: ["learner"], companyId })).user.id;
    if (opts.locale) await t.run("UPDATE users SET locale = ? WHERE id = ?", [opts.locale, id]);
    return id;
  }

  async function inviteAndSend(userId: number, now = T0) {
    const r = await inviteUser(t, userId, { invitedBy: adminId, now });
    if (!r.ok) throw new Error(r.error);
    const delivery = await deliverMail(t, [r.outboxId], () => now);
    return { ...r, delivery };
  }

  it("delivers the Italian invitation to the right recipient, and its link sets the password exactly once", async () => {
    const id = await person("giulia.rossi@acme.example");
    const { delivery, outboxId } = await inviteAndSend(id);
    expect(delivery).toEqual({ sent: 1, failed: 0, held: 0 });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(["giulia.rossi@acme.example"]);
    expect(mail.from).toBe("formazione@acme.example");
    expect(mail.fromHeader).toContain("Formazione ACME");
    expect(mail.user).toBe(SINK_USER); // credentials from SMTP_URL were used
    expect(mail.subject).toBe("Il tuo accesso a Binomio: scegli la password");
    expect(mail.text).toContain("Gentile Giulia Rossi,");
    expect(mail.text).toContain("ACME S.p.A. ti ha registrato");
    expect(mail.text).toContain(`${BASE}/invite/`);
    const token = linkToken(mail.text, "invite");
    expect(linkToken(mail.html, "invite")).toBe(token);

    // Only the SHA-256 of the token is stored; the delivered outbox copy no longer holds the link.
    const stored = (await t.get<{
      token_hash: string;
      purpose: string;
      expires_at: number;
      created_at: number;
    }>("SELECT token_hash, purpose, expires_at, created_at FROM account_tokens WHERE user_id = ?", [id]))!;
    expect(stored.token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(stored.purpose).toBe("invite");
    expect(stored.expires_at - stored.created_at).toBe(7 * 86_400);
    const outbox = (await t.get<Record<string, unknown>>("SELECT text, html, sent_at, error, kind, user_id FROM outbox WHERE id = ?", [outboxId]))!;
    expect(outbox).toMatchObject({ kind: "invite", user_id: id, error: null });
    expect(outbox.sent_at).toBe(Math.floor(T0.getTime() / 1000));
    expect(String(outbox.text)).not.toContain(token);
    expect(String(outbox.html)).not.toContain(token);

    expect(await linkState(t, token, "invite", T0)).toMatchObject({ status: "valid", user: { id, email: "giulia.rossi@acme.example" } });
    // An invitation is not a reset link.
    expect(await linkState(t, token, "reset", T0)).toEqual({ status: "invalid" });

    const first = await setPasswordWithToken(t, { token, purpose: "invite", password: NEW_PASSWORD, confirmation: NEW_PASSWORD, now: new Date(T0.getTime() + DAY) });
    expect(first).toMatchObject({ ok: true, userId: id });
    expect(await verifyPassword((await getUserById(t, id))!.passwordHash, NEW_PASSWORD)).toBe(true);

    const second = await setPasswordWithToken(t, { token, purpose: "invite", password: "un'altra frase lunga", confirmation: "un'altra frase lunga" });
    expect(second).toEqual({ ok: false, error: "link" });
    expect(await verifyPassword((await getUserById(t, id))!.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await linkState(t, token, "invite")).toEqual({ status: "used" });

    const events = await t.all("SELECT type, actor_user_id AS actor, subject FROM audit_events ORDER BY id");
    expect(events).toEqual([
      { type: "account.invite", actor: adminId, subject: `user:${id}` },
      { type: "account.password-set", actor: id, subject: `user:${id}` },
    ]);
    expect((await verifyAuditChain(t)).ok).toBe(true);
  });

  it("carries the company: its name above the text, its sender name and reply-to, its logo inline", async () => {
    // A 1×1 PNG is enough for the mail: the logo travels as an inline part the HTML points to.
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
    await t.run("UPDATE companies SET sender_name = 'ACME Academy', reply_to = 'hr@acme.example', logo = ?, logo_type = 'image/png' WHERE id = ?", [png, companyId]);
    await inviteAndSend(await person("marco.verdi@acme.example", { firstName: "Marco", lastName: "Verdi" }));
    const mail = smtp.received.at(-1)!;
    expect(mail.fromHeader).toBe('"ACME Academy" <formazione@acme.example>');
    expect(mail.from).toBe("formazione@acme.example");
    expect(mail.replyTo).toBe("hr@acme.example");
    expect(mail.text.startsWith("ACME S.p.A.")).toBe(true);
    // mailparser inlines the cid: part it found, so the HTML shows the image.
    expect(mail.html).toContain(`src="data:image/png;base64,${png.toString("base64")}`);
    expect(mail.attachments).toEqual([{ cid: "company-logo@binomio", contentType: "image/png", size: png.length }]);
  });

  it("writes in English to an English-speaking person", async () => {
    const id = await person("john.smith@acme.example", { locale: "en", firstName: "John", lastName: "Smith" });
    await inviteAndSend(id);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(["john.smith@acme.example"]);
    expect(mail.subject).toBe("Your Binomio access: choose your password");
    expect(mail.text).toContain("Dear John Smith,");
    expect(mail.html).toContain('<html lang="en">');
    expect(linkToken(mail.text, "invite")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("refuses an expired invitation", async () => {
    const id = await person("late@acme.example");
    await inviteAndSend(id);
    const token = linkToken(smtp.received[0]!.text, "invite");
    const later = new Date(T0.getTime() + 7 * DAY + 1000);
    expect(await linkState(t, token, "invite", later)).toEqual({ status: "expired" });
    const r = await setPasswordWithToken(t, { token, purpose: "invite", password: NEW_PASSWORD, confirmation: NEW_PASSWORD, now: later });
    expect(r).toEqual({ ok: false, error: "link" });
    expect((await getUserById(t, id))!.passwordHash).toBeNull();
  });

  it("lets only one of two simultaneous submissions of the same link win", async () => {
    const id = await person("race@acme.example");
    await inviteAndSend(id);
    const token = linkToken(smtp.received[0]!.text, "invite");
    const [a, b] = await Promise.all([
      setPasswordWithToken(t, { token, purpose: "invite", password: "prima frase lunga", confirmation: "prima frase lunga", now: T0 }),
      setPasswordWithToken(t, { token, purpose: "invite", password: "seconda frase lunga", confirmation: "seconda frase lunga", now: T0 }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const winner = a.ok ? "prima frase lunga" : "seconda frase lunga";
    expect(await verifyPassword((await getUserById(t, id))!.passwordHash, winner)).toBe(true);
  });

  it("cancels the earlier link when a new invitation is sent", async () => {
    const id = await person("twice@acme.example");
    await inviteAndSend(id);
    await inviteAndSend(id, new Date(T0.getTime() + 60_000));
    const [old, fresh] = smtp.received.map((m) => linkToken(m.text, "invite"));
    const now = new Date(T0.getTime() + 120_000);
    expect(await linkState(t, old!, "invite", now)).toEqual({ status: "expired" });
    expect((await linkState(t, fresh!, "invite", now)).status).toBe("valid");
  });

  it("checks the new password before using the link", async () => {
    const id = await person("weak@acme.example");
    await inviteAndSend(id);
    const token = linkToken(smtp.received[0]!.text, "invite");
    const attempt = async (password: string, confirmation = password) => setPasswordWithToken(t, { token, purpose: "invite", password, confirmation, now: T0 });
    expect(await attempt("short")).toEqual({ ok: false, error: "password", problems: ["password.tooShort"] });
    expect(await attempt("Juventus1897!")).toEqual({ ok: false, error: "password", problems: ["password.common"] });
    // The shared policy is checked against the link's account: its e-mail may not be in the password.
    expect(await attempt("weak-weak è la mia")).toMatchObject({ ok: false, problems: ["password.containsEmail"] });
    expect(await attempt(NEW_PASSWORD, `${NEW_PASSWORD}!`)).toEqual({ ok: false, error: "password", problems: ["mismatch"] });
    expect((await linkState(t, token, "invite", T0)).status).toBe("valid");
    expect((await getUserById(t, id))!.passwordHash).toBeNull();
  });

  it("refuses unknown, deactivated and already-onboarded people, and a link of a person deactivated meanwhile", async () => {
    expect(await inviteUser(t, 9999, { invitedBy: adminId })).toEqual({ ok: false, error: "not_found" });
    expect(await inviteUser(t, adminId, { invitedBy: adminId })).toEqual({ ok: false, error: "has_password" });
    const off = await person("off@acme.example");
    await t.run("UPDATE users SET active = FALSE WHERE id = ?", [off]);
    expect(await inviteUser(t, off, { invitedBy: adminId })).toEqual({ ok: false, error: "inactive" });

    const later = await person("later-off@acme.example");
    await inviteAndSend(later);
    const token = linkToken(smtp.received[0]!.text, "invite");
    await t.run("UPDATE users SET active = FALSE WHERE id = ?", [later]);
    expect(await linkState(t, token, "invite", T0)).toEqual({ status: "invalid" });
    expect(await setPasswordWithToken(t, { token, purpose: "invite", password: NEW_PASSWORD, confirmation: NEW_PASSWORD, now: T0 })).toEqual({
      ok: false,
      error: "link",
    });
    expect(await t.get("SELECT count(*) AS n FROM outbox")).toEqual({ n: 1 });
  });

  it("escapes names in the HTML and keeps them verbatim in the text", async () => {
    await t.run("UPDATE companies SET name = ?", [`Rossi & Figli <b>"srl"</b>`]);
    const id = await person("xss@acme.example", { firstName: "<img src=x onerror=alert(1)>", lastName: "O'Brien" });
    await inviteAndSend(id);
    const stored = (await t.get<{ html: string; text: string }>("SELECT html, text FROM outbox WHERE user_id = ?", [id]))!;
    expect(stored.html).not.toContain("<img");
    expect(stored.html).not.toContain("<b>");
    expect(stored.html).toContain("&lt;img src=x onerror=alert(1)&gt; O&#39;Brien");
    expect(stored.html).toContain("Rossi &amp; Figli &lt;b&gt;&quot;srl&quot;&lt;/b&gt;");
    expect(stored.text).toContain("Gentile <img src=x onerror=alert(1)> O'Brien,");
    expect(smtp.received[0]!.text).toContain(`Rossi & Figli <b>"srl"</b>`);
  });

  it("ends every open session when the password is set through a link", async () => {
    const id = await person("sessions@acme.example");
    await createAuthSession(t, { id: "s-open", userId: id, ip: "203.0.113.1", userAgent: "vitest", now: T0 });
    await inviteAndSend(id);
    const token = linkToken(smtp.received[0]!.text, "invite");
    const r = await setPasswordWithToken(t, { token, purpose: "invite", password: NEW_PASSWORD, confirmation: NEW_PASSWORD, now: T0 });
    expect(r).toEqual({ ok: true, userId: id, sessionsEnded: 1 });
    expect(await liveSession(t, "s-open", id)).toBeNull();
  });
});
