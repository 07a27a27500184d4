import "server-only";
import nodemailer from "nodemailer";
import type { Engine } from "@/db/engine/types";
import { listRetryableIds, listUndeliveredByIds, markOutboxFailed, markOutboxSent } from "@/db/queries/mail";
import { env } from "@/lib/env";
import { hasOneTimeLink, redactOneTimeLinks } from "./redact";
import { LOGO_CID, mailAddress, mailSender } from "./brand";

type Transporter = ReturnType<typeof nodemailer.createTransport>;

let cached: { key: string; transporter: Transporter } | undefined;

/** The SMTP transport for SMTP_URL and MAIL_FROM, or null when SMTP_URL is unset (demo: mail stays in the outbox). */
function smtpTransport(): Transporter | null {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) return null;
  const key = `${SMTP_URL}\n${MAIL_FROM}`;
  if (cached?.key !== key) {
    cached?.transporter.close();
    // Options in the URL's query (e.g. `?ignoreTLS=true`) override these defaults.
    const transporter = nodemailer.createTransport(
      { url: SMTP_URL, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 },
      { from: MAIL_FROM },
    );
    cached = { key, transporter };
  }
  return cached.transporter;
}

/** Is outgoing mail configured (SMTP_URL)? */
export function smtpConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}

export type DeliveryReport = { sent: number; failed: number; held: number };

/**
 * Sends the given outbox mails that are still undelivered, one after the other, and records
 * the outcome on each row (`sent_at`, or `error` for a later retry). Without SMTP_URL nothing
 * is sent and the mails are reported as held. Never throws for a delivery failure.
 *
 * Call it after the transaction that queued the mails has committed: a mail must never leave
 * for an event that was rolled back.
 */
export async function deliverMail(d: Engine, ids: readonly number[], now: () => Date = () => new Date()): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, held: 0 };
  const mails = await listUndeliveredByIds(d, ids);
  const transporter = smtpTransport();
  if (!transporter) {
    report.held = mails.length;
    return report;
  }
  const address = mailAddress(env().MAIL_FROM);
  for (const m of mails) {
    try {
      // The company's sender name on our own address (the domain's SPF and DKIM are ours), its reply-to, its logo inline.
      const sender = await mailSender(d, m.companyId);
      await transporter.sendMail({
        to: m.toAddress,
        subject: m.subject,
        text: m.text,
        html: m.html,
        ...(sender.name ? { from: { name: sender.name, address } } : {}),
        ...(sender.replyTo ? { replyTo: sender.replyTo } : {}),
        ...(sender.logo && m.html.includes(`cid:${LOGO_CID}`) ? { attachments: [{ cid: LOGO_CID, content: sender.logo.bytes, contentType: sender.logo.type, filename: "logo" }] } : {}),
      });
      const scrub = hasOneTimeLink(m.text) || hasOneTimeLink(m.html);
      await markOutboxSent(d, m.id, now(), scrub ? { text: redactOneTimeLinks(m.text), html: redactOneTimeLinks(m.html) } : undefined);
      report.sent++;
    } catch (e) {
      await markOutboxFailed(d, m.id, e instanceof Error ? e.message : String(e));
      report.failed++;
    }
  }
  return report;
}

/**
 * Retries what is still undelivered: failed mails, and mails queued more than `staleMinutes`
 * ago that no process delivered (it stopped first). Mails older than `maxAgeDays` are given up
 * (their links have expired anyway). For cron, next to the reminders.
 */
export async function retryUndelivered(
  d: Engine,
  opts: { now?: Date; staleMinutes?: number; maxAgeDays?: number; limit?: number } = {},
): Promise<DeliveryReport> {
  if (!smtpConfigured()) return { sent: 0, failed: 0, held: 0 };
  const now = opts.now ?? new Date();
  const queuedBefore = new Date(now.getTime() - (opts.staleMinutes ?? 10) * 60_000);
  const createdAfter = new Date(now.getTime() - (opts.maxAgeDays ?? 3) * 86_400_000);
  return deliverMail(d, await listRetryableIds(d, queuedBefore, createdAfter, opts.limit ?? 200));
}
