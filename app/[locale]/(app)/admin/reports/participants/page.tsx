import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { readRegisterDepartments, readRegisterPage, type RegisterSortKey } from "@/db/queries/register";
import { registerClock } from "@/lib/reports/register-clock";
import { requireScope } from "@/lib/auth/guards";
import { getPlan, listPlans } from "@/db/queries/plans";
import { can } from "@/lib/auth/permissions";
import { loadCatalog } from "@/lib/content/catalog";
import type { Locale } from "@/lib/i18n/locales";
import { parseLenient, RegisterQuerySchema, registerFilter, searchParamsObject, type RegisterQueryInput } from "@/lib/reports/filters";
import { formatHoursMinutes } from "@/lib/reports/format";
import { listReportCourses, reportCourse, toRegisterRow } from "@/lib/reports/register";
import { PARTICIPANT_STATUSES } from "@/lib/reports/status";
import "@/components/reports/reports.css";
import { DataTable, Pagination, Results } from "@/components/ui/data-table";
import { FilterInput, FilterSelect } from "@/components/admin/filter-fields";

const PAGE_SIZE = 50;

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/reports/participants">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "reports" }))("participants") };
}

/** The query string of the current view with some keys changed (empty values dropped). */
function href(path: string, q: RegisterQueryInput, change: Partial<Record<keyof RegisterQueryInput, string | number | undefined>>): string {
  const all: Record<string, string | number | undefined> = {
    course: q.course,
    plan: q.plan,
    department: q.department,
    status: q.status,
    overdue: q.overdue,
    from: q.from,
    to: q.to,
    q: q.q,
    sort: q.sort === "name" ? undefined : q.sort,
    dir: q.dir === "asc" ? undefined : q.dir,
    page: q.page === 1 ? undefined : q.page,
    ...change,
  };
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== "") sp.set(k, String(v));
  return `${path}?${sp}`;
}

