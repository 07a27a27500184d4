/**
 * Zod schemas for the two YAML documents trainers write: `course.yaml` and the frontmatter at
 * the top of each lesson. Objects are strict so a mistyped key is reported instead of ignored.
 */
import { z } from "zod";
import { FinalTestSettingsSchema } from "@/lib/quiz/settings";
import type { ContentLocale } from "./names";

const text = z.string().trim().min(1, { error: "must not be empty" });
const percent = (fallback: number) =>
  z
    .int({ error: "must be a whole number (a percentage, without %)" })
    .min(0, { error: "must be between 0 and 100" })
    .max(100, { error: "must be between 0 and 100" })
    .default(fallback);

/** `completion.minLessonTimePercent` when a course does not set it. */
export const DEFAULT_MIN_LESSON_TIME_PERCENT = 50;

/** Publication state: drafts are visible in trainer preview only. */
export const StatusSchema = z.enum(["draft", "published"], { error: "must be draft or published" });
export type ContentStatus = z.infer<typeof StatusSchema>;

/** A text in Italian (required) and English (optional; Italian is shown when missing). */
export const LocalizedTextSchema = z.strictObject({ it: text, en: text.optional() });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** A list of texts per language, Italian required. */
export const LocalizedListSchema = z.strictObject({
  it: z.array(text).min(1, { error: "must list at least one item" }),
  en: z.array(text).min(1, { error: "must list at least one item" }).optional(),
});
export type LocalizedList = z.infer<typeof LocalizedListSchema>;

/** Completion rules, each with a default so the whole block may be omitted. */
export const CompletionSchema = z
  .strictObject({
    forcedSequence: z.boolean({ error: "must be true or false" }).default(true),
    attendanceThreshold: percent(70),
    passMark: percent(80),
    /** The learner must read and acknowledge the company's social media policy (content/policy/). */
    requirePolicyAck: z.boolean({ error: "must be true or false" }).default(false),
    /**
     * Active time a learner must have spent on a lesson before it can be marked completed, as a
     * percentage of the lesson's `duration` (0 = no minimum).
     */
    minLessonTimePercent: percent(DEFAULT_MIN_LESSON_TIME_PERCENT),
  })
  .prefault({});
export type CompletionRules = z.infer<typeof CompletionSchema>;

/** `content/courses/<course>/course.yaml`. */
export const CourseFileSchema = z.strictObject({
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema,
  objectives: LocalizedListSchema,
  plannedMinutes: z
    .int({ error: "must be a whole number of minutes" })
    .min(1, { error: "must be at least 1 minute" })
    .max(100_000, { error: "is implausibly large" }),
  completion: CompletionSchema,
  /** The final test; it exists only when the course also has a `final-bank` quiz file. */
  finalTest: FinalTestSettingsSchema.optional(),
  /** The certificate: how long it stays valid (recertification); without it, it never expires. */
  certificate: z
    .strictObject({
      validMonths: z.int({ error: "must be a whole number of months" }).min(1, { error: "must be at least 1 month" }).max(240, { error: "must be at most 240 months" }),
    })
    .optional(),
  status: StatusSchema,
  version: z.string({ error: "must be text: put it in quotes" }).trim().min(1, { error: "must not be empty" }),
});
export type CourseFile = z.infer<typeof CourseFileSchema>;

/**
 * A source a lesson relies on. Plain text is enough for background reading; a legal or
 * factual claim needs the object form, so a reviewer can find the official text (`ref`:
 * Normattiva/Gazzetta Ufficiale reference, the Garante's docweb number, the decision's number
 * and date) and see which sentence of the lesson it supports (`supports`: shown to trainers
 * in the preview, never to learners).
 */
export const SourceSchema = z.union(
  [
    text,
    z.strictObject({
      title: text,
      ref: text.optional(),
      url: z.url({ error: "must be a full address starting with https://" }).optional(),
      supports: text,
    }),
  ],
  { error: "must be a text, or an object with title, supports and optionally ref and url" },
);
export type Source = z.infer<typeof SourceSchema>;

/** The YAML frontmatter of a lesson file (one per language). */
export const LessonFrontmatterSchema = z.strictObject({
  title: text.max(200, { error: "must be at most 200 characters" }),
  summary: text.max(600, { error: "must be at most 600 characters" }),
  duration: z
    .int({ error: "must be a whole number of minutes" })
    .min(1, { error: "must be between 1 and 240 minutes" })
    .max(240, { error: "must be between 1 and 240 minutes" }),
  objectives: z.array(text).min(1, { error: "must list at least one objective" }),
  status: StatusSchema,
  sources: z.array(SourceSchema).min(1, { error: "must list at least one source, or be left out" }).optional(),
});
export type LessonFrontmatter = z.infer<typeof LessonFrontmatterSchema>;

/** The text for `locale`, falling back to Italian. */
export function localized(value: LocalizedText, locale: ContentLocale): string;
export function localized(value: LocalizedList, locale: ContentLocale): string[];
export function localized(value: LocalizedText | LocalizedList, locale: ContentLocale): string | string[] {
  return (locale === "en" ? value.en : undefined) ?? value.it;
}
