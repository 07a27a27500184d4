import { getTranslations } from "next-intl/server";
import type { LessonVariant } from "@/lib/content/catalog";
import { compileLesson } from "@/lib/content/compile";
import { courseExercises } from "@/lib/exercises/course-exercises";
import { LessonArticle } from "./lesson-article";

type Props = {
  variant: LessonVariant;
  courseSlug: string;
  /** True when the learner asked for English and sees the Italian file. */
  fallback: boolean;
  number: number;
  total: number;
  /** Trainer preview: source notes under each source, and links to lessons lead to their previews. */
  preview?: boolean;
};

/**
 * A lesson as learners see it (see `LessonArticle`). Used by the prerendered lesson page and
 * by the trainer preview, so a preview is exactly what a learner will get. Compilation goes
 * through the content-hash cache.
 */
export async function LessonView({ variant, courseSlug, fallback, number, total, preview = false }: Props) {
  const t = await getTranslations("lesson");
  const { code } = await compileLesson(variant);
  return (
    <LessonArticle
      code={code}
      frontmatter={variant.frontmatter}
      locale={variant.locale}
      courseSlug={courseSlug}
      fallback={fallback}
      preview={preview}
      exercises={courseExercises(courseSlug, variant.locale)}
      labels={{
        lessonOf: t("lessonOf", { number, total }),
        duration: t("duration", { minutes: variant.frontmatter.duration }),
        fallback: t("fallback"),
        objectives: t("objectives"),
        sources: t("sources"),
        sourceSupports: t("sourceSupports"),
      }}
    />
  );
}
