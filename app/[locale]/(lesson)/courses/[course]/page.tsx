import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { publishedCourses } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import { publishedCourse } from "@/lib/course-page/view";
import { isLocale } from "@/lib/i18n/locales";
import { PAGE_MAIN_MARKER } from "@/lib/lessons/personalise";

type Params = { locale: string; course: string };

/** Every published course, per locale, gets a prerendered frame. */
export function generateStaticParams(): Omit<Params, "locale">[] {
  return publishedCourses().map((c) => ({ course: c.slug }));
}

export const dynamicParams = false;
/** Prerendered or the build fails: the course route reads these frames from the build (lib/course-page/serve.ts). */
export const dynamic = "error";

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { locale, course } = await params;
  const c = isLocale(locale) ? publishedCourse(course) : null;
  return c && isLocale(locale) ? { title: localized(c.title, locale) } : {};
}

/**
 * The frame of a course page: the lesson pages' static header and everything around `<main>`,
 * the same bytes for every learner. Its `<main>` is a marker that the course route
 * (app/courses/[course]/route.ts) replaces with the learner's own page, as HTML
 * (lib/course-page/html.ts); React leaves the inner HTML it did not render as it is.
 */
export default async function CourseFrame({ params }: { params: Promise<Params> }) {
  const { locale, course } = await params;
  if (!isLocale(locale) || !publishedCourse(course)) notFound();
  setRequestLocale(locale);
  return <main id="main" dangerouslySetInnerHTML={{ __html: PAGE_MAIN_MARKER }} />;
}
