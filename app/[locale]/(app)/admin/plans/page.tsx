import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { listPlans } from "@/db/queries/plans";
import { requireScope } from "@/lib/auth/guards";
import { localized } from "@/lib/content/schemas";
import { getCourse } from "@/lib/content/lookup";
import type { Locale } from "@/lib/i18n/locales";
import { planCourseCounts, planParticipants } from "@/lib/plans/overview";
import { FUND_LABELS_IT } from "@/lib/reports/funding";
import { registerClock } from "@/lib/reports/register-clock";
import { DataTable } from "@/components/ui/data-table";
import { dayDate } from "./_components/plan-values";
import "@/components/reports/reports.css";
import "./plans.css";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/plans">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "plans" }))("title") };
}

/** The training plans of the company the admin works in, each with its references and participants. */
export default async function PlansPage({ params }: PageProps<"/[locale]/admin/plans">) {
  const { locale: raw } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const { scope } = await requireScope("company:manage");
  const t = await getTranslations("plans");
  const format = await getFormatter();
  const d = db();
  const clock = registerClock();
  const plans = [];
  for (const plan of await listPlans(d, scope)) plans.push({ plan, participants: planParticipants(await planCourseCounts(d, scope, plan, clock)) });
  const day = (v: string) => format.dateTime(dayDate(v), { dateStyle: "medium" });
  const period = (start: string | null, end: string | null) =>
    start && end ? t("periodValue", { startDate: day(start), endDate: day(end) }) : start ? t("periodFrom", { startDate: day(start) }) : end ? t("periodUntil", { endDate: day(end) }) : t("none");
  const courseTitle = (slug: string) => {
    const c = getCourse(slug);
    return c ? localized(c.title, locale) : slug;
  };
  return (
    <main id="main">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <p>
        <Link className="button" href="/admin/plans/new">
          {t("new")}
        </Link>
      </p>
      <p className="muted" aria-live="polite">
        {t("count", { count: plans.length })}
      </p>
      {plans.length === 0 ? (
        <p className="empty-state">{t("empty")}</p>
      ) : (
        <DataTable columns={[t("planTitle"), t("fund"), t("avviso"), t("protocol"), t("cup"), t("period"), t("courses"), t("participants")]}>
          {plans.map(({ plan, participants }) => (
            <tr key={plan.id}>
              <th scope="row" data-label={t("planTitle")}>
                <Link href={`/admin/plans/${plan.id}`}>{plan.title}</Link>
              </th>
              <td data-label={t("fund")}>{FUND_LABELS_IT[plan.fund]}</td>
              <td data-label={t("avviso")}>{plan.avviso ?? t("none")}</td>
              <td data-label={t("protocol")}>{plan.protocol ?? t("none")}</td>
              <td data-label={t("cup")}>{plan.cup ?? t("none")}</td>
              <td data-label={t("period")}>{period(plan.startsOn, plan.endsOn)}</td>
              <td data-label={t("courses")}>
                <ul className="plain-list">
                  {plan.courses.map((slug) => (
                    <li key={slug}>
                      <Link href={`/admin/reports/participants?course=${slug}&plan=${plan.id}`}>{courseTitle(slug)}</Link>
                    </li>
                  ))}
                </ul>
              </td>
              <td data-label={t("participants")} className="num">
                {participants}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </main>
  );
}
