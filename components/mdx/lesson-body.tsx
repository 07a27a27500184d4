import * as React from "react";
import * as ReactDOM from "react-dom";
import * as jsxRuntime from "react/jsx-runtime";
import { getMDXComponent, type MDXContentProps } from "mdx-bundler/client";
import type { ContentLocale } from "@/lib/content/names";
import { mdxComponents } from "./index";
import { Figure, type FigureProps } from "./figure";
import type { PublicExercise } from "@/lib/exercises/public-view";
import { Rewrite, SpotTheRisk, type ExerciseProps } from "./exercise";
import { MdxImage, MdxLink } from "./markdown-elements";

type MdxComponentMap = NonNullable<MDXContentProps["components"]>;
type MdxContent = (props: MDXContentProps) => React.ReactNode;

export interface LessonBodyProps {
  /** `code` from `compileLesson`. */
  code: string;
  /** Language the lesson text is written in (the variant's, which may be the Italian fallback). */
  locale: ContentLocale;
  /** Course the lesson belongs to: images are served from its assets. */
  courseSlug: string;
  /** The course's exercises in the lesson's language; omitted where nothing can grade them. */
  exercises?: readonly PublicExercise[];
  /** A trainer's preview: links to lessons lead to their previews. */
  preview?: boolean;
}

const MAX_CACHED = 200;
const contentByCode = new Map<string, MdxContent>();
const componentsByContext = new Map<string, MdxComponentMap>();

/**
 * Renders a compiled lesson with the registry components. A server component: the compiled
 * code is evaluated (`new Function`) on the server only, so the browser receives plain HTML
 * and no lesson code (the site's CSP does not allow eval). Evaluated lessons are memoised by
 * their code.
 */
export function LessonBody({ code, locale, courseSlug, exercises, preview = false }: LessonBodyProps) {
  const Content = contentFor(code);
  return (
    <div className="mdx-body" lang={locale}>
      {Content({ components: { ...componentsFor(locale, courseSlug, preview), ...exerciseComponents(locale, courseSlug, exercises) } })}
    </div>
  );
}

function contentFor(code: string): MdxContent {
  let content = contentByCode.get(code);
  if (!content) {
    // Our React, not whichever copy mdx-bundler's client would require, so elements and the
    // renderer always agree (this matters under the react-server condition).
    content = getMDXComponent(code, { React, ReactDOM, _jsx_runtime: jsxRuntime }) as MdxContent;
    if (contentByCode.size >= MAX_CACHED) {
      const oldest = contentByCode.keys().next().value;
      if (oldest !== undefined) contentByCode.delete(oldest);
    }
    contentByCode.set(code, content);
  }
  return content;
}

/** The registry with the lesson's locale (and course, for images; and whether links lead to previews) bound into each component. */
function componentsFor(locale: ContentLocale, courseSlug: string, preview: boolean): MdxComponentMap {
  const key = `${locale}:${courseSlug}:${preview ? "preview" : "site"}`;
  let map = componentsByContext.get(key);
  if (!map) {
    const bound: MdxComponentMap = {};
    for (const [name, Component] of Object.entries(mdxComponents)) {
      const Inner = Component as React.ComponentType<Record<string, unknown>>;
      const Bound = (props: Record<string, unknown>) => <Inner {...props} locale={locale} />;
      Bound.displayName = `Mdx${name}`;
      bound[name] = Bound;
    }
    const BoundFigure = (props: FigureProps) => <Figure {...props} locale={locale} courseSlug={courseSlug} />;
    BoundFigure.displayName = "MdxFigure";
    const BoundImage = (props: React.ComponentProps<"img">) => <MdxImage {...props} courseSlug={courseSlug} />;
    BoundImage.displayName = "MdxImg";
    const BoundLink = (props: React.ComponentProps<"a">) => <MdxLink {...props} courseSlug={courseSlug} preview={preview} />;
    BoundLink.displayName = "MdxA";
    map = { ...bound, Figure: BoundFigure, img: BoundImage, a: BoundLink };
    componentsByContext.set(key, map);
  }
  return map;
}

/**
 * Exercises bound to this render's exercise list. Not memoised with the rest: a trainer's
 * preview must show an edited exercise file at once.
 */
function exerciseComponents(locale: ContentLocale, courseSlug: string, exercises: readonly PublicExercise[] | undefined): MdxComponentMap {
  const BoundSpotTheRisk = (props: ExerciseProps) => <SpotTheRisk {...props} locale={locale} courseSlug={courseSlug} exercises={exercises} />;
  BoundSpotTheRisk.displayName = "MdxSpotTheRisk";
  const BoundRewrite = (props: ExerciseProps) => <Rewrite {...props} locale={locale} courseSlug={courseSlug} exercises={exercises} />;
  BoundRewrite.displayName = "MdxRewrite";
  return { SpotTheRisk: BoundSpotTheRisk, Rewrite: BoundRewrite };
}
