import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { courseOverview } from "@/db/queries/register";
import { listPlans } from "@/db/queries/plans";
import { planCourseCounts } from "@/lib/plans/overview";
import { registerClock } from "@/lib/reports/register-clock";
import { requireScope } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { loadCatalog } from "@/lib/content/catalog";
import type { Locale } from "@/lib/i18n/locales";
import { formatHoursMinutes } from "@/lib/reports/format";
import { listReportCourses } from "@/lib/reports/register";
import "@/components/reports/reports.css";
import { DataTable } from "@/components/ui/data-table";
import { STATE_COLUMNS, StateCountCells } from "@/components/admin/state-counts";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/reports">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "reports" }))("title") };
}

/** Course overview for administrators: one row per course with its participants' outcomes. */
export default async function ReportsPage({ params }: PageProps<"/[locale]/admin/reports">) {
  const { locale: raw } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const { user, scope } = await requireScope("reports:read");
  const t = await getTranslations("reports");
  const ts = await getTranslations("states");
  const label = (c: (typeof STATE_COLUMNS)[number]) => ts(`columns.${c}`);
  const ta = await getTranslations("analytics");
  const format = await getFormatter();
  const d = db();
  const clock = registerClock();
  const courses = [];
  for (const course of await listReportCourses(d, scope, loadCatalog().courses)) courses.push({ course, o: await courseOverview(d, { course: course.params, scope }, clock) });
  const tn = await getTranslations("tenancy");
  // The company's plans, each with the counts of its courses (the register and certificates are per plan).
  const plans = [];
  for (const plan of await listPlans(d, scope)) {
    plans.push({ plan, rows: (await planCourseCounts(d, scope, plan, clock, courses.map((c) => c.course))).map(({ course, counts }) => ({ course, o: counts })) });
  }
  const pct = (value: number) => t("percent", { value: format.number(value, { maximumFractionDigits: 1 }) });
  const mayExport = can(user, "reports:export");

  return (
    <main id="main">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      {courses.length === 0 ? (
        <p className="empty-state">{t("noCourses")}</p>
      ) : (
        <>
          <section aria-labelledby="who">
            <h2 id="who">{t("whoTitle")}</h2>
            <p className="hint">{ts("legend")}</p>
            <DataTable columns={[t("course"), ...STATE_COLUMNS.map(label)]}>
              {courses.map(({ course, o }) => (
                <tr key={course.slug}>
                  <th scope="row" data-label={t("course")}>
                    <Link href={`/admin/reports/participants?course=${course.slug}`} className="course-link">
                      {course.title(locale)}
                    </Link>
                    {course.course && can(user, "analytics:groups") ? (
                      <span className="course-links">
                        <Link href={`/admin/analytics/${course.slug}`}>{ta("groupsTitle")}</Link> · <Link href={`/trainer/analytics/${course.slug}`}>{ta("itemsTitle")}</Link>
                      </span>
                    ) : null}
                    {course.course?.status === "published" ? null : (
                      <span className="badge badge--draft">{course.course ? t("draft") : t("notInCatalog")}</span>
                    )}
                  </th>
                  <StateCountCells
                    counts={o}
                    label={label}
                    href={(c) => {
                      const base = `/admin/reports/participants?course=${course.slug}`;
                      return c === "enrolled" ? base : c === "overdue" ? `${base}&overdue=1` : `${base}&status=${c}`;
                    }}
                  />
                </tr>
              ))}
            </DataTable>
          </section>
          {plans.length ? (
            <section aria-labelledby="by-plan">
              <h2 id="by-plan">{tn("byPlanTitle")}</h2>
              <DataTable columns={[tn("plan"), t("course"), ...STATE_COLUMNS.map(label)]}>
                {plans.flatMap(({ plan, rows }) =>
                  rows.map(({ course, o }) => (
                    <tr key={`${plan.id}-${course.slug}`}>
                      <th scope="row" data-label={tn("plan")}>
                        <Link href={`/admin/plans/${plan.id}`}>{plan.title}</Link>
                      </th>
                      <td data-label={t("course")}>{course.title(locale)}</td>
                      <StateCountCells
                        counts={o}
                        label={label}
                        href={(c) => {
                          const base = `/admin/reports/participants?course=${course.slug}&plan=${plan.id}`;
                          return c === "enrolled" ? base : c === "overdue" ? `${base}&overdue=1` : `${base}&status=${c}`;
                        }}
                      />
                    </tr>
                  )),
                )}
              </DataTable>
            </section>
          ) : null}
          <section aria-labelledby="results">
            <h2 id="results">{t("resultsTitle")}</h2>
            <DataTable columns={[t("course"), t("lessonsDone"), t("passRate"), t("averageScore"), t("averageHours")]}>
              {courses.map(({ course, o }) => (
                <tr key={course.slug}>
                  <th scope="row" data-label={t("course")}>
                    {course.title(locale)}
                  </th>
                  <td data-label={t("lessonsDone")} className="num">
                    {o.lessonsDone}
                  </td>
                  <td data-label={t("passRate")} className="num">
                    {o.tested ? t("passRateValue", { passed: o.passed, tested: o.tested, percent: format.number((o.passed * 100) / o.tested, { maximumFractionDigits: 1 }) }) : t("none")}
                  </td>
                  <td data-label={t("averageScore")} className="num">
                    {o.averageScore === null ? t("none") : pct(o.averageScore)}
                  </td>
                  <td data-label={t("averageHours")} className="num">
                    {o.averageSeconds === null ? t("none") : formatHoursMinutes(o.averageSeconds)}
                  </td>
                </tr>
              ))}
            </DataTable>
          </section>
        </>
      )}
      {mayExport ? (
        <section className="report-section" aria-labelledby="access-log">
          <h2 id="access-log">{t("accessLog")}</h2>
          <ul className="report-downloads">
            <li>
              <a className="button button--secondary" href="/api/admin/reports/sessions.csv" download>
                {t("accessLogCsv")}
              </a>
            </li>
            <li>
              <a className="button button--secondary" href="/api/admin/reports/sessions.xlsx" download>
                {t("accessLogXlsx")}
              </a>
            </li>
          </ul>
          <p className="hint">{t("downloadsHint")}</p>
        </section>
      ) : null}
    </main>
  );
}
