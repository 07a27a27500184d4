/**
 * What the exporter sends to the render worker and gets back (JSON over stdin/stdout). The
 * worker runs in a plain Node process because rendering HTML needs `react-dom/server`, which
 * the `react-server` condition of the app and of the scripts does not provide.
 */
import type { ContentLocale } from "@/lib/content/names";
import type { LmsFormat } from "./formats";
import type { LessonArticleLabels } from "@/lib/content/lesson-article-labels";
import type { LessonFrontmatter } from "@/lib/content/schemas";
import type { PublicQuestion } from "@/lib/quiz/public-view";

export interface RenderRequest {
  format: LmsFormat;
  locale: ContentLocale;
  courseSlug: string;
  title: string;
  lessons: {
    slug: string;
    code: string;
    frontmatter: LessonFrontmatter;
    /** The variant's language (Italian when the English file is missing). */
    locale: ContentLocale;
    fallback: boolean;
    labels: LessonArticleLabels;
  }[];
  policy: { title: string; intro: string[]; sections: { heading: string; paragraphs: string[] }[]; version: string } | null;
  /** Question scenarios to render, by a key the exporter chose. */
  scenarios: { key: string; scenario: NonNullable<PublicQuestion["scenario"]> }[];
  /** Texts of the page frame. */
  labels: { skipToContent: string; exit: string; loading: string; noScript: string; scenario: string; policyVersion: string };
}

export interface RenderResponse {
  /** The launch page. */
  indexHtml: string;
  /** Rendered scenarios by key. */
  scenarios: Record<string, string>;
  /** The browser runtime, bundled. */
  runtimeJs: string;
}
