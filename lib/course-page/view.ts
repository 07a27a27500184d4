import "server-only";
import type { Engine } from "@/db/engine/types";
import { isEnrolled } from "@/db/queries/enrolment";
import { getOwnCertificate } from "@/db/queries/me";
import { listCourseProgress } from "@/db/queries/progress";
import type { Course } from "@/lib/content/catalog";
import { getCourse, lessonVariant, publishedLessons } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import type { Locale } from "@/lib/i18n/locales";
import { courseStatus, finalTestId, policyRequired } from "@/lib/progress/complete-course";
import { summariseCourse } from "@/lib/progress/course-summary";
import type { LessonState } from "@/lib/progress/sequence";

/** What one learner's course page shows, in one language: plain data, no markup. */
export type CourseView = {
  slug: string;
  title: string;
  summary: string;
  plannedMinutes: number;
  objectives: string[];
  forcedSequence: boolean;
  progress: { percent: number; completed: number; total: number };
  /** The lesson the main button opens, and what it says. */
  resume: { lessonSlug: string; label: "review" | "resume" | "start" } | null;
  lessons: { slug: string; title: string; minutes: number; state: LessonState }[];
  /** Set when the learner was sent back here from a lesson that is still locked. */
  lockedNotice: boolean;
  finalTest: { id: string; passed: boolean; attempts: number; bestScore: number | null } | null;
  policy: { acknowledged: boolean } | null;
  certificateCode: string | null;
};

/** A published course, or null (drafts and unknown slugs are not course pages). */
export function publishedCourse(slug: string): Course | null {
  const course = getCourse(slug);
  return course && course.status === "published" ? course : null;
}

/**
 * The course page of one learner, read in one place for the route that serves it
 * (lib/course-page/serve.ts): null when the course is not published or the learner is not
 * enrolled (both answer 404). The learner's progress rows are read once, for the summary and
 * the completion status.
 */
export async function readCourseView(d: Engine, userId: number, slug: string, locale: Locale, lockedSlug: string | null): Promise<CourseView | null> {
  const course = publishedCourse(slug);
  if (!course || !await isEnrolled(d, userId, course.slug)) return null;
  const progress = await listCourseProgress(d, userId, course.slug);
  const summary = summariseCourse(course, progress);
  const status = await courseStatus(d, userId, course, progress);
  const finalId = finalTestId(course);
  const lessons = publishedLessons(course).map((l) => {
    const fm = lessonVariant(l, locale).variant.frontmatter;
    return { slug: l.slug, title: fm.title, minutes: fm.duration, state: summary.states.get(l.slug) ?? ("locked" as const) };
  });
  return {
    slug: course.slug,
    title: localized(course.title, locale),
    summary: localized(course.summary, locale),
    plannedMinutes: course.plannedMinutes,
    objectives: localized(course.objectives, locale),
    forcedSequence: course.completion.forcedSequence,
    progress: { percent: summary.percent, completed: summary.completedCount, total: summary.total },
    resume: summary.resume
      ? { lessonSlug: summary.resume, label: summary.completedCount === summary.total ? "review" : summary.started ? "resume" : "start" }
      : null,
    lessons,
    lockedNotice: lockedSlug !== null && lessons.some((l) => l.slug === lockedSlug),
    finalTest: finalId ? { id: finalId, passed: status.finalTestPassed, attempts: status.finalAttempts, bestScore: status.bestFinalScore ?? null } : null,
    policy: policyRequired(course) ? { acknowledged: !status.evaluation.missing.includes("policy") } : null,
    certificateCode: (await getOwnCertificate(d, userId, course.slug))?.code ?? null,
  };
}
