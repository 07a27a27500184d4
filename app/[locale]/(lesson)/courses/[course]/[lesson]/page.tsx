import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { LessonView } from "@/components/course/lesson-view";
import { LessonProgress } from "@/components/course/lesson-progress";
import { LessonHeartbeat } from "@/components/course/lesson-heartbeat";
import { PresenceCheckDialog } from "@/components/course/presence-check-dialog";
import { getCourse, lessonCheckFor, lessonVariant, publishedCourses, publishedLessons } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import { isLocale } from "@/lib/i18n/locales";
import { LessonLink } from "@/components/course/lesson-link";
import { CourseLink } from "@/components/course/course-link";

type Params = { locale: string; course: string; lesson: string };

/** Every published lesson, per locale, is prerendered at build time. */
export function generateStaticParams(): Omit<Params, "locale">[] {
  return publishedCourses().flatMap((c) => publishedLessons(c).map((l) => ({ course: c.slug, lesson: l.slug })));
}

export const dynamicParams = false;
/** Prerendered or the build fails: the lesson route reads these pages from the build (lib/lessons/prerendered.ts). */
export const dynamic = "error";

function find(params: Params) {
  if (!isLocale(params.locale)) return null;
  const course = getCourse(params.course);
  if (!course || course.status !== "published") return null;
  const lessons = publishedLessons(course);
  const index = lessons.findIndex((l) => l.slug === params.lesson);
  const lesson = lessons[index];
  if (!lesson) return null;
  return { course, lessons, index, lesson, locale: params.locale };
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const found = find(await params);
  if (!found) return {};
  return { title: lessonVariant(found.lesson, found.locale).variant.frontmatter.title };
}

export default async function LessonPage({ params }: { params: Promise<Params> }) {
  const found = find(await params);
  if (!found) notFound();
  const { course, lessons, index, lesson, locale } = found;
  setRequestLocale(locale);
  const t = await getTranslations("lesson");
  const tq = await getTranslations("quiz");
  const check = lessonCheckFor(course, lesson.slug);
  const { variant, fallback } = lessonVariant(lesson, locale);
  const prev = lessons[index - 1];
  const next = lessons[index + 1];
  return (
    <main id="main" className="lesson-page">
      <p>
        <CourseLink courseSlug={course.slug}>← {localized(course.title, locale)}</CourseLink>
      </p>
      <LessonView variant={variant} courseSlug={course.slug} fallback={fallback} number={index + 1} total={lessons.length} />
      {check ? (
        <section className="card lesson-check" aria-labelledby="lesson-check-title">
          <h2 id="lesson-check-title">{tq("lessonCheck")}</h2>
          <p className="muted">{tq("lessonCheckIntro")}</p>
          <Link className="button button--secondary" href={`/courses/${course.slug}/quiz/${check.id}`}>
            {localized(check.title, locale)}
          </Link>
        </section>
      ) : null}
      <LessonProgress courseSlug={course.slug} lessonSlug={lesson.slug} />
      <LessonHeartbeat courseSlug={course.slug} lessonSlug={lesson.slug} />
      <PresenceCheckDialog />
      <nav className="lesson-nav" aria-label={t("navigation")}>
        {prev ? (
          <LessonLink courseSlug={course.slug} lessonSlug={prev.slug} rel="prev">
            ← {t("previous")}: {lessonVariant(prev, locale).variant.frontmatter.title}
          </LessonLink>
        ) : (
          <span />
        )}
        {next ? (
          <LessonLink courseSlug={course.slug} lessonSlug={next.slug} rel="next">
            {t("next")}: {lessonVariant(next, locale).variant.frontmatter.title} →
          </LessonLink>
        ) : null}
      </nav>
    </main>
  );
}
