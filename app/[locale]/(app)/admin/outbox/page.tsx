import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { listOutbox, OUTBOX_PAGE_SIZE } from "@/db/queries/mail";
import { listPeopleWithoutPassword } from "@/db/queries/tokens";
import { requireScope } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { smtpConfigured } from "@/lib/mail/deliver";
import { isMailKind } from "@/lib/mail/outbox";
import { inviteByEmailAction, inviteByIdAction } from "./actions";
import { InviteByEmailForm, InvitePersonButton } from "@/components/admin/invite-form";
import { outboxStatus, STATUS_BADGE } from "./_components/status";
import "./outbox.css";
import { DataTable, Pagination, Results } from "@/components/ui/data-table";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/outbox">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "outbox" }))("title") };
}

const Query = z.object({ page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined) });

/** Admins: every mail written for their company, newest first; with people:manage, the invitations too. */
export default async function OutboxPage({ params, searchParams }: PageProps<"/[locale]/admin/outbox">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { user, scope } = await requireScope("outbox:read");
  const query = Query.parse(await searchParams);
  const page = query.page ?? 1;
  const d = db();
  const { rows, total } = await listOutbox(d, scope.companyId, page);
  const pages = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
  const smtp = smtpConfigured();
  const mayInvite = can(user, "people:manage");
  const pending = mayInvite ? await listPeopleWithoutPassword(d, scope) : [];
  const t = await getTranslations("outbox");
  const format = await getFormatter();
  const when = (at: Date) => format.dateTime(at, { dateStyle: "short", timeStyle: "short" });

  return (
    <main id="main">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <p className={smtp ? "alert alert--ok" : "alert alert--info"}>{smtp ? t("smtpOn") : t("smtpOff")}</p>
      {mayInvite ? (
        <p>
          <Link href="/admin/reminders">{t("reminders.title")}</Link>
        </p>
      ) : null}

      {mayInvite ? (
        <section className="outbox-section" aria-labelledby="invite-title">
          <h2 id="invite-title">{t("invite.title")}</h2>
          <p className="muted">{t("invite.intro")}</p>
          <InviteByEmailForm action={inviteByEmailAction} />
          <h3>{t("invite.pendingTitle")}</h3>
          {pending.length === 0 ? (
            <p className="muted">{t("invite.pendingEmpty")}</p>
          ) : (
            <DataTable columns={[t("invite.name"), t("to"), t("invite.lastInvite"), <th key="invite" scope="col"><span className="visually-hidden">{t("invite.submit")}</span></th>]}>
              {pending.map((p) => {
                const name = `${p.lastName} ${p.firstName}`;
                return (
                  <tr key={p.id}>
                    <td data-label={t("invite.name")}>{name}</td>
                    <td data-label={t("to")}>{p.email}</td>
                    <td data-label={t("invite.lastInvite")}>{p.lastInvitedAt ? when(new Date(p.lastInvitedAt * 1000)) : t("invite.never")}</td>
                    <td>
                      <InvitePersonButton action={inviteByIdAction} userId={p.id} email={p.email} name={name} invitedBefore={p.lastInvitedAt !== null} />
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          )}
        </section>
      ) : null}

      <section className="outbox-section" aria-labelledby="mails-title">
        <h2 id="mails-title">{t("title")}</h2>
        <Results count={t("count", { total })} empty={t("empty")} rows={rows.length}>
          <DataTable columns={[t("time"), t("to"), t("subject"), t("kind"), t("status")]}>
            {rows.map((m) => {
              const status = outboxStatus(m, smtp);
              return (
                <tr key={m.id}>
                  <td data-label={t("time")}>{when(m.createdAt)}</td>
                  <td data-label={t("to")}>{m.toAddress}</td>
                  <td data-label={t("subject")}>
                    <Link href={`/admin/outbox/${m.id}`}>{m.subject}</Link>
                  </td>
                  <td data-label={t("kind")}>{t(`kinds.${isMailKind(m.kind) ? m.kind : "other"}`)}</td>
                  <td data-label={t("status")}>
                    <span className={STATUS_BADGE[status]}>{t(`statuses.${status}`)}</span>
                  </td>
                </tr>
              );
            })}
          </DataTable>
        </Results>
        <Pagination
          page={page}
          pages={pages}
          href={(p) => `/admin/outbox?page=${p}`}
          labels={{ nav: t("pagination"), previous: t("previous"), next: t("next"), page: t("page", { page, pages }) }}
        />
      </section>
    </main>
  );
}
