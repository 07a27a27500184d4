import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { requireScope } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { smtpConfigured } from "@/lib/mail/deliver";
import { runRemindersAction } from "./actions";
import { RunRemindersForm } from "./_components/run-form";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/reminders">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "outbox.reminders" }))("title") };
}

/** Admins and department managers: send the due-date reminders of their people now (the same run cron does with `npm run reminders`). */
export default async function RemindersPage({ params }: PageProps<"/[locale]/admin/reminders">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { user } = await requireScope("reminders:send");
  const t = await getTranslations("outbox");
  const smtp = smtpConfigured();
  return (
    <main id="main" className="narrow-wide">
      <h1>{t("reminders.title")}</h1>
      <p>{t("reminders.intro", { days: env().REMINDER_DAYS_BEFORE })}</p>
      <p className="muted">{t("reminders.cron")}</p>
      <p className={smtp ? "alert alert--ok" : "alert alert--info"}>{smtp ? t("smtpOn") : t("smtpOff")}</p>
      <RunRemindersForm action={runRemindersAction} />
      {can(user, "outbox:read") ? (
        <p>
          <Link href="/admin/outbox">{t("title")}</Link>
        </p>
      ) : null}
    </main>
  );
}
