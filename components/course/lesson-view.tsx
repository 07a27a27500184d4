import { getTranslations } from "next-intl/server";
import { LessonBody } from "@/components/mdx/lesson-body";
import type { LessonVariant } from "@/lib/content/catalog";
import { compileLesson } from "@/lib/content/compile";

type Props = {
  variant: LessonVariant;
  courseSlug: string;
  /** True when the learner asked for English and sees the Italian file. */
  fallback: boolean;
  number: number;
  total: number;
  /** Trainer preview: show under each source which claim of the lesson it supports. */
  showSourceNotes?: boolean;
};

/**
 * A lesson as learners see it: heading, duration, objectives, body and sources. Used by
 * the prerendered lesson page and by the trainer preview, so a preview is exactly what a
 * learner will get. Compilation goes through the content-hash cache.
 */
export async function LessonView({ variant, courseSlug, fallback, number, total, showSourceNotes = false }: Props) {
  const t = await getTranslations("lesson");
  const { code } = await compileLesson(variant);
  const fm = variant.frontmatter;
  return (
    <article className="lesson" lang={variant.locale}>
      <header className="lesson__header">
        <p className="muted">{t("lessonOf", { number, total })}</p>
        <h1>{fm.title}</h1>
        <p className="lesson__summary">{fm.summary}</p>
        <p className="muted">{t("duration", { minutes: fm.duration })}</p>
        {fallback ? (
          <p className="alert alert--info" role="note">
            {t("fallback")}
          </p>
        ) : null}
        <section aria-labelledby="lesson-objectives" className="lesson__objectives">
          <h2 id="lesson-objectives">{t("objectives")}</h2>
          <ul>
            {fm.objectives.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </section>
      </header>
      <LessonBody code={code} locale={variant.locale} courseSlug={courseSlug} />
      {fm.sources?.length ? (
        <section aria-labelledby="lesson-sources" className="lesson__sources">
          <h2 id="lesson-sources">{t("sources")}</h2>
          <ul>
            {fm.sources.map((s) =>
              typeof s === "string" ? (
                <li key={s}>{s}</li>
              ) : (
                <li key={s.title + (s.ref ?? "")}>
                  {s.url ? (
                    <a href={s.url} rel="noopener noreferrer">
                      {s.title}
                    </a>
                  ) : (
                    s.title
                  )}
                  {s.ref ? <> ({s.ref})</> : null}
                  {showSourceNotes ? (
                    <p className="lesson__source-note muted">
                      {t("sourceSupports")} {s.supports}
                    </p>
                  ) : null}
                </li>
              ),
            )}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
