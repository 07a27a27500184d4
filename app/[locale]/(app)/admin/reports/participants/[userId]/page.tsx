import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { listAttempts } from "@/db/queries/quiz-attempts";
import { listLessonTimes } from "@/db/queries/progress";
import { listRegisterPage } from "@/db/queries/register";
import { registerClock } from "@/lib/reports/register-clock";
import { getPersonInScope } from "@/db/queries/users";
import { requireScope } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { lessonVariant, publishedLessons } from "@/lib/content/lookup";
import type { Locale } from "@/lib/i18n/locales";
import { finalTestId } from "@/lib/progress/complete-course";
import { CourseSlugSchema, searchParamsObject } from "@/lib/reports/filters";
import { formatHoursMinutes, formatHoursMinutesSeconds } from "@/lib/reports/format";
import { listSessionRows, reportCourse, toRegisterRow } from "@/lib/reports/register";
import { NO_FUNDING } from "@/lib/reports/funding";
import { INFERRED_LOGOUT_AFTER_SECONDS } from "@/lib/reports/session-end";
import "@/components/reports/reports.css";
import { DataTable } from "@/components/ui/data-table";

const SESSIONS_SHOWN = 100;

const Params = z.object({ userId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const Query = z.object({ course: CourseSlugSchema });

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/reports/participants/[userId]">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "reports" }))("detail.sessionsTitle") };
}

/** One participant in one course: outcome, time per lesson, final-test attempts and their access log. */
export default async function ParticipantPage({ params, searchParams }: PageProps<"/[locale]/admin/reports/participants/[userId]">) {
  const { locale: raw, userId: rawId } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const { user, scope } = await requireScope("reports:read");
  // Who may not download certificates (an inspector, a department manager) gets the public verification page.
  const certificateHref = (code: string) => (can(user, "certificates:manage") ? `/api/certificates/${code}.pdf` : `/verify/${code}`);
  const parsedParams = Params.safeParse({ userId: rawId });
  const parsedQuery = Query.safeParse(searchParamsObject(await searchParams));
  if (!parsedParams.success || !parsedQuery.success) notFound();
  const d = db();
  const course = reportCourse(d, scope, parsedQuery.data.course);
  // Someone outside the scope is not found, exactly like an unknown id.
  const person = await getPersonInScope(d, scope, parsedParams.data.userId);
  if (!course || !person) notFound();

  const t = await getTranslations("reports");
  const ts = await getTranslations("states");
  const format = await getFormatter();
  const when = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: "short", timeStyle: "medium" }) : "—");
  const pct = (value: number) => t("percent", { value: format.number(value, { maximumFractionDigits: 1 }) });
  // One row per cycle of the course (a recertification opens another); the page is about the current one.
  const cycles = listRegisterPage(d, { course: course.params, scope, clock: registerClock(), filter: { userId: person.id }, page: 1, pageSize: 100 }).rows.map((r) => toRegisterRow(r, course));
  const row = cycles.at(-1) ?? null;
  // A scope limited to one plan shows only people with a participation of the plan in this course.
  if (scope.planId !== null && !row) notFound();
  const earlier = cycles.slice(0, -1);

  const times = new Map(listLessonTimes(d, person.id, course.slug, row?.cycle ?? 1).map((l) => [l.lessonSlug, l]));
  const lessons = course.course
    ? publishedLessons(course.course).map((l) => ({ slug: l.slug, title: `${String(l.number).padStart(2, "0")} ${lessonVariant(l, locale).variant.frontmatter.title}` }))
    : [];
  for (const slug of times.keys()) if (!lessons.some((l) => l.slug === slug)) lessons.push({ slug, title: slug });

  const finalId = course.course ? finalTestId(course.course) : null;
  const attempts = finalId ? listAttempts(d, person.id, course.slug, finalId) : [];

  const sessions = listSessionRows(d, { scope, userId: person.id }, SESSIONS_SHOWN, row?.funding ?? NO_FUNDING);
  const name = `${person.lastName} ${person.firstName}`;
  const back = `/admin/reports/participants?course=${course.slug}`;

  return (
    <main id="main">
      <p>
        <Link href={back}>{t("detail.back")}</Link>
      </p>
      <h1>{t("detail.title", { name, course: course.title(locale) })}</h1>

      <section className="card" aria-labelledby="summary">
        <h2 id="summary">{t("detail.summary")}</h2>
        <dl className="report-facts">
          <div>
            <dt>{t("fiscalCode")}</dt>
            <dd>{person.fiscalCode ?? "—"}</dd>
          </div>
          <div>
            <dt>{t("detail.email")}</dt>
            <dd>{person.email}</dd>
          </div>
          <div>
            <dt>{t("department")}</dt>
            <dd>{person.department ?? "—"}</dd>
          </div>
          <div>
            <dt>{t("detail.qualification")}</dt>
            <dd>{person.qualification ?? "—"}</dd>
          </div>
          <div>
            <dt>{t("detail.contractType")}</dt>
            <dd>{person.contractType ?? "—"}</dd>
          </div>
          {row ? (
            <>
              {row.cycle > 1 ? (
                <div>
                  <dt>{t("cycle")}</dt>
                  <dd>{row.cycle}</dd>
                </div>
              ) : null}
              <div>
                <dt>{t("plan")}</dt>
                <dd>{row.funding.plan ?? t("noPlan")}</dd>
              </div>
              <div>
                <dt>{t("status")}</dt>
                <dd>
                  <span className={`badge badge--${row.status}`}>{ts(row.status)}</span>
                  {row.overdue ? <span className="badge badge--off">{ts("overdue")}</span> : null}
                </dd>
              </div>
              <div>
                <dt>{t("detail.planned")}</dt>
                <dd>{formatHoursMinutes(row.plannedMinutes * 60)}</dd>
              </div>
              <div>
                <dt>{t("attended")}</dt>
                <dd>
                  {formatHoursMinutes(row.attendedSeconds)} ({pct(row.attendancePercent)})
                </dd>
              </div>
              <div>
                <dt>{t("firstAccess")}</dt>
                <dd>{when(row.firstAccess)}</dd>
              </div>
              <div>
                <dt>{t("lastAccess")}</dt>
                <dd>{when(row.lastAccess)}</dd>
              </div>
              <div>
                <dt>{t("completedAt")}</dt>
                <dd>{when(row.completedAt)}</dd>
              </div>
              <div>
                <dt>{t("score")}</dt>
                <dd>{row.finalScore === null ? "—" : pct(row.finalScore)}</dd>
              </div>
              <div>
                <dt>{t("certificate")}</dt>
                <dd>
                  {row.certificateCode ? (
                    <>
                      <a href={certificateHref(row.certificateCode)}>{row.certificateCode}</a>
                      {row.certificateRevoked ? <span className="badge badge--off">{t("revoked")}</span> : null}
                    </>
                  ) : (
                    "—"
                  )}
                </dd>
              </div>
            </>
          ) : null}
        </dl>
        {row ? null : <p className="muted">{t("detail.notInCourse")}</p>}
      </section>

      {earlier.length ? (
        <section className="report-section" aria-labelledby="cycles">
          <h2 id="cycles">{t("detail.earlierCycles")}</h2>
          <p className="hint">{t("detail.earlierCyclesHint")}</p>
          <DataTable columns={[t("cycle"), t("plan"), t("status"), t("attended"), t("completedAt"), t("score"), t("certificate")]}>
            {earlier.map((c) => (
              <tr key={c.cycle}>
                <td data-label={t("cycle")} className="num">
                  {c.cycle}
                </td>
                <td data-label={t("plan")}>{c.funding.plan ?? t("noPlan")}</td>
                <td data-label={t("status")}>
                  <span className={`badge badge--${c.status}`}>{ts(c.status)}</span>
                </td>
                <td data-label={t("attended")} className="num">
                  {formatHoursMinutes(c.attendedSeconds)} ({pct(c.attendancePercent)})
                </td>
                <td data-label={t("completedAt")}>{when(c.completedAt)}</td>
                <td data-label={t("score")} className="num">
                  {c.finalScore === null ? "—" : pct(c.finalScore)}
                </td>
                <td data-label={t("certificate")}>
                  {c.certificateCode ? <a href={certificateHref(c.certificateCode)}>{c.certificateCode}</a> : "—"}
                  {c.certificateRevoked ? <span className="badge badge--off">{t("revoked")}</span> : null}
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}

      <section className="report-section" aria-labelledby="lessons">
        <h2 id="lessons">{t("detail.lessonsTitle")}</h2>
        <DataTable columns={[t("detail.lesson"), t("detail.firstOpened"), t("detail.completed"), t("detail.activeTime"), t("detail.lastHeartbeat")]}>
          {lessons.map((l) => {
            const time = times.get(l.slug);
            const at = (s: number | null | undefined) => (s ? when(new Date(s * 1000)) : null);
            return (
              <tr key={l.slug}>
                <td data-label={t("detail.lesson")}>{l.title}</td>
                <td data-label={t("detail.firstOpened")}>{at(time?.firstOpenedAt) ?? t("detail.notOpened")}</td>
                <td data-label={t("detail.completed")}>{at(time?.completedAt) ?? t("detail.notCompleted")}</td>
                <td data-label={t("detail.activeTime")} className="num">
                  {formatHoursMinutesSeconds(time?.activeSeconds ?? 0)}
                </td>
                <td data-label={t("detail.lastHeartbeat")}>{at(time?.lastHeartbeatAt) ?? "—"}</td>
              </tr>
            );
          })}
        </DataTable>
      </section>

      <section className="report-section" aria-labelledby="attempts">
        <h2 id="attempts">{t("detail.attemptsTitle")}</h2>
        {attempts.length === 0 ? (
          <p className="muted">{t("detail.noAttempts")}</p>
        ) : (
          <DataTable columns={[t("detail.attemptNumber"), t("detail.started"), t("detail.submitted"), t("score"), t("detail.result")]}>
            {attempts.map((a) => (
              <tr key={a.id}>
                <td data-label={t("detail.attemptNumber")} className="num">
                  {a.attemptNumber}
                </td>
                <td data-label={t("detail.started")}>{when(a.startedAt)}</td>
                <td data-label={t("detail.submitted")}>{when(a.submittedAt)}</td>
                <td data-label={t("score")} className="num">
                  {a.scorePercent === null ? "—" : pct(a.scorePercent)}
                </td>
                <td data-label={t("detail.result")}>{a.submittedAt ? (a.passed ? t("detail.passed") : t("detail.failed")) : t("detail.open")}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section className="report-section" aria-labelledby="sessions">
        <h2 id="sessions">{t("detail.sessionsTitle")}</h2>
        <p className="hint">
          {t("detail.sessionsHint", {
            count: SESSIONS_SHOWN,
            minutes: Math.floor(INFERRED_LOGOUT_AFTER_SECONDS / 60),
            seconds: INFERRED_LOGOUT_AFTER_SECONDS % 60,
          })}
        </p>
        {sessions.length === 0 ? (
          <p className="muted">{t("detail.noSessions")}</p>
        ) : (
          <DataTable columns={[t("detail.login"), t("detail.lastActivity"), t("detail.logout"), t("detail.endKind"), t("detail.duration"), t("detail.activeTime"), t("detail.lessonsOpened")]}>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td data-label={t("detail.login")}>{when(s.loginAt)}</td>
                <td data-label={t("detail.lastActivity")}>{when(s.lastActivityAt)}</td>
                <td data-label={t("detail.logout")}>{when(s.logoutAt)}</td>
                <td data-label={t("detail.endKind")}>{t(`detail.endKinds.${s.endKind}`)}</td>
                <td data-label={t("detail.duration")} className="num">
                  {formatHoursMinutesSeconds(s.durationSeconds)}
                </td>
                <td data-label={t("detail.activeTime")} className="num">
                  {formatHoursMinutesSeconds(s.activeSeconds)}
                </td>
                <td data-label={t("detail.lessonsOpened")}>
                  {s.lessons.length
                    ? s.lessons.map((l) => (
                        <div key={l.key}>
                          {l.title}
                          {l.seconds !== null ? ` (${formatHoursMinutesSeconds(l.seconds)})` : ""}
                        </div>
                      ))
                    : "—"}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </main>
  );
}
