import Link from "next/link";
import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { listRules } from "@/db/queries/enrolment";
import { courseOverview, courseOverviewByDepartment, listRegisterPage } from "@/db/queries/register";
import { registerClock } from "@/lib/reports/register-clock";
import { requireScope } from "@/lib/auth/guards";
import { listPlans } from "@/db/queries/plans";
import { publishedCourses } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import type { Locale } from "@/lib/i18n/locales";
import { courseParams } from "@/lib/reports/register";
import { elide } from "@/lib/i18n/elision";
import { DataTable } from "@/components/ui/data-table";
import { STATE_COLUMNS, StateCountCells } from "@/components/admin/state-counts";
import { assignCourseAction, editRuleAction, removeRuleAction } from "./actions";
import { AssignForm } from "./assign-form";
import { RuleForm } from "./rule-form";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/enrolments">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "enrol" }))("title") };
}

/** Whom to chase is shown in full up to this many people per course; the participants page lists the rest. */
const CHASE_LIST_LIMIT = 100;

/**
 * Assign courses, change or remove the standing rules, and see each course per department in
 * the same four states as the reports (lib/reports/status.ts), then whom to chase.
 */
export default async function EnrolmentsPage({ params }: PageProps<"/[locale]/admin/enrolments">) {
  const { locale: raw } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const { scope } = await requireScope("people:manage");
  const t = await getTranslations("enrol");
  const tn = await getTranslations("tenancy");
  const ts = await getTranslations("states");
  const format = await getFormatter();
  const d = db();
  const courses = publishedCourses();
  const title = new Map(courses.map((c) => [c.slug, localized(c.title, locale)]));
  const day = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: "long" });
  const dueText = (iso: string | null) => (iso ? t("due", { date: day(iso), elide: elide(Number(iso.slice(8, 10))) }) : t("noDue"));
  const rules = await listRules(d, scope.companyId);
  const plans = await listPlans(d, scope);
  const planTitle = new Map(plans.map((p) => [p.id, p.title]));
  const label = (c: (typeof STATE_COLUMNS)[number]) => ts(`columns.${c}`);
  const overviews = [];
  for (const c of courses) {
    const params = courseParams(c);
    const clock = registerClock();
    const total = await courseOverview(d, { course: params, scope }, clock);
    const rows = await courseOverviewByDepartment(d, { course: params, scope }, clock);
    const chase = await listRegisterPage(d, { course: params, scope, clock, filter: { toChase: true }, sort: { key: "dueDate", dir: "asc" }, page: 1, pageSize: CHASE_LIST_LIMIT });
    overviews.push({ c, total, rows, chase });
  }
  return (
    <main id="main">
      <h1>{t("title")}</h1>
      <section aria-labelledby="assign">
        <h2 id="assign">{t("assign")}</h2>
        <AssignForm
          action={assignCourseAction}
          courses={courses.map((c) => ({ slug: c.slug, title: localized(c.title, locale) }))}
          plans={plans.map((p) => ({ id: p.id, title: p.title, courses: p.courses }))}
        />
      </section>
      <section aria-labelledby="rules">
        <h2 id="rules">{t("rules")}</h2>
        {rules.length === 0 ? (
          <p className="muted">{t("noRules")}</p>
        ) : (
          <ul className="rule-list">
            {rules.map((r) => {
              const text =
                r.scope === "everyone"
                  ? t("ruleEveryone", { course: title.get(r.courseSlug) ?? r.courseSlug })
                  : t("ruleDepartment", { course: title.get(r.courseSlug) ?? r.courseSlug, department: r.department ?? "" });
              return (
                <li key={r.id}>
                  {text} — {dueText(r.dueDate)}
                  {r.planId !== null ? <> · {tn("planLine", { plan: planTitle.get(r.planId) ?? "" })}</> : null}
                  {r.recurMonths ? <> · {tn("recurLine", { months: r.recurMonths })}</> : null}
                  <RuleForm ruleId={r.id} label={text} dueDate={r.dueDate} edit={editRuleAction} remove={removeRuleAction} />
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {overviews.map(({ c, total, rows, chase }) => {
        const courseTitle = localized(c.title, locale);
        const participants = (extra: string) => `/admin/reports/participants?course=${c.slug}${extra}`;
        return (
          <section key={c.slug} aria-labelledby={`overview-${c.slug}`}>
            <h2 id={`overview-${c.slug}`}>{t("overviewOf", { course: courseTitle })}</h2>
            <p className="hint">{ts("legend")}</p>
            <DataTable caption={t("overviewOf", { course: courseTitle })} columns={[t("departmentName"), ...STATE_COLUMNS.map(label)]}>
              {rows.map((r) => (
                <tr key={r.department ?? ""}>
                  <th scope="row" data-label={t("departmentName")}>
                    {r.department ?? t("noDepartment")}
                  </th>
                  <StateCountCells counts={r} label={label} />
                </tr>
              ))}
              <tr className="total-row">
                <th scope="row" data-label={t("departmentName")}>
                  {ts("total")}
                </th>
                <StateCountCells counts={total} label={label} href={(s) => (s === "enrolled" ? participants("") : s === "overdue" ? null : participants(`&status=${s}`))} />
              </tr>
            </DataTable>
            <h3 id={`chase-${c.slug}`}>{t("toChase", { count: chase.total })}</h3>
            {chase.total === 0 ? (
              <p className="muted">{t("noLate")}</p>
            ) : (
              <>
                <ul>
                  {chase.rows.map((l) => (
                    <li key={`${l.userId}-${l.cycle}`}>
                      <Link href={`/admin/people/${l.userId}`}>
                        {l.lastName} {l.firstName}
                      </Link>{" "}
                      · {l.department ?? t("noDepartment")} · {ts(l.status)}
                      {l.overdue ? <strong className="field-error"> · {ts("overdue")}</strong> : null} · {dueText(l.dueDate)}
                    </li>
                  ))}
                </ul>
                {chase.total > chase.rows.length ? <p className="muted">{t("moreToChase", { count: chase.total - chase.rows.length })}</p> : null}
                <p>
                  <Link href="/admin/reminders">{t("sendReminders")}</Link>
                </p>
              </>
            )}
          </section>
        );
      })}
    </main>
  );
}
