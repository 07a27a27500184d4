import type { Metadata } from "next";
import { elideDay, elideIsoDay } from "@/lib/i18n/elision";
import { getCompletion } from "@/db/queries/completions";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { requirePermission } from "@/lib/auth/guards";
import { publishedCourses } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import { summariseCourses } from "@/lib/progress/course-summary";
import { listEnrolments } from "@/db/queries/enrolment";
import { romeToday } from "@/lib/dates";
import { ProgressBar } from "@/components/course/progress-bar";
import type { Locale } from "@/lib/i18n/locales";
import { LessonLink } from "@/components/course/lesson-link";
import { CourseLink } from "@/components/course/course-link";

export async function generateMetadata({ params }: PageProps<"/[locale]/courses">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "courses" }))("title") };
}

/** "I miei corsi": the published courses this learner is enrolled in, with due dates; overdue ones stand out. */
export default async function MyCoursesPage({ params }: PageProps<"/[locale]/courses">) {
  const { locale } = (await params) as { locale: Locale };
  setRequestLocale(locale);
  const user = await requirePermission("courses:learn");
  const t = await getTranslations("courses");
  const d = db();
  const enrolled = new Map((await listEnrolments(d, user.id)).map((e) => [e.courseSlug, e.dueDate]));
  const summaries = await summariseCourses(d, user.id, publishedCourses().filter((c) => enrolled.has(c.slug)));
  const completions = new Map<string, Awaited<ReturnType<typeof getCompletion>>>();
  for (const s of summaries) completions.set(s.course.slug, await getCompletion(d, user.id, s.course.slug));
  const today = romeToday();
  const format = await getFormatter();
  return (
    <main id="main">
      <h1>{t("title")}</h1>
      {summaries.length === 0 ? (
        <p className="empty-state">{t("empty")}</p>
      ) : (
        <ul className="course-list">
          {summaries.map((s) => (
            <li key={s.course.slug} className="card course-card">
              <h2>
                <CourseLink courseSlug={s.course.slug}>{localized(s.course.title, locale)}</CourseLink>
              </h2>
              <p>{localized(s.course.summary, locale)}</p>
              <p className="muted">
                {t("lessonsCount", { count: s.total })} · {t("plannedDuration", { minutes: s.course.plannedMinutes })}
              </p>
              {(() => {
                // A completed course has nothing left to do by any date: say when it was completed.
                const completion = completions.get(s.course.slug);
                if (completion) {
                  const on = format.dateTime(completion.completedAt, { dateStyle: "long" });
                  return <p className="alert alert--ok">{t("completedOn", { date: on, elide: elideDay(completion.completedAt) })}</p>;
                }
                const due = enrolled.get(s.course.slug);
                if (!due) return null;
                const late = due < today;
                const when = format.dateTime(new Date(`${due}T12:00:00Z`), { dateStyle: "long" });
                return <p className={late ? "alert alert--error" : "due-date"}>{late ? t("overdue", { date: when, elide: elideIsoDay(due) }) : t("dueDate", { date: when, elide: elideIsoDay(due) })}</p>;
              })()}
              <ProgressBar
                id={`progress-${s.course.slug}`}
                label={t("progressLabel")}
                percent={s.percent}
                text={t("progressText", { done: s.completedCount, total: s.total, percent: s.percent })}
              />
              {s.resume ? (
                <LessonLink className="button" courseSlug={s.course.slug} lessonSlug={s.resume}>
                  {s.completedCount === s.total ? t("review") : s.started ? t("resume") : t("start")}
                </LessonLink>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
