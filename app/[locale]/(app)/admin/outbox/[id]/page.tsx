import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { getOutboxMail } from "@/db/queries/mail";
import { requireScope } from "@/lib/auth/guards";
import { smtpConfigured } from "@/lib/mail/deliver";
import { isMailKind } from "@/lib/mail/outbox";
import { hasOneTimeLink, REDACTED_TOKEN, redactOneTimeLinks } from "@/lib/mail/redact";
import { mayReadLinks } from "@/lib/mail/link-access";
import { getCompanyLogo } from "@/db/queries/companies";
import { previewHtml } from "@/lib/mail/brand";
import { revealOutboxLinkAction } from "../actions";
import { outboxStatus, STATUS_BADGE } from "../_components/status";
import "../outbox.css";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/outbox/[id]">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "outbox" }))("title") };
}

const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * One mail as stored. The text is shown as text; the HTML only inside a sandboxed frame with
 * no permissions at all (no scripts, no same-origin access, no forms, no navigation of this page).
 * A one-time link still waiting to be delivered is hidden unless this admin sent the invitation
 * or asked to see it (recorded in the audit trail).
 */
export default async function OutboxMailPage({ params }: PageProps<"/[locale]/admin/outbox/[id]">) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const { user, scope } = await requireScope("outbox:read");
  const parsed = Id.safeParse(id);
  const d = db();
  const mail = parsed.success ? await getOutboxMail(d, scope.companyId, parsed.data) : undefined;
  if (!mail) notFound();
  // A live one-time link lets its reader in as the recipient: shown only as lib/mail/link-access.ts allows.
  const hidden = !mail.sentAt && (hasOneTimeLink(mail.text) || hasOneTimeLink(mail.html)) && !await mayReadLinks(d, mail.id, user);
  const t = await getTranslations("outbox");
  const format = await getFormatter();
  const when = (at: Date) => format.dateTime(at, { dateStyle: "long", timeStyle: "medium" });
  const status = outboxStatus(mail, smtpConfigured());

  return (
    <main id="main">
      <p>
        <Link href="/admin/outbox">{t("detail.back")}</Link>
      </p>
      <h1>{mail.subject}</h1>
      <dl className="facts">
        <div>
          <dt>{t("to")}</dt>
          <dd>{mail.toAddress}</dd>
        </div>
        <div>
          <dt>{t("kind")}</dt>
          <dd>{t(`kinds.${isMailKind(mail.kind) ? mail.kind : "other"}`)}</dd>
        </div>
        <div>
          <dt>{t("status")}</dt>
          <dd>
            <span className={STATUS_BADGE[status]}>{t(`statuses.${status}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t("detail.created")}</dt>
          <dd>{when(mail.createdAt)}</dd>
        </div>
        {mail.sentAt ? (
          <div>
            <dt>{t("detail.sent")}</dt>
            <dd>{when(mail.sentAt)}</dd>
          </div>
        ) : null}
      </dl>
      {mail.error && !mail.sentAt ? (
        <p className="alert alert--error">
          {t("detail.error")}: {mail.error}
        </p>
      ) : null}
      {mail.sentAt && mail.text.includes(REDACTED_TOKEN) ? <p className="muted">{t("detail.redacted")}</p> : null}
      {hidden ? (
        <form action={revealOutboxLinkAction} className="alert alert--info">
          <p>{t("detail.linkHidden", { to: mail.toAddress })}</p>
          <input type="hidden" name="outboxId" value={mail.id} />
          <button type="submit" className="button button--secondary">
            {t("detail.reveal")}
          </button>
        </form>
      ) : null}
      <h2>{t("detail.text")}</h2>
      <pre className="outbox-mail__text">{hidden ? redactOneTimeLinks(mail.text) : mail.text}</pre>
      <h2>{t("detail.html")}</h2>
      <iframe
        className="outbox-mail__frame"
        sandbox=""
        srcDoc={previewHtml(hidden ? redactOneTimeLinks(mail.html) : mail.html, mail.companyId ? await getCompanyLogo(d, mail.companyId) : null)}
        title={t("detail.htmlFrame")}
        referrerPolicy="no-referrer"
      />
    </main>
  );
}
