import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { listExerciseAttempts, listGradedAttempts } from "@/db/queries/analytics";
import { requirePermission } from "@/lib/auth/guards";
import { canForCourse } from "@/lib/auth/permissions";
import { MIN_RESPONSES_FOR_FLAGS, TOO_EASY_FACILITY, TOO_HARD_FACILITY } from "@/lib/analytics/item-analysis";
import { itemReport } from "@/lib/analytics/item-report";
import { analyticsRange, AnalyticsQuerySchema } from "@/lib/analytics/query";
import { getCourse } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import type { Locale } from "@/lib/i18n/locales";
import { parseLenient, searchParamsObject } from "@/lib/reports/filters";
import { BarChart, num, pct } from "@/components/analytics/bar-chart";
import { PeriodForm, periodQuery } from "@/components/analytics/period-form";
import "@/components/analytics/analytics.css";
import { DataTable } from "@/components/ui/data-table";

export async function generateMetadata({ params }: PageProps<"/[locale]/trainer/analytics/[course]">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "analytics" }))("itemsTitle") };
}

function minutes(seconds: number | null): string {
  if (seconds === null) return "–";
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** Item analysis of a course's questions, for trainers and admins (aggregates only). */
export default async function ItemAnalysisPage({ params, searchParams }: PageProps<"/[locale]/trainer/analytics/[course]">) {
  const { locale: raw, course: slug } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const user = await requirePermission("analytics:items");
  const t = await getTranslations("analytics");
  const { data: query, dropped } = parseLenient(AnalyticsQuerySchema, { ...searchParamsObject(await searchParams), course: slug });
  const course = query ? getCourse(query.course) : null;
  // A trainer limited to other courses does not see this one (as if it did not exist).
  if (!query || !course || !canForCourse(user, "analytics:items", course.slug)) notFound();

  // An admin sees their company's attempts; a trainer every company's (aggregates only).
  const range = analyticsRange(query);
  const report = itemReport(course, await listGradedAttempts(db(), course.slug, range, user.scope), locale, await listExerciseAttempts(db(), course.slug, range, user.scope));
  const path = `/trainer/analytics/${course.slug}`;
  return (
    <main id="main">
      <h1>
        {t("itemsTitle")}: {localized(course.title, locale)}
      </h1>
      <p>{t("itemsIntro")}</p>
      <p className="alert alert--info">{t("flagsNote", { min: MIN_RESPONSES_FOR_FLAGS })}</p>
      <p className="muted">{t("timeNote")}</p>
      {dropped.length > 0 ? <p className="alert alert--error">{t("invalidFilter", { fields: dropped.join(", ") })}</p> : null}
      <PeriodForm action={path} from={query.from} to={query.to} labels={{ period: t("period"), from: t("from"), to: t("to"), apply: t("apply") }} />
      <p>
        <a className="button button--secondary" href={`/api/trainer/item-analysis.csv?course=${course.slug}${periodQuery(query).replace("?", "&")}`} download>
          {t("downloadCsv")}
        </a>
      </p>
      {report.map((quiz) => (
        <section key={quiz.id} aria-labelledby={`quiz-${quiz.id}`} className="card" style={{ marginBottom: "1.25rem" }}>
          <h2 id={`quiz-${quiz.id}`}>
            {quiz.title} <span className="badge">{quiz.kind === "final-bank" ? t("finalBank") : quiz.kind === "lesson-check" ? t("lessonCheck") : t("exercise")}</span>
          </h2>
          <p className="muted">
            {t("quizAttempts", { count: quiz.attempts })}
            {quiz.medianAttemptSeconds !== null ? ` · ${t("medianAttempt", { time: minutes(quiz.medianAttemptSeconds) })}` : null}
          </p>
          <BarChart
            id={`facility-${quiz.id}`}
            title={t("facilityChart", { quiz: quiz.title })}
            bars={quiz.questions.map((q, i) => ({ label: `D${i + 1}`, value: q.stats.facility ?? 0, valueText: pct(q.stats.facility) }))}
            marks={[TOO_HARD_FACILITY, TOO_EASY_FACILITY]}
            marksLabel={t("facilityThreshold")}
          />
          {quiz.questions.map((q, i) => (
            <article key={q.id} className="analytics-question" aria-labelledby={`q-${q.id}`}>
              <h3 id={`q-${q.id}`} style={{ fontSize: "1rem" }}>
                D{i + 1}. {q.prompt}
              </h3>
              <p className="muted">
                {/* The id is how the trainer finds the question in its YAML file: an identifier, not Italian text. */}
                <code lang="zxx" translate="no">
                  {q.id}
                </code>{" "}
                · {t("risk")}: {t(`risks.${q.risk}`)}
              </p>
              <ul className="analytics-figures">
                <li>
                  {t("responses")}: <strong>{q.stats.responses}</strong>
                </li>
                <li>
                  {t("facility")}: <strong>{num(q.stats.facility, locale)}</strong>
                </li>
                <li>
                  {t("pointBiserial")}: <strong>{num(q.stats.pointBiserial, locale)}</strong>
                </li>
                <li>
                  {t("upperLower")}: <strong>{num(q.stats.upperLower, locale)}</strong>
                </li>
              </ul>
              <p>
                {t("flags")}:{" "}
                {!q.stats.flaggable ? (
                  <span className="muted">{t("notFlaggable", { min: MIN_RESPONSES_FOR_FLAGS })}</span>
                ) : q.stats.flags.length === 0 ? (
                  t("noFlags")
                ) : (
                  q.stats.flags.map((f) => (
                    <span key={f} className="flag">
                      {t(`flag.${f}`)}
                    </span>
                  ))
                )}
              </p>
              <BarChart
                id={`options-${q.id}`}
                title={t("optionsChart", { question: `D${i + 1}` })}
                bars={q.stats.options.map((o) => ({ label: o.id, value: o.rate, valueText: pct(o.rate), accent: o.correct }))}
              />
              <DataTable columns={[t("option"), t("chosen"), t("upperGroup"), t("lowerGroup"), t("flags")]} caption={t("optionsChart", { question: `D${i + 1}` })}>
                {q.stats.options.map((o, j) => (
                  <tr key={o.id}>
                    <th scope="row" data-label={t("option")} style={{ textAlign: "left", fontWeight: 400 }}>
                      <strong>{o.id}</strong> {q.options[j]?.text}
                      {o.correct ? <span className="badge badge--completed"> {t("key")}</span> : null}
                    </th>
                    <td data-label={t("chosen")}>{pct(o.rate)}</td>
                    <td data-label={t("upperGroup")}>{pct(o.upperRate)}</td>
                    <td data-label={t("lowerGroup")}>{pct(o.lowerRate)}</td>
                    <td data-label={t("flags")}>
                      {o.flags.map((f) => (
                        <span key={f} className="flag">
                          {t(`optionFlag.${f}`)}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </DataTable>
            </article>
          ))}
        </section>
      ))}
    </main>
  );
}
