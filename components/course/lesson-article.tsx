import { LessonBody } from "@/components/mdx/lesson-body";
import type { ContentLocale } from "@/lib/content/names";
import type { LessonArticleLabels } from "@/lib/content/lesson-article-labels";
import type { LessonFrontmatter } from "@/lib/content/schemas";
import type { PublicExercise } from "@/lib/exercises/public-view";

type Props = {
  /** `code` from `compileLesson`. */
  code: string;
  frontmatter: LessonFrontmatter;
  /** Language the lesson is written in (the variant's). */
  locale: ContentLocale;
  courseSlug: string;
  /** True when the reader asked for English and gets the Italian file. */
  fallback: boolean;
  labels: LessonArticleLabels;
  /** Trainer preview: show under each source which claim of the lesson it supports, and link lessons to their previews. */
  preview?: boolean;
  /** The course's exercises in the lesson's language; omitted in LMS packages (nothing grades them there). */
  exercises?: readonly PublicExercise[];
};

/**
 * A lesson as learners see it: heading, duration, objectives, body and sources. Synchronous
 * and free of request context, so the site (through `LessonView`) and the LMS packages
 * (`lib/lms-export`) render the very same markup.
 */
export function LessonArticle({ code, frontmatter: fm, locale, courseSlug, fallback, labels, preview = false, exercises }: Props) {
  return (
    <article className="lesson" lang={locale}>
      <header className="lesson__header">
        <p className="muted">{labels.lessonOf}</p>
        <h1>{fm.title}</h1>
        <p className="lesson__summary">{fm.summary}</p>
        <p className="muted">{labels.duration}</p>
        {fallback ? (
          <p className="alert alert--info" role="note">
            {labels.fallback}
          </p>
        ) : null}
        <section aria-labelledby="lesson-objectives" className="lesson__objectives">
          <h2 id="lesson-objectives">{labels.objectives}</h2>
          <ul>
            {fm.objectives.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </section>
      </header>
      <LessonBody code={code} locale={locale} courseSlug={courseSlug} exercises={exercises} preview={preview} />
      {fm.sources?.length ? (
        <section aria-labelledby="lesson-sources" className="lesson__sources">
          <h2 id="lesson-sources">{labels.sources}</h2>
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
                  {preview ? (
                    <p className="lesson__source-note muted">
                      {labels.sourceSupports} {s.supports}
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
