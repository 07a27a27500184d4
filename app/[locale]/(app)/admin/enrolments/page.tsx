import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { enrolmentOverview, listLateLearners, listRules } from "@/db/queries/enrolment";
import { requirePermission } from "@/lib/auth/guards";
import { publishedCourses } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import { romeToday } from "@/lib/dates";
import type { Locale } from "@/lib/i18n/locales";
import { assignCourseAction } from "./actions";
import { AssignForm } from "./assign-form";
import { DataTable } from "@/components/admin/data-table";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/enrolments">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "enrol" }))("title") };
}

/** Assign courses, see the standing rules, and who is overdue or has not started, per course and department. */
export default async function EnrolmentsPage({ params }: PageProps<"/[locale]/admin/enrolments">) {
  const { locale: raw } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  await requirePermission("people:manage");
  const t = await getTranslations("enrol");
  const format = await getFormatter();
  const d = db();
  const courses = publishedCourses();
  const title = new Map(courses.map((c) => [c.slug, localized(c.title, locale)]));
  const today = romeToday();
  const day = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: "long" });
  const overview = enrolmentOverview(d, today);
  return (
    <main id="main">
      <h1>{t("title")}</h1>
      <section aria-labelledby="assign">
        <h2 id="assign">{t("assign")}</h2>
        <AssignForm action={assignCourseAction} courses={courses.map((c) => ({ slug: c.slug, title: localized(c.title, locale) }))} />
      </section>
      <section aria-labelledby="rules">
        <h2 id="rules">{t("rules")}</h2>
        <ul>
          {listRules(d).map((r) => (
            <li key={r.id}>
              {r.scope === "everyone"
                ? t("ruleEveryone", { course: title.get(r.courseSlug) ?? r.courseSlug })
                : t("ruleDepartment", { course: title.get(r.courseSlug) ?? r.courseSlug, department: r.department ?? "" })}{" "}
              — {r.dueDate ? t("due", { date: day(r.dueDate) }) : t("noDue")}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="overview">
        <h2 id="overview">{t("overview")}</h2>
        <DataTable columns={[t("course"), t("departmentName"), t("enrolled"), t("notStarted"), t("overdue"), t("completed")]}>
          {overview.map((r) => (
            <tr key={`${r.courseSlug}:${r.department ?? ""}`}>
              <td data-label={t("course")}>{title.get(r.courseSlug) ?? r.courseSlug}</td>
              <td data-label={t("departmentName")}>{r.department ?? t("noDepartment")}</td>
              <td data-label={t("enrolled")}>{r.enrolled}</td>
              <td data-label={t("notStarted")}>{r.notStarted}</td>
              <td data-label={t("overdue")}>{r.overdue ? <strong className="field-error">{r.overdue}</strong> : 0}</td>
              <td data-label={t("completed")}>{r.completed}</td>
            </tr>
          ))}
        </DataTable>
      </section>
      {courses.map((c) => {
        const late = listLateLearners(d, c.slug, today);
        return (
          <section key={c.slug} aria-labelledby={`late-${c.slug}`}>
            <h2 id={`late-${c.slug}`}>{t("late", { course: localized(c.title, locale) })}</h2>
            {late.length === 0 ? (
              <p className="muted">{t("noLate")}</p>
            ) : (
              <ul>
                {late.slice(0, 200).map((l) => (
                  <li key={l.userId}>
                    {l.lastName} {l.firstName} ({l.email}) · {l.department ?? t("noDepartment")} · {l.dueDate ? t("due", { date: day(l.dueDate) }) : t("noDue")} ·{" "}
                    {l.started ? t("started") : t("notStartedShort")}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </main>
  );
}
