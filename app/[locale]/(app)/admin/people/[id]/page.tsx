import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { getPersonInScope, listRoleRows } from "@/db/queries/users";
import { listDepartments } from "@/db/queries/departments";
import { requireScope } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { publishedCourses } from "@/lib/content/lookup";
import type { CompanyScope } from "@/lib/auth/scope";
import { grantableRoles } from "@/lib/people/profile";
import { grantTestTimeAction, saveProfileAction } from "./actions";
import { TestTimeForm } from "./test-time-form";
import { TEST_TIME_EXTRAS } from "@/lib/people/accommodation";
import "@/components/admin/admin-forms.css";
import { listEnrolments } from "@/db/queries/enrolment";
import { listRegisterPage } from "@/db/queries/register";
import { registerClock } from "@/lib/reports/register-clock";
import { getAccessState } from "@/db/queries/tokens";
import { getCourse } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import { elideDay, elideIsoDay } from "@/lib/i18n/elision";
import type { Locale } from "@/lib/i18n/locales";
import { courseParams } from "@/lib/reports/register";
import { InvitePersonButton } from "@/components/admin/invite-form";
import { inviteByIdAction } from "../../outbox/actions";
import { ProfileForm } from "./profile-form";

type Props = { params: Promise<{ locale: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const Id = z.coerce.number().int().positive();

/** A person of the scope, with their roles; anyone else is not found (as an unknown id). */
async function load(scope: CompanyScope, id: string) {
  const parsed = Id.safeParse(id);
  if (!parsed.success) return null;
  const person = await getPersonInScope(db(), scope, parsed.data);
  if (!person) return null;
  const grants = await listRoleRows(db(), person.id);
  return { ...person, roles: grants.map((g) => g.role), grants };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, id } = await params;
  // The name only for someone the session may see: the page itself refuses everyone else.
  const user = await getCurrentUser();
  const person = user?.scope && can(user, "people:manage") ? await load(user.scope, id) : null;
  const t = await getTranslations({ locale, namespace: "admin.person" });
  return person ? { title: t("title", { name: `${person.firstName} ${person.lastName}` }) } : {};
}

/** An admin edits a person's record (the profile the learner sees on "Il mio percorso"). */
export default async function PersonPage({ params, searchParams }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const { user, scope } = await requireScope("people:manage");
  const person = await load(scope, id);
  if (!person) notFound();
  const departments = await listDepartments(db(), scope.companyId);
  const managed = person.grants.find((g) => g.role === "department_manager")?.departmentId ?? null;
  const trainerCourses = person.grants.find((g) => g.role === "trainer")?.courseSlugs ?? null;
  const t = await getTranslations("admin.person");
  const ts = await getTranslations("states");
  const format = await getFormatter();
  const day = (date: Date | string) => format.dateTime(typeof date === "string" ? new Date(`${date}T12:00:00Z`) : date, { dateStyle: "long" });
  const d = db();
  const access = await getAccessState(d, person.id);
  // Each course the person is in, with the state every report shows (lib/reports/status.ts).
  const courses = [];
  for (const e of await listEnrolments(d, person.id)) {
    const course = getCourse(e.courseSlug);
    if (!course) continue;
    // One row per cycle, oldest first: the last is the current one.
    const row = (await listRegisterPage(d, { course: courseParams(course), scope, clock: registerClock(), filter: { userId: person.id }, page: 1, pageSize: 100 })).rows.at(-1);
    courses.push({ slug: course.slug, title: localized(course.title, locale as Locale), status: row?.status ?? "non-iniziato", overdue: row?.overdue === 1, dueDate: e.dueDate });
  }
  return (
    <main id="main" className="narrow-wide">
      <p>
        <Link href="/admin/people">← {t("back")}</Link>
      </p>
      <h1>{t("title", { name: `${person.firstName} ${person.lastName}` })}</h1>
      {(await searchParams).created === "1" ? (
        <p className="alert alert--ok" role="status">
          {t("created")}
        </p>
      ) : null}
      <nav aria-label={t("sectionsNav")} className="person-links">
        <a href="#courses">{t("coursesTitle")}</a> · <a href="#access">{t("accessTitle")}</a>
      </nav>
      <ProfileForm
        action={saveProfileAction}
        person={{
          id: person.id,
          firstName: person.firstName,
          lastName: person.lastName,
          email: person.email,
          fiscalCode: person.fiscalCode,
          department: person.department,
          qualification: person.qualification,
          contractType: person.contractType,
          roles: person.roles,
          managedDepartment: departments.find((dep) => dep.id === managed)?.name ?? null,
          trainerCourses: trainerCourses ? (JSON.parse(trainerCourses) as string[]) : [],
        }}
        grantable={[...grantableRoles({ providerAdmin: can(user, "companies:manage") })]}
        departments={departments.map((dep) => dep.name)}
        courses={publishedCourses().map((c) => ({ slug: c.slug, title: localized(c.title, locale as Locale) }))}
      />
      <section id="courses" aria-labelledby="courses-title">
        <h2 id="courses-title">{t("coursesTitle")}</h2>
        {courses.length === 0 ? (
          <p className="muted">{person.roles.includes("learner") ? t("noCourses") : t("notLearner")}</p>
        ) : (
          <ul>
            {courses.map((c) => (
              <li key={c.slug}>
                <Link href={`/admin/reports/participants/${person.id}?course=${c.slug}`}>{c.title}</Link> · {ts(c.status)}
                {c.overdue ? <strong className="field-error"> · {ts("overdue")}</strong> : null}
                {c.dueDate ? <> · {t("due", { date: day(c.dueDate), elide: elideIsoDay(c.dueDate) })}</> : null}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link href="/admin/enrolments">{t("manageEnrolments")}</Link>
        </p>
        {person.roles.includes("learner") ? (
          <>
            <h3>{t("testTimeTitle")}</h3>
            <TestTimeForm userId={person.id} current={person.testTimeExtraPercent} options={TEST_TIME_EXTRAS} action={grantTestTimeAction} />
          </>
        ) : null}
      </section>
      <section id="access" aria-labelledby="access-title">
        <h2 id="access-title">{t("accessTitle")}</h2>
        {!access?.active ? (
          <p>{t("accessInactive")}</p>
        ) : access.hasPassword ? (
          <p>{t("accessHasPassword")}</p>
        ) : (
          <>
            <p>{access.lastInvitedAt ? t("accessInvited", { date: day(new Date(access.lastInvitedAt * 1000)), elide: elideDay(new Date(access.lastInvitedAt * 1000)) }) : t("accessNeverInvited")}</p>
            <InvitePersonButton action={inviteByIdAction} userId={person.id} email={person.email} name={`${person.firstName} ${person.lastName}`} invitedBefore={access.lastInvitedAt !== null} />
          </>
        )}
      </section>
    </main>
  );
}
