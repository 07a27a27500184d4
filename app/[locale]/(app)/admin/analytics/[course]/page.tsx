import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { listExerciseAttempts, listGradedAttempts } from "@/db/queries/analytics";
import { requireScope } from "@/lib/auth/guards";
import { courseMisconceptions } from "@/lib/analytics/course-misconceptions";
import { cellOf, MIN_GROUP_SIZE, type MisconceptionCell } from "@/lib/analytics/misconceptions";
import { analyticsRange, AnalyticsQuerySchema } from "@/lib/analytics/query";
import { getCourse } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import type { Locale } from "@/lib/i18n/locales";
import { parseLenient, searchParamsObject } from "@/lib/reports/filters";
import { pct } from "@/components/analytics/bar-chart";
import { Heatmap, type HeatCell } from "@/components/analytics/heatmap";
import { PeriodForm, periodQuery } from "@/components/analytics/period-form";
import "@/components/analytics/analytics.css";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/analytics/[course]">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "analytics" }))("groupsTitle") };
}

/** Misconceptions per risk × department, for admins: a heatmap first, then the wrong answers behind it. */
export default async function MisconceptionsPage({ params, searchParams }: PageProps<"/[locale]/admin/analytics/[course]">) {
  const { locale: raw, course: slug } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const { scope } = await requireScope("analytics:groups");
  const t = await getTranslations("analytics");
  const { data: query, dropped } = parseLenient(AnalyticsQuerySchema, { ...searchParamsObject(await searchParams), course: slug });
  const course = query ? getCourse(query.course) : null;
  if (!query || !course) notFound();

  const range = analyticsRange(query);
  const report = courseMisconceptions(course, await listGradedAttempts(db(), course.slug, range, scope), locale, await listExerciseAttempts(db(), course.slug, range, scope));
  const groupName = (g: string | null) => g ?? t("noGroup");
  const heat = (c: MisconceptionCell | undefined): HeatCell =>
    !c ? { share: null, text: "–" } : c.tooSmall ? { share: null, text: t("tooSmall") } : { share: c.wrongShare, text: pct(c.wrongShare), note: t("peopleCount", { count: c.people }) };
  const path = `/admin/analytics/${course.slug}`;
  const exportQuery = `course=${course.slug}${periodQuery(query).replace("?", "&")}`;
  return (
    <main id="main">
      <h1>
        {t("groupsTitle")}: {localized(course.title, locale)}
      </h1>
      {report.risks.length === 0 ? (
        <p className="empty-state">{t("noAnswers")}</p>
      ) : (
        <Heatmap
          caption={t("heatmapCaption")}
          corner={t("riskHeader")}
          columns={[...report.groups.map(groupName), t("all")]}
          rows={report.risks.map((risk) => ({
            label: t(`risks.${risk}`),
            cells: [...report.groups.map((g) => heat(cellOf(report, risk, g))), heat(report.overall.find((c) => c.risk === risk))],
          }))}
        />
      )}
      <p>{t("groupsIntro")}</p>
      <p className="alert alert--info">{t("privacyNote", { min: MIN_GROUP_SIZE })}</p>
      {dropped.length > 0 ? <p className="alert alert--error">{t("invalidFilter", { fields: dropped.join(", ") })}</p> : null}
      <PeriodForm action={path} from={query.from} to={query.to} labels={{ period: t("period"), from: t("from"), to: t("to"), apply: t("apply") }} />
      <p className="toolbar">
        <a className="button button--secondary" href={`/api/admin/analytics/misconceptions.csv?${exportQuery}`} download>
          {t("downloadCsv")}
        </a>
        <a className="button button--secondary" href={`/api/admin/analytics/misconceptions.xlsx?${exportQuery}`} download>
          {t("downloadXlsx")}
        </a>
      </p>
      {report.risks.length > 0 ? <h2>{t("byGroup")}</h2> : null}
      {report.groups.map((g) => (
        <section key={g ?? ""} aria-labelledby={`group-${g ?? "none"}`} className="card" style={{ marginBottom: "1rem" }}>
          <h3 id={`group-${g ?? "none"}`}>{groupName(g)}</h3>
          <ul>
            {report.risks.map((risk) => {
              const c = cellOf(report, risk, g);
              if (!c) return null;
              return (
                <li key={risk}>
                  <strong>{t(`risks.${risk}`)}</strong>:{" "}
                  {c.tooSmall ? (
                    <span className="muted">{t("tooSmall")}</span>
                  ) : (
                    <>
                      {t("wrongShareOf", { share: pct(c.wrongShare), answers: c.answers })}
                      {c.topWrong.length > 0 ? (
                        <ol aria-label={t("topWrong")}>
                          {c.topWrong.map((w) => (
                            <li key={`${w.questionId}-${w.optionId}`}>
                              «{w.text}» <span className="muted">({t("times", { count: w.count })})</span>
                            </li>
                          ))}
                        </ol>
                      ) : null}
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </main>
  );
}
