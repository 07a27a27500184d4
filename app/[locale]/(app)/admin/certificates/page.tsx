import type { Metadata } from "next";
import { elideDay } from "@/lib/i18n/elision";
import Link from "next/link";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { listCertificatesPage } from "@/db/queries/certificates";
import { requireScope } from "@/lib/auth/guards";
import { getPlan, listPlans } from "@/db/queries/plans";
import { PlanParamSchema } from "@/lib/reports/filters";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { loadCatalog } from "@/lib/content/catalog";
import type { Locale } from "@/lib/i18n/locales";
import { CourseSlugSchema, parseLenient, searchParamsObject } from "@/lib/reports/filters";
import { formatHoursMinutes } from "@/lib/reports/format";
import { listReportCourses, reportCourse } from "@/lib/reports/register";
import { revokeCertificateAction } from "./actions";
import { RevokeForm } from "./_components/revoke-form";
import "@/components/reports/reports.css";
import { DataTable, Pagination, Results } from "@/components/ui/data-table";
import { FilterInput, FilterSelect } from "@/components/admin/filter-fields";

const PAGE_SIZE = 50;

const blank = (v: unknown) => (v === "" ? undefined : v);
const Query = z.object({
  course: z.preprocess(blank, CourseSlugSchema.optional()),
  plan: z.preprocess(blank, PlanParamSchema.optional()),
  q: z.preprocess(blank, z.string().trim().max(200).optional()),
  status: z.preprocess(blank, z.enum(["valid", "revoked"]).optional()),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(100_000).default(1)),
});

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/certificates">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "certificates" }))("title") };
}

/** Certificates of a course: download, verify, revoke with a reason. */
export default async function CertificatesPage({ params, searchParams }: PageProps<"/[locale]/admin/certificates">) {
  const { locale: raw } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const { user, scope } = await requireScope("certificates:manage");
  const tn = await getTranslations("tenancy");
  const t = await getTranslations("certificates");
  const format = await getFormatter();
  const d = db();
  const query = parseLenient(Query, searchParamsObject(await searchParams)).data ?? { page: 1 };
  const courses = await listReportCourses(d, scope, loadCatalog().courses);
  const course = query.course ? await reportCourse(d, scope, query.course) : null;
  // A plan of another company is not found, like an unknown one.
  if (typeof query.plan === "number" && !await getPlan(d, scope, query.plan)) notFound();
  const plans = await listPlans(d, scope);
  const list = course
    ? await listCertificatesPage(d, { scope, plan: query.plan, courseSlug: course.slug, q: query.q, revoked: query.status === undefined ? undefined : query.status === "revoked" }, query.page, PAGE_SIZE)
    : null;
  const pages = list ? Math.max(1, Math.ceil(list.total / PAGE_SIZE)) : 1;
  const day = (s: number) => format.dateTime(new Date(s * 1000), { dateStyle: "short" });
  const pageHref = (p: number) =>
    `/admin/certificates?${new URLSearchParams(Object.entries({ course: query.course, plan: query.plan === undefined ? undefined : String(query.plan), q: query.q, status: query.status, page: String(p) }).filter((e): e is [string, string] => Boolean(e[1])))}`;

  return (
    <main id="main">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <form className="report-filters" role="search" method="get">
        <FilterSelect
          name="course"
          label={t("course")}
          defaultValue={course?.slug}
          required
          options={[{ value: "", label: t("chooseCourse") }, ...courses.map((c) => ({ value: c.slug, label: c.title(locale) }))]}
        />
        {plans.length ? (
          <FilterSelect
            name="plan"
            label={tn("plan")}
            defaultValue={query.plan === undefined ? undefined : String(query.plan)}
            options={[{ value: "", label: tn("allPlans") }, ...plans.map((p) => ({ value: String(p.id), label: p.title })), { value: "none", label: tn("noPlan") }]}
          />
        ) : null}
        <FilterInput name="q" label={t("search")} defaultValue={query.q} />
        <FilterSelect
          name="status"
          label={t("status")}
          defaultValue={query.status}
          options={[
            { value: "", label: t("all") },
            { value: "valid", label: t("valid") },
            { value: "revoked", label: t("revoked") },
          ]}
        />
        <div className="report-filters__actions">
          <button type="submit">{t("apply")}</button>
        </div>
      </form>

      {course && list ? (
        <>
          {can(user, "reports:export") ? (
            <p>
              <a className="button button--secondary" href={`/api/admin/certificates.zip?course=${course.slug}${query.plan === undefined ? "" : `&plan=${query.plan}`}`} download>
                {t("zip")}
              </a>
            </p>
          ) : null}
          <Results count={t("count", { total: list.total })} empty={t("noResults")} rows={list.rows.length}>
            <DataTable
              caption={`${t("title")}: ${course.title(locale)}`}
              columns={[t("code"), t("name"), t("completedAt"), t("hours"), t("score"), t("status"), t("actions")]}
            >
              {list.rows.map((c) => {
                const name = `${c.lastName} ${c.firstName}`;
                return (
                  <tr key={c.code} data-code={c.code}>
                    <td data-label={t("code")} className="num">
                      {c.code}
                    </td>
                    <td data-label={t("name")}>
                      {name}
                      {c.cycle > 1 ? <span className="badge">{tn("cycleBadge", { cycle: c.cycle })}</span> : null}
                      {c.planTitle ? <div className="hint">{c.planTitle}</div> : null}
                    </td>
                    <td data-label={t("completedAt")}>{day(c.completedAt)}</td>
                    <td data-label={t("hours")} className="num">
                      {formatHoursMinutes(c.activeSeconds)}
                    </td>
                    <td data-label={t("score")} className="num">
                      {c.finalScorePercent === null ? "—" : `${format.number(c.finalScorePercent, { maximumFractionDigits: 1 })}%`}
                    </td>
                    <td data-label={t("status")}>
                      {c.revokedAt === null ? (
                        <span className="badge badge--formato">{t("valid")}</span>
                      ) : (
                        <>
                          <span className="badge badge--off">{t("revoked")}</span>
                          <div className="hint">{t("revokedOn", { date: day(c.revokedAt), elide: elideDay(new Date(c.revokedAt * 1000)), reason: c.revokedReason ?? "" })}</div>
                        </>
                      )}
                    </td>
                    <td data-label={t("actions")}>
                      <div className="actions-cell">
                        <a href={`/api/certificates/${c.code}.pdf`}>
                          {t("download")}
                          <span className="visually-hidden">{` – ${name}`}</span>
                        </a>
                        <Link href={`/verify/${c.code}`}>
                          {t("verify")}
                          <span className="visually-hidden">{` – ${name}`}</span>
                        </Link>
                        {c.revokedAt === null ? <RevokeForm action={revokeCertificateAction} code={c.code} name={name} /> : null}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          </Results>
          <Pagination
            page={query.page}
            pages={pages}
            href={pageHref}
            labels={{ nav: t("pagination"), previous: t("previous"), next: t("next"), page: t("page", { page: Math.min(query.page, pages), pages }) }}
          />
        </>
      ) : null}
    </main>
  );
}