/** Participants of one course: filters, sorting, pagination and downloads of the same selection. */
export default async function ParticipantsPage({ params, searchParams }: PageProps<"/[locale]/admin/reports/participants">) {
  const { locale: raw } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const { user, scope } = await requireScope("reports:read");
  const t = await getTranslations("reports");
  const ts = await getTranslations("states");
  const format = await getFormatter();
  const d = db();
  const { data: query, dropped } = parseLenient(RegisterQuerySchema, searchParamsObject(await searchParams));
  const course = query ? await reportCourse(d, scope, query.course) : null;
  // A plan of another company is not found, like an unknown one.
  const plan = typeof query?.plan === "number" ? await getPlan(d, scope, query.plan) : undefined;
  if (typeof query?.plan === "number" && !plan) notFound();
  const tn = await getTranslations("tenancy");

  if (!query || !course) {
    const courses = await listReportCourses(d, scope, loadCatalog().courses);
    return (
      <main id="main">
        <h1>{t("participants")}</h1>
        <p>{t("chooseCourse")}</p>
        <ul>
          {courses.map((c) => (
            <li key={c.slug}>
              <Link href={`/admin/reports/participants?course=${c.slug}`}>{c.title(locale)}</Link>
            </li>
          ))}
        </ul>
        <p>
          <Link href="/admin/reports">{t("backToOverview")}</Link>
        </p>
      </main>
    );
  }

  const clock = registerClock();
  const { rows, total } = await readRegisterPage(d, {
    course: course.params,
    scope,
    clock,
    filter: registerFilter(query),
    sort: { key: query.sort, dir: query.dir },
    page: query.page,
    pageSize: PAGE_SIZE,
  });
  const participants = rows.map((r) => toRegisterRow(r, course));
  const departments = await readRegisterDepartments(d, { course: course.params, scope }, clock);
  const plans = (await listPlans(d, scope)).filter((p) => p.courses.includes(course.slug));
  const showCycle = participants.some((p) => p.cycle > 1);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const title = course.title(locale);
  const when = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: "short", timeStyle: "short" }) : "—");
  const pct = (value: number) => t("percent", { value: format.number(value, { maximumFractionDigits: 1 }) });
  const path = "/admin/reports/participants";
  const mayExport = can(user, "reports:export");
  const mayRegister = can(user, "reports:register");
  const mayManage = can(user, "certificates:manage");

  const exportQuery = new URLSearchParams();
  for (const [k, v] of Object.entries({ course: query.course, plan: query.plan, department: query.department, status: query.status, overdue: query.overdue, from: query.from, to: query.to, q: query.q, sort: query.sort, dir: query.dir })) {
    if (v) exportQuery.set(k, String(v));
  }
  const zipQuery = new URLSearchParams();
  for (const [k, v] of Object.entries({ course: query.course, plan: query.plan, department: query.department, from: query.from, to: query.to })) if (v) zipQuery.set(k, String(v));
  const sessionsQuery = new URLSearchParams({ course: query.course, ...(plan ? { plan: String(plan.id) } : {}) });

  const sortable = (key: RegisterSortKey, label: string) => {
    const active = query.sort === key;
    const nextDir = active && query.dir === "asc" ? "desc" : "asc";
    return (
      <th scope="col" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
        <Link href={href(path, query, { sort: key, dir: nextDir, page: undefined })} aria-label={t("sortBy", { column: label })}>
          {label}
          {active ? (
            <span className="sort-mark" aria-hidden="true">
              {query.dir === "asc" ? "▲" : "▼"}
            </span>
          ) : null}
        </Link>
      </th>
    );
  };

  return (
    <main id="main">
      <p>
        <Link href="/admin/reports">{t("backToOverview")}</Link>
      </p>
      <h1>{t("participantsTitle", { course: title })}</h1>
      {plan ? <p className="lead">{tn("planLine", { plan: plan.title })}</p> : query.plan === "none" ? <p className="lead">{tn("noPlanLine")}</p> : null}
      {dropped.length ? (
        <p className="alert alert--info" role="status">
          {t("invalidFilters", { fields: dropped.join(", ") })}
        </p>
      ) : null}

      <form className="report-filters" role="search" method="get" aria-label={t("filters")}>
        <input type="hidden" name="course" value={query.course} />
        <FilterInput name="q" label={t("search")} defaultValue={query.q} />
        {plans.length ? (
          <FilterSelect
            name="plan"
            label={tn("plan")}
            defaultValue={query.plan === undefined ? undefined : String(query.plan)}
            options={[{ value: "", label: tn("allPlans") }, ...plans.map((p) => ({ value: String(p.id), label: p.title })), { value: "none", label: tn("noPlan") }]}
          />
        ) : null}
        <FilterSelect
          name="department"
          label={t("department")}
          defaultValue={query.department}
          options={[{ value: "", label: t("allDepartments") }, ...departments.map((dep) => ({ value: dep, label: dep }))]}
        />
        <FilterSelect
          name="status"
          label={t("status")}
          defaultValue={query.status}
          options={[{ value: "", label: t("allStatuses") }, ...PARTICIPANT_STATUSES.map((s) => ({ value: s, label: ts(s) }))]}
        />
        <FilterSelect
          name="overdue"
          label={ts("overdue")}
          defaultValue={query.overdue}
          options={[
            { value: "", label: t("overdueAny") },
            { value: "1", label: t("overdueOnly") },
          ]}
        />
        <FilterInput name="from" label={t("completedFrom")} type="date" defaultValue={query.from} />
        <FilterInput name="to" label={t("completedTo")} type="date" defaultValue={query.to} />
        {query.sort !== "name" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
        <div className="report-filters__actions">
          <button type="submit">{t("apply")}</button>
          <Link href={`${path}?course=${query.course}`}>{t("reset")}</Link>
        </div>
      </form>

      {mayRegister || mayManage ? (
        <section aria-labelledby="downloads">
          <h2 id="downloads" className="visually-hidden">
            {t("downloads")}
          </h2>
          <ul className="report-downloads">
            {mayRegister ? (
              <>
                <li>
                  <a className="button button--secondary" href={`/api/admin/reports/register.csv?${exportQuery}`} download>
                    {t("registerCsv")}
                  </a>
                </li>
                <li>
                  <a className="button button--secondary" href={`/api/admin/reports/register.csv?${exportQuery}&sep=%2C`} download>
                    {t("registerCsvComma")}
                  </a>
                </li>
                <li>
                  <a className="button button--secondary" href={`/api/admin/reports/register.xlsx?${exportQuery}`} download>
                    {t("registerXlsx")}
                  </a>
                </li>
              </>
            ) : null}
            {mayExport ? (
              <>
                <li>
                  <a className="button button--secondary" href={`/api/admin/reports/sessions.csv?${sessionsQuery}`} download>
                    {t("sessionsCsv")}
                  </a>
                </li>
                <li>
                  <a className="button button--secondary" href={`/api/admin/reports/sessions.xlsx?${sessionsQuery}`} download>
                    {t("sessionsXlsx")}
                  </a>
                </li>
                <li>
                  <a className="button button--secondary" href={`/api/admin/certificates.zip?${zipQuery}`} download>
                    {t("certificatesZip")}
                  </a>
                </li>
              </>
            ) : null}
            {mayManage ? (
              <li>
                <Link className="button button--secondary" href={`/admin/certificates?course=${query.course}`}>
                  {t("manageCertificates")}
                </Link>
              </li>
            ) : null}
          </ul>
          {mayRegister ? <p className="hint">{t("downloadsHint")}</p> : null}
        </section>
      ) : null}

      <Results count={t("count", { total })} empty={t("noResults")} rows={participants.length}>
        <DataTable caption={t("participantsTitle", { course: title })} columns={[sortable("name", t("name")), sortable("fiscalCode", t("fiscalCode")), sortable("department", t("department")), sortable("attended", t("attended")), sortable("attendance", t("attendance")), t("lessons"), sortable("firstAccess", t("firstAccess")), sortable("lastAccess", t("lastAccess")), sortable("completedAt", t("completedAt")), sortable("score", t("score")), sortable("attempts", t("attempts")), sortable("status", t("status")), t("certificate")]}>
          {participants.map((p) => (
            <tr key={`${p.userId}-${p.cycle}`}>
              <td data-label={t("name")}>
                <Link href={`${path}/${p.userId}?course=${query.course}`}>{`${p.lastName} ${p.firstName}`}</Link>
                {showCycle ? <span className="badge">{tn("cycleBadge", { cycle: p.cycle })}</span> : null}
              </td>
              <td data-label={t("fiscalCode")}>{p.fiscalCode ?? "—"}</td>
              <td data-label={t("department")}>{p.department ?? "—"}</td>
              <td data-label={t("attended")} className="num">
                {formatHoursMinutes(p.attendedSeconds)}
              </td>
              <td data-label={t("attendance")} className="num">
                {pct(p.attendancePercent)}
              </td>
              <td data-label={t("lessons")} className="num">
                {t("lessonsValue", { done: p.lessonsCompleted, total: p.lessonsTotal })}
              </td>
              <td data-label={t("firstAccess")}>{when(p.firstAccess)}</td>
              <td data-label={t("lastAccess")}>{when(p.lastAccess)}</td>
              <td data-label={t("completedAt")}>{when(p.completedAt)}</td>
              <td data-label={t("score")} className="num">
                {p.finalScore === null ? "—" : pct(p.finalScore)}
              </td>
              <td data-label={t("attempts")} className="num">
                {p.finalAttempts}
              </td>
              <td data-label={t("status")}>
                <span className={`badge badge--${p.status}`}>{ts(p.status)}</span>
                {p.overdue ? <span className="badge badge--off">{ts("overdue")}</span> : null}
              </td>
              <td data-label={t("certificate")}>
                {p.certificateCode ? (
                  <>
                    <a href={mayManage ? `/api/certificates/${p.certificateCode}.pdf` : `/verify/${p.certificateCode}`}>{p.certificateCode}</a>
                    {p.certificateRevoked ? <span className="badge badge--off">{t("revoked")}</span> : null}
                  </>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </Results>
      <Pagination
        page={query.page}
        pages={pages}
        href={(page) => href(path, query, { page })}
        labels={{ nav: t("pagination"), previous: t("previous"), next: t("next"), page: t("page", { page: Math.min(query.page, pages), pages }) }}
      />
    </main>
  );
}
