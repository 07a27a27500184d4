import "server-only";
import type { Engine } from "@/db/engine/types";
import { insertOutboxMail } from "@/db/queries/mail";
import type { RenderedMail } from "./render";

export const MAIL_KINDS = ["invite", "reset", "reminder-due-soon", "reminder-overdue", "sign-in-failures"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export function isMailKind(v: unknown): v is MailKind {
  return typeof v === "string" && (MAIL_KINDS as readonly string[]).includes(v);
}

/**
 * Writes a mail to the outbox and returns its id. Call it inside the transaction of the event
 * the mail belongs to (a token, a reminder-log row), so both are stored or neither; deliver it
 * with `deliverMail` once that transaction has committed.
 */
export async function queueMail(d: Engine, m: { to: string; userId: number | null; companyId: number | null; kind: MailKind; mail: RenderedMail; now?: Date }): Promise<number> {
  return insertOutboxMail(d, { to: m.to, userId: m.userId, companyId: m.companyId, kind: m.kind, subject: m.mail.subject, text: m.mail.text, html: m.mail.html, now: m.now });
}
