import { z } from "zod";
import { RESERVED_LESSON_SLUGS } from "./lesson-urls";

/**
 * Names used by the content tree: slugs, lesson file names and content locales.
 * Pure module (no file system), safe to import from client and server code.
 */

/** Locales a lesson can be written in. Italian is the source language and always required. */
export const CONTENT_LOCALES = ["it", "en"] as const;
export type ContentLocale = (typeof CONTENT_LOCALES)[number];
/** The locale every course and lesson must provide; others fall back to it. */
export const SOURCE_LOCALE: ContentLocale = "it";

/** Lower-case words joined by single hyphens: `social-media-basics`. */
export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A course, lesson or quiz slug as request bodies carry it (the boundaries' shared check). */
export const SlugSchema = z.string().regex(SLUG_RE, "must be a slug (lower-case letters, digits, hyphens)").max(100);

/** `NN-<lesson-slug>.<locale>.mdx`, e.g. `01-always-online.it.mdx`. */
export const LESSON_FILE_RE = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.(it|en)\.mdx$/;

/** Longest slug accepted, to keep URLs and file names reasonable. */
const MAX_SLUG_LENGTH = 80;

/**
 * True when `s` is a slug that can safely become a single path segment:
 * lower-case letters, digits and single inner hyphens only (so no `.`, `/`, `\` or `..`).
 */
export function isSafeSlug(s: unknown): s is string {
  return typeof s === "string" && s.length <= MAX_SLUG_LENGTH && SLUG_RE.test(s);
}

/** True for the locales lesson files may use. */
export function isContentLocale(v: unknown): v is ContentLocale {
  return typeof v === "string" && (CONTENT_LOCALES as readonly string[]).includes(v);
}

/** The parts of a lesson file name, see {@link LESSON_FILE_RE}. */
export interface LessonFileName {
  number: number;
  slug: string;
  locale: ContentLocale;
}

/** Parses `NN-slug.locale.mdx`; null when the name does not follow the pattern or uses a reserved slug. */
export function parseLessonFileName(fileName: string): LessonFileName | null {
  const m = LESSON_FILE_RE.exec(fileName);
  if (!m || !isSafeSlug(m[2]) || RESERVED_LESSON_SLUGS.has(m[2]) || !isContentLocale(m[3])) return null;
  return { number: Number(m[1]), slug: m[2], locale: m[3] };
}

/** The URL path of a lesson page, the form MDX uses for links between lessons. */
export function lessonPath(courseSlug: string, lessonSlug: string): string {
  return `/courses/${courseSlug}/${lessonSlug}`;
}

/**
 * Parses an internal lesson link (`/courses/<course>/<lesson>`, optional trailing slash,
 * `#fragment` or `?query`). Returns null when the URL is not of that form.
 */
export function parseLessonLink(url: string): { courseSlug: string; lessonSlug: string | null } | null {
  const m = /^\/courses\/([^/?#]+)(?:\/([^/?#]+))?\/?(?:[?#].*)?$/.exec(url);
  if (!m || !m[1]) return null;
  return { courseSlug: m[1], lessonSlug: m[2] ?? null };
}
