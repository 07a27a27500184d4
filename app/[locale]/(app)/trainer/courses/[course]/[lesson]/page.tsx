import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { requirePermission } from "@/lib/auth/guards";
import { canForCourse } from "@/lib/auth/permissions";
import { clearCatalogCache } from "@/lib/content/catalog";
import { getCourse, lessonVariant } from "@/lib/content/lookup";
import { LessonView } from "@/components/course/lesson-view";
import type { Locale } from "@/lib/i18n/locales";
import "@/components/mdx/mdx.css";
// Exercises sit inside lesson bodies; the stylesheet is imported here because lesson bodies are
// also rendered outside Next (tests, the LMS export), where a CSS import cannot be loaded.
import "@/components/exercises/exercises.css";

type Props = { params: Promise<{ locale: string; course: string; lesson: string }> };

function find(courseSlug: string, lessonSlug: string) {
  const course = getCourse(courseSlug);
  const index = course?.lessons.findIndex((l) => l.slug === lessonSlug) ?? -1;
  const lesson = course?.lessons[index];
  return course && lesson ? { course, lesson, index } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, course, lesson } = await params;
  const found = find(course, lesson);
  if (!found) return {};
  const t = await getTranslations({ locale, namespace: "trainer" });
  return { title: t("previewOf", { title: lessonVariant(found.lesson, locale as Locale, { includeDrafts: true }).variant.frontmatter.title }) };
}

/**
 * Trainer preview: any lesson, drafts included, rendered by the same component learners
 * get. Nothing is recorded. The UI language picks the variant, as for learners.
 */
export default async function PreviewPage({ params }: Props) {
  const { locale: raw, course: courseSlug, lesson: lessonSlug } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const user = await requirePermission("content:preview");
  // A preview must show the file as saved a moment ago.
  clearCatalogCache();
  const found = find(courseSlug, lessonSlug);
  // A trainer limited to other courses does not see this one (as if it did not exist).
  if (!found || !canForCourse(user, "content:preview", courseSlug)) notFound();
  const t = await getTranslations("trainer");
  const { variant, fallback } = lessonVariant(found.lesson, locale, { includeDrafts: true });
  return (
    <main id="main" className="lesson-page">
      <p>
        <Link href="/trainer">← {t("backToContent")}</Link>
      </p>
      <p className="alert alert--info" role="note">
        {t("previewNotice")}{" "}
        <span className={found.lesson.status === "draft" ? "badge badge--draft" : "badge"}>{t(found.lesson.status)}</span>
      </p>
      <LessonView variant={variant} courseSlug={found.course.slug} fallback={fallback} number={found.index + 1} total={found.course.lessons.length} preview />
      <p className="muted">
        {t("contentHash")}: <code>{variant.contentHash.slice(0, 12)}</code> · {variant.file}
      </p>
    </main>
  );
}
