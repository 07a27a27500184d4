import type { Metadata } from "next";
import { elideDay } from "@/lib/i18n/elision";
import { durationParts } from "@/lib/i18n/duration";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { listAttempts } from "@/db/queries/quiz-attempts";
import { listCourseProgress } from "@/db/queries/progress";
import { getCompletion } from "@/db/queries/completions";
import { getLastPrivacyAck, getOwnCertificate, getOwnProfile } from "@/db/queries/me";
import { requirePermission } from "@/lib/auth/guards";
import { lessonVariant, publishedCourses, publishedLessons } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import { courseStatus, finalTestId } from "@/lib/progress/complete-course";
import type { Locale } from "@/lib/i18n/locales";
import { DataTable } from "@/components/ui/data-table";

export async function generateMetadata({ params }: PageProps<"/[locale]/me">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "me" }))("title") };
}

/**
 * "Il mio percorso": what the learner can see about themselves — profile, per-lesson planned
 * vs attended time, test attempts, status and what is missing, certificate, and a download of
 * every record held about them. Only the signed-in user's own rows are read.
 */
export default async function MyTrainingPage({ params }: PageProps<"/[locale]/me">) {
  const { locale: raw } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const user = await requirePermission("self:data");
  const t = await getTranslations("me");
  const format = await getFormatter();
  const d = db();
  const profile = await getOwnProfile(d, user.id);
  const ack = await getLastPrivacyAck(d, user.id);
  const tt = await getTranslations("time");
  // Minutes and seconds below an hour: 30 credited seconds are "30 s", not "0 h 0 min".
  const hm = (seconds: number) => tt("duration", durationParts(seconds));
  const day = (date: Date) => format.dateTime(date, { dateStyle: "long" });

  const courses = [];
  for (const c of publishedCourses()) if ((await listCourseProgress(d, user.id, c.slug)).length > 0) courses.push(c);
  const fields: [string, string | null | undefined][] = [
    [t("name"), `${profile?.firstName ?? ""} ${profile?.lastName ?? ""}`],
    [t("fiscalCode"), profile?.fiscalCode],
    [t("email"), profile?.email],
    [t("company"), profile?.company],
    [t("department"), profile?.department],
    [t("qualification"), profile?.qualification],
    [t("contractType"), profile?.contractType],
  ];

  return (
    <main id="main">
      <h1>{t("title")}</h1>
      <section aria-labelledby="profile" className="card">
        <h2 id="profile">{t("profile")}</h2>
        <dl className="facts">
          {fields.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value || <span className="muted">{t("notSet")}</span>}</dd>
            </div>
          ))}
        </dl>
        {ack ? <p className="muted">{t("privacyAck", { date: day(ack.acknowledgedAt), elide: elideDay(ack.acknowledgedAt), version: ack.noticeVersion })}</p> : null}
        {/* A POST: the download is recorded in the audit trail, which a GET may never do. */}
        <form method="post" action="/api/me/export">
          <button type="submit" className="button button--secondary">
            {t("download")}
          </button>
        </form>
        <p className="muted">{t("downloadHint")}</p>
      </section>

      {courses.length === 0 ? <p className="empty-state">{t("noCourses")}</p> : null}
      {/* One course after another: their queries share the one connection anyway. */}
      {await Promise.all(courses.map(async (course) => {
        const status = await courseStatus(d, user.id, course);
        const progress = new Map((await listCourseProgress(d, user.id, course.slug)).map((p) => [p.lessonSlug, p]));
        const completion = await getCompletion(d, user.id, course.slug);
        const certificate = await getOwnCertificate(d, user.id, course.slug);
        const finalId = finalTestId(course);
        const attempts = finalId ? (await listAttempts(d, user.id, course.slug, finalId)).filter((a) => a.submittedAt) : [];
        const lessons = publishedLessons(course);
        const titles = new Map(lessons.map((l) => [l.slug, lessonVariant(l, locale).variant.frontmatter.title]));
        return (
          <section key={course.slug} aria-labelledby={`course-${course.slug}`} className="card my-course">
            <h2 id={`course-${course.slug}`}>{localized(course.title, locale)}</h2>
            <p>
              <strong>{t("status")}:</strong> {completion ? t("completed", { date: day(completion.completedAt), elide: elideDay(completion.completedAt) }) : t("inProgress")}
            </p>
            <DataTable columns={[t("lesson"), t("planned"), t("attended"), t("lessonStatus")]} caption={localized(course.title, locale)}>
              {lessons.map((l) => {
                const p = progress.get(l.slug);
                return (
                  <tr key={l.slug}>
                    <td data-label={t("lesson")}>{titles.get(l.slug)}</td>
                    <td data-label={t("planned")}>{t("minutes", { minutes: l.locales.it.frontmatter.duration })}</td>
                    <td data-label={t("attended")}>{hm(p?.activeSeconds ?? 0)}</td>
                    <td data-label={t("lessonStatus")}>{p?.completedAt ? t("completedOn", { date: day(p.completedAt), elide: elideDay(p.completedAt) }) : t("notCompleted")}</td>
                  </tr>
                );
              })}
            </DataTable>
            <p>
              {t("attendance", {
                attended: hm(completion?.activeSeconds ?? status.activeSeconds),
                planned: hm(course.plannedMinutes * 60),
                percent: format.number(Math.floor(completion?.attendancePercent ?? status.evaluation.attendancePercent)),
                threshold: course.completion.attendanceThreshold,
              })}
            </p>
            {finalId ? (
              <>
                <h3>{t("finalTest")}</h3>
                {attempts.length === 0 ? (
                  <p className="muted">{t("noAttempts")}</p>
                ) : (
                  <ul>
                    {attempts.map((a) => (
                      <li key={a.id}>
                        {t("attemptLine", {
                          number: a.attemptNumber,
                          date: format.dateTime(a.submittedAt!, { dateStyle: "long", timeStyle: "short" }),
                          elide: elideDay(a.submittedAt!),
                          score: format.number(a.scorePercent ?? 0),
                          outcome: a.passed ? t("passed") : t("failed"),
                        })}
                      </li>
                    ))}
                  </ul>
                )}
              </>
            ) : null}
            {!completion && status.evaluation.missing.length ? (
              <>
                <p>
                  <strong>{t("missing")}</strong>
                </p>
                <ul>
                  {status.evaluation.missing.map((m) => (
                    <li key={m}>
                      {m === "lessons"
                        ? t("missingItem.lessons", { lessons: status.evaluation.lessonsMissing.map((s) => titles.get(s) ?? s).join(", ") })
                        : t(`missingItem.${m}`)}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {certificate ? (
              <p>
                {t("certificate", { code: certificate.code })} ·{" "}
                <a href={`/api/certificates/${certificate.code}.pdf`}>{t("downloadCertificate")}</a> ·{" "}
                <a href={`/verify/${certificate.code}`}>{t("verifyCertificate")}</a>
              </p>
            ) : null}
          </section>
        );
      }))}
    </main>
  );
}
