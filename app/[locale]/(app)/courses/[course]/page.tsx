import type { Metadata } from "next";
import { elide } from "@/lib/i18n/elision";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { isEnrolled } from "@/db/queries/enrolment";
import { requirePermission } from "@/lib/auth/guards";
import { getCourse, lessonVariant, publishedLessons } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import { summariseCourse } from "@/lib/progress/course-summary";
import { listCourseProgress } from "@/db/queries/progress";
import { courseStatus, finalTestId, policyRequired } from "@/lib/progress/complete-course";
import { getOwnCertificate } from "@/db/queries/me";
import { ProgressBar } from "@/components/course/progress-bar";
import type { Locale } from "@/lib/i18n/locales";
import { LessonLink } from "@/components/course/lesson-link";

type Props = { params: Promise<{ locale: string; course: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function publishedCourse(slug: string) {
  const course = getCourse(slug);
  return course && course.status === "published" ? course : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, course } = await params;
  const c = publishedCourse(course);
  return c ? { title: localized(c.title, locale as Locale) } : {};
}

/** Course page: lessons with duration and state, overall progress, and "Riprendi". */
export default async function CoursePage({ params, searchParams }: Props) {
  const { locale: raw, course: slug } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const user = await requirePermission("courses:learn");
  const course = publishedCourse(slug);
  if (!course || !isEnrolled(db(), user.id, course.slug)) notFound();
  const t = await getTranslations("courses");
  const tp = await getTranslations("policy");
  // The learner's rows for this course, read once for the summary and the completion status.
  const progress = listCourseProgress(db(), user.id, course.slug);
  const summary = summariseCourse(course, progress);
  const lessons = publishedLessons(course);
  const status = courseStatus(db(), user.id, course, progress);
  const finalId = finalTestId(course);
  const certificate = getOwnCertificate(db(), user.id, course.slug);
  const locked = (await searchParams).locked;
  const lockedTitle = typeof locked === "string" ? lessons.find((l) => l.slug === locked) : undefined;

  return (
    <main id="main">
      <p>
        <Link href="/courses">← {t("backToCourses")}</Link>
      </p>
      <h1>{localized(course.title, locale)}</h1>
      {lockedTitle ? (
        <p className="alert alert--error" role="alert">
          {t("lockedNotice")}
        </p>
      ) : null}
      <p>{localized(course.summary, locale)}</p>
      <p className="muted">{t("plannedDuration", { minutes: course.plannedMinutes })}</p>
      <ProgressBar
        id="course-progress"
        label={t("progressLabel")}
        percent={summary.percent}
        text={t("progressText", { done: summary.completedCount, total: summary.total, percent: summary.percent })}
      />
      {summary.resume ? (
        <p>
          <LessonLink className="button" courseSlug={course.slug} lessonSlug={summary.resume}>
            {summary.completedCount === summary.total ? t("review") : summary.started ? t("resume") : t("start")}
          </LessonLink>
        </p>
      ) : null}
      <section aria-labelledby="objectives">
        <h2 id="objectives">{t("objectives")}</h2>
        <ul>
          {localized(course.objectives, locale).map((o) => (
            <li key={o}>{o}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="lessons">
        <h2 id="lessons">{t("lessons")}</h2>
        {course.completion.forcedSequence ? <p className="muted">{t("forcedSequence")}</p> : null}
        <ol className="lesson-list">
          {lessons.map((l) => {
            const state = summary.states.get(l.slug) ?? "locked";
            const fm = lessonVariant(l, locale).variant.frontmatter;
            return (
              <li key={l.slug} className={`lesson-item lesson-item--${state}`}>
                {state === "locked" ? <span>{fm.title}</span> : <LessonLink courseSlug={course.slug} lessonSlug={l.slug}>
                    {fm.title}
                  </LessonLink>}
                <span className="muted"> · {t("minutes", { minutes: fm.duration })}</span>
                <span className={`badge badge--${state}`}>{t(`status.${state}`)}</span>
              </li>
            );
          })}
        </ol>
      </section>
      {finalId ? (
        <section aria-labelledby="final-test" className="card">
          <h2 id="final-test">{t("finalTestSection")}</h2>
          <p>
            {status.finalTestPassed
              ? t("finalTestStatus.passed", { score: status.bestFinalScore ?? 0, elide: elide(status.bestFinalScore ?? 0) })
              : status.finalAttempts
                ? t("finalTestStatus.failed", { score: status.bestFinalScore ?? 0 })
                : t("finalTestStatus.none")}
          </p>
          <Link className="button button--secondary" href={`/courses/${course.slug}/quiz/${finalId}`}>
            {t("finalTestSection")}
          </Link>
        </section>
      ) : null}
      {policyRequired(course) ? (
        <section aria-labelledby="policy" className="card">
          <h2 id="policy">{tp("section")}</h2>
          <p>{status.evaluation.missing.includes("policy") ? tp("todo") : tp("done")}</p>
          <Link className="button button--secondary" href={`/courses/${course.slug}/policy`}>
            {tp("open")}
          </Link>
        </section>
      ) : null}
      {certificate ? (
        <section aria-labelledby="certificate" className="card">
          <h2 id="certificate">{t("certificate")}</h2>
          <p>{t("certificateText", { code: certificate.code })}</p>
          <a className="button" href={`/api/certificates/${certificate.code}.pdf`}>
            {t("downloadCertificate")}
          </a>
        </section>
      ) : null}
    </main>
  );
}
