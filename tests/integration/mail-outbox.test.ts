import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createUserIfMissing } from "@/db/queries/users";
import { listOutbox } from "@/db/queries/mail";
import { inviteUser } from "@/lib/account/invite";
import { resetEnvCache } from "@/lib/env";
import { deliverMail, retryUndelivered, smtpConfigured } from "@/lib/mail/deliver";
import { queueMail } from "@/lib/mail/outbox";
import { renderMail } from "@/lib/mail/render";
import { linkToken, setMailEnv, useSmtpSink } from "./support/smtp-sink";
import { openTestDb, type TestDb } from "./support/test-db";

describe("the outbox", () => {
  const smtp = useSmtpSink();
  let t: TestDb;
  let userId: number;
  let companyId: number;

  beforeEach(async () => {
    t = await openTestDb();
    companyId = (await t.get<{ id: number }>("INSERT INTO companies (name) VALUES ('Officine Test S.r.l.') RETURNING id"))!.id;
    userId = (await createUserIfMissing(t, { email: "paolo@example.com", firstName: "Paolo", lastName: "Ricci", passwordHash: null, roles: ["learner"], companyId })).user.id;
  });
  afterEach(() => t.close());

  const useSmtp = (on: boolean) => {
    setMailEnv(on ? { SMTP_URL: smtp.url(), PUBLIC_BASE_URL: "https://binomio.example" } : { PUBLIC_BASE_URL: "https://binomio.example" });
    resetEnvCache();
  };

  it("with no SMTP_URL sends nothing and keeps the whole mail, link included, for the admins", async () => {
    useSmtp(false);
    expect(smtpConfigured()).toBe(false);
    const r = await inviteUser(t, userId, { invitedBy: null });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(await deliverMail(t, [r.outboxId])).toEqual({ sent: 0, failed: 0, held: 1 });
    expect(await retryUndelivered(t)).toEqual({ sent: 0, failed: 0, held: 0 });
    expect(smtp.received).toHaveLength(0);
    const row = (await t.get<Record<string, string | null>>("SELECT to_address, subject, kind, sent_at, error, text, html FROM outbox WHERE id = ?", [r.outboxId]))!;
    expect(row).toMatchObject({ to_address: "paolo@example.com", subject: "Il tuo accesso a Binomio: scegli la password", kind: "invite", sent_at: null, error: null });
    expect(linkToken(row.text!, "invite")).toBe(linkToken(row.html!, "invite"));
    expect((await listOutbox(t, companyId)).rows.map((m) => m.id)).toEqual([r.outboxId]);
    // Another company's admins see none of it.
    expect((await listOutbox(t, companyId + 1)).rows).toEqual([]);
  });

  it("records a refused delivery and sends it on a later retry", async () => {
    useSmtp(true);
    smtp.rejectAll(true);
    const r = await inviteUser(t, userId, { invitedBy: null });
    if (!r.ok) throw new Error(r.error);
    expect(await deliverMail(t, [r.outboxId])).toEqual({ sent: 0, failed: 1, held: 0 });
    const failed = (await t.get<{ sent_at: number | null; error: string }>("SELECT sent_at, error FROM outbox WHERE id = ?", [r.outboxId]))!;
    expect(failed.sent_at).toBeNull();
    expect(failed.error).toMatch(/550|Mailbox unavailable/);

    smtp.rejectAll(false);
    expect(await retryUndelivered(t)).toEqual({ sent: 1, failed: 0, held: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(await t.get("SELECT error, sent_at IS NOT NULL AS sent FROM outbox WHERE id = ?", [r.outboxId])).toEqual({ error: null, sent: 1 });
    // Delivered mails are not sent again.
    expect(await deliverMail(t, [r.outboxId])).toEqual({ sent: 0, failed: 0, held: 0 });
    expect(await retryUndelivered(t)).toEqual({ sent: 0, failed: 0, held: 0 });
  });

  it("leaves freshly queued mails to the process that queued them, but retries stale ones", async () => {
    useSmtp(true);
    const mail = renderMail({
      locale: "it",
      subject: "Prova",
      greeting: "Ciao,",
      paragraphs: ["Un messaggio."],
      notes: [],
      linkFallback: "",
      signature: "Binomio",
      automatic: "Automatico.",
    });
    const now = new Date();
    const fresh = await queueMail(t, { to: "paolo@example.com", userId, companyId, kind: "reset", mail, now });
    const stale = await queueMail(t, { to: "paolo@example.com", userId, companyId, kind: "reset", mail, now: new Date(now.getTime() - 30 * 60_000) });
    const ancient = await queueMail(t, { to: "paolo@example.com", userId, companyId, kind: "reset", mail, now: new Date(now.getTime() - 10 * 86_400_000) });
    expect(await retryUndelivered(t, { now })).toEqual({ sent: 1, failed: 0, held: 0 });
    const sent = (await t.all<{ id: number }>("SELECT id FROM outbox WHERE sent_at IS NOT NULL")).map((r) => r.id);
    expect(sent).toEqual([stale]);
    expect(sent).not.toContain(fresh);
    expect(sent).not.toContain(ancient);
  });

  it("never puts a non-web link in a mail", () => {
    expect(() =>
      renderMail({
        locale: "it",
        subject: "x",
        greeting: "x",
        paragraphs: [],
        action: { label: "x", url: "javascript:alert(1)" },
        notes: [],
        linkFallback: "",
        signature: "",
        automatic: "",
      }),
    ).toThrow(/javascript/);
  });

  it("keeps CR/LF out of the subject", () => {
    const m = renderMail({ locale: "en", subject: "Hello\r\nBcc: victim@example.com", greeting: "", paragraphs: [], notes: [], linkFallback: "", signature: "", automatic: "" });
    expect(m.subject).toBe("Hello Bcc: victim@example.com");
  });
});
