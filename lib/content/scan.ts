import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Exercise } from "@/lib/exercises/schema";
import type { FinalTestSettings, Quiz } from "@/lib/quiz/types";
import { splitFrontmatter } from "./frontmatter";
import { isSafeSlug, LESSON_FILE_RE, parseLessonFileName, type ContentLocale } from "./names";
import { displayPath } from "./paths";
import { sortProblems, type Problem } from "./problems";
import { scanQuizzes } from "./quizzes";
import {
  CourseFileSchema,
  LessonFrontmatterSchema,
  type ContentStatus,
  type CourseFile,
  type LessonFrontmatter,
} from "./schemas";
import { validateYaml, type YamlLocator } from "./yaml-validate";

/** One language version of a lesson: a validated `NN-slug.<locale>.mdx` file. */
export interface LessonVariant {
  locale: ContentLocale;
  frontmatter: LessonFrontmatter;
  /** The MDX after the frontmatter. */
  body: string;
  /** 1-based line of the file where `body` starts, to report MDX problems at file positions. */
  bodyStartLine: number;
  /** Path of the file, relative to the repository root (see `displayPath`). */
  file: string;
  /** sha256 (hex) of the file's raw bytes. */
  contentHash: string;
}

/** A lesson: its Italian file (required) and, when present and valid, its English one. */
export interface Lesson {
  slug: string;
  /** The `NN` of the file name; lessons are shown in this order. */
  number: number;
  courseSlug: string;
  /** The Italian variant's status: the one that decides whether learners see the lesson. */
  status: ContentStatus;
  locales: { it: LessonVariant; en?: LessonVariant };
}

/** `course.yaml` as validated (defaults applied), plus the folder's slug, lessons and quizzes. */
export type Course = Omit<CourseFile, "finalTest"> & {
  slug: string;
  /** Valid lessons sorted by number (drafts included: filter with `publishedLessons`). */
  lessons: Lesson[];
  /** Valid quiz files (`quizzes/*.yaml`), by file name. */
  quizzes: Quiz[];
  /** Valid practice exercises (exercise files in `quizzes/`), by file name. */
  exercises: Exercise[];
  /**
   * The final-test settings of `course.yaml`, or null when the course has no final test: the
   * settings, a valid final bank and enough questions in it are all needed.
   */
  finalTest: FinalTestSettings | null;
};

/** A course folder as found on disk, whether or not its `course.yaml` is valid. */
export interface ScannedCourse {
  slug: string;
  /** Absolute path of the course folder. */
  dir: string;
  /** null when `course.yaml` is missing or invalid. */
  meta: CourseFile | null;
  lessons: Lesson[];
  /** Valid quiz files (checked even when `meta` is null). */
  quizzes: Quiz[];
  exercises: Exercise[];
  /** See {@link Course.finalTest}; null when `meta` is null. */
  finalTest: FinalTestSettings | null;
}

export interface ContentScan {
  root: string;
  courses: ScannedCourse[];
  problems: Problem[];
}

interface LessonFileRecord {
  fileName: string;
  file: string;
  number: number;
  slug: string;
  locale: ContentLocale;
  /** null when the file could not be read or its frontmatter is invalid. */
  variant: LessonVariant | null;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads every course under `<root>/courses`, validating `course.yaml`, lesson file names and
 * frontmatter. Never throws on bad content: each problem is collected and the broken part is
 * left out (a lesson whose Italian file is broken, a course whose `course.yaml` is broken is
 * returned with `meta: null`). MDX bodies are not compiled here.
 */
export function scanContent(root: string): ContentScan {
  const absRoot = path.resolve(root);
  const problems: Problem[] = [];
  const coursesDir = path.join(absRoot, "courses");
  const entries = readDir(coursesDir);
  if (!entries) {
    problems.push({
      file: displayPath(coursesDir),
      line: 1,
      column: 1,
      message: "content folder not found: there is no courses/ folder here",
      hint: "courses live in content/courses/<course-slug>/",
      severity: "error",
    });
    return { root: absRoot, courses: [], problems };
  }

  const courses: ScannedCourse[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const abs = path.join(coursesDir, entry.name);
    if (!entry.isDirectory()) {
      problems.push(at(abs, "warning", "unexpected file in courses/: only course folders belong here"));
      continue;
    }
    if (!isSafeSlug(entry.name)) {
      problems.push(
        at(abs, "error", `course folder name "${entry.name}" is not a valid slug; the course is ignored`, {
          hint: "use lower-case letters, digits and single hyphens, e.g. social-media-basics",
        }),
      );
      continue;
    }
    try {
      courses.push(scanCourse(entry.name, abs, problems));
    } catch (e) {
      problems.push(at(abs, "error", `could not read the course folder: ${(e as Error).message}`));
    }
  }
  return { root: absRoot, courses, problems: sortProblems(problems) };
}

function scanCourse(slug: string, dir: string, problems: Problem[]): ScannedCourse {
  const { meta, locate } = readCourseFile(dir, problems);
  const lessons = scanLessons(slug, dir, problems);
  if (meta) courseWarnings(dir, meta, lessons, problems);
  const { quizzes, finalTest, exercises } = scanQuizzes({ slug, dir, meta, locateCourse: locate, lessons }, problems);
  return { slug, dir, meta, lessons, quizzes, finalTest, exercises };
}

function scanLessons(slug: string, dir: string, problems: Problem[]): Lesson[] {
  const lessonsDir = path.join(dir, "lessons");
  const entries = readDir(lessonsDir);
  if (!entries) {
    problems.push(at(lessonsDir, "warning", "the course has no lessons/ folder"));
    return [];
  }

  const records: LessonFileRecord[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const abs = path.join(lessonsDir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "assets") {
        problems.push(at(abs, "warning", "unexpected folder in lessons/: only assets/ is used"));
      }
      continue;
    }
    const parsed = parseLessonFileName(entry.name);
    if (!parsed) {
      problems.push(at(abs, "error", `file name "${entry.name}" does not match NN-lesson-slug.it.mdx / .en.mdx; the file is ignored`, {
        hint: fileNameHint(entry.name),
      }));
      continue;
    }
    let variant: LessonVariant | null = null;
    try {
      variant = readLessonVariant(abs, parsed.locale, problems);
    } catch (e) {
      problems.push(at(abs, "error", `could not read the lesson: ${(e as Error).message}`));
    }
    records.push({ fileName: entry.name, file: displayPath(abs), ...parsed, variant });
  }

  return assembleLessons(slug, dedupe(records, problems), problems);
}

function readCourseFile(dir: string, problems: Problem[]): { meta: CourseFile | null; locate: YamlLocator | null } {
  const abs = path.join(dir, "course.yaml");
  let text: string;
  try {
    text = utf8.decode(fs.readFileSync(abs));
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
    problems.push(
      at(abs, "error", missing ? "missing course.yaml: the course is ignored" : `could not read course.yaml: ${(e as Error).message}`, {
        hint: missing && fs.existsSync(path.join(dir, "course.yml")) ? "rename course.yml to course.yaml" : undefined,
      }),
    );
    return { meta: null, locate: null };
  }
  const result = validateYaml(text.replace(/^\uFEFF/, ""), CourseFileSchema, {
    file: displayPath(abs),
    localizedKeys: ["title", "summary", "objectives"],
  });
  problems.push(...result.problems);
  return result.ok ? { meta: result.data, locate: result.locate } : { meta: null, locate: null };
}

function readLessonVariant(abs: string, locale: ContentLocale, problems: Problem[]): LessonVariant | null {
  const file = displayPath(abs);
  const bytes = fs.readFileSync(abs);
  let source: string;
  try {
    source = utf8.decode(bytes);
  } catch {
    problems.push({ file, line: 1, column: 1, message: "the file is not valid UTF-8 text", hint: "save it as UTF-8", severity: "error" });
    return null;
  }
  const split = splitFrontmatter(source);
  if (!split.ok) {
    problems.push({ file, line: split.line, column: 1, message: split.message, hint: split.hint, severity: "error" });
    return null;
  }
  const result = validateYaml(split.yaml, LessonFrontmatterSchema, { file, lineOffset: split.yamlLineOffset });
  problems.push(...result.problems);
  if (!result.ok) return null;
  return {
    locale,
    frontmatter: result.data,
    body: split.body,
    bodyStartLine: split.bodyStartLine,
    file,
    contentHash: createHash("sha256").update(bytes).digest("hex"),
  };
}

/**
 * Keeps one slug per number and one number per slug. On a clash the first file name (in
 * sorted order) wins and the others are reported and dropped.
 */
function dedupe(records: LessonFileRecord[], problems: Problem[]): LessonFileRecord[] {
  const slugOfNumber = new Map<number, string>();
  const numberOfSlug = new Map<string, number>();
  const kept: LessonFileRecord[] = [];
  for (const r of [...records].sort((a, b) => a.fileName.localeCompare(b.fileName))) {
    const slugTaken = slugOfNumber.get(r.number);
    const numberTaken = numberOfSlug.get(r.slug);
    if (slugTaken !== undefined && slugTaken !== r.slug) {
      problems.push({
        file: r.file, line: 1, column: 1, severity: "error",
        message: `duplicate lesson number ${pad(r.number)}: already used by "${slugTaken}"; this file is ignored`,
        hint: "give each lesson its own number; both language files of a lesson share it",
      });
      continue;
    }
    if (numberTaken !== undefined && numberTaken !== r.number) {
      problems.push({
        file: r.file, line: 1, column: 1, severity: "error",
        message: `duplicate lesson slug "${r.slug}": already used by lesson ${pad(numberTaken)}; this file is ignored`,
        hint: "lesson slugs become URLs and must be unique within the course",
      });
      continue;
    }
    slugOfNumber.set(r.number, r.slug);
    numberOfSlug.set(r.slug, r.number);
    kept.push(r);
  }
  return kept;
}

function assembleLessons(courseSlug: string, records: LessonFileRecord[], problems: Problem[]): Lesson[] {
  const byNumber = new Map<number, LessonFileRecord[]>();
  for (const r of records) byNumber.set(r.number, [...(byNumber.get(r.number) ?? []), r]);

  const lessons: Lesson[] = [];
  for (const [number, group] of [...byNumber].sort((a, b) => a[0] - b[0])) {
    const it = group.find((r) => r.locale === "it");
    const en = group.find((r) => r.locale === "en");
    if (!it) {
      for (const r of group) {
        problems.push({
          file: r.file, line: 1, column: 1, severity: "error",
          message: `missing Italian file ${pad(number)}-${r.slug}.it.mdx: the lesson is left out`,
          hint: "every lesson needs an Italian file; the English one is optional",
        });
      }
      continue;
    }
    if (!it.variant) continue; // its problems are already reported
    const lesson: Lesson = { slug: it.slug, number, courseSlug, status: it.variant.frontmatter.status, locales: { it: it.variant } };
    if (en?.variant) {
      lesson.locales.en = en.variant;
      const a = it.variant.frontmatter;
      const b = en.variant.frontmatter;
      if (a.duration !== b.duration) {
        problems.push({
          file: en.file, line: 1, column: 1, severity: "warning",
          message: `duration ${b.duration} differs from the Italian file's ${a.duration}; the Italian one counts`,
        });
      }
      if (a.status !== b.status) {
        problems.push({
          file: en.file, line: 1, column: 1, severity: "warning",
          message: `status ${b.status} differs from the Italian file's ${a.status}`,
          hint: b.status === "draft" ? "learners reading in English see the Italian text until you publish this file" : undefined,
        });
      }
    }
    lessons.push(lesson);
  }
  return lessons;
}

function courseWarnings(dir: string, meta: CourseFile, lessons: Lesson[], problems: Problem[]): void {
  const published = lessons.filter((l) => l.status === "published");
  const file = displayPath(path.join(dir, "course.yaml"));
  if (meta.status === "published" && published.length === 0) {
    problems.push({ file, line: 1, column: 1, severity: "warning", message: "the course is published but has no published lessons" });
  }
  const total = published.reduce((sum, l) => sum + l.locales.it.frontmatter.duration, 0);
  if (total > meta.plannedMinutes) {
    problems.push({
      file, line: 1, column: 1, severity: "warning",
      message: `published lessons add up to ${total} minutes, more than plannedMinutes (${meta.plannedMinutes})`,
      hint: "planned hours are what funded-training reports use: keep them in step with the lessons",
    });
  }
}

function fileNameHint(name: string): string {
  if (/\.md$/.test(name)) return "lessons are .mdx files: rename it to NN-slug.it.mdx";
  if (/^\d-/.test(name)) return "use two digits for the number, e.g. 01-";
  if (/^\d{2}-.*\.mdx$/.test(name) && !LESSON_FILE_RE.test(name)) {
    return /\.(it|en)\.mdx$/.test(name)
      ? "the slug may contain only lower-case letters, digits and single hyphens"
      : "add the language before .mdx: .it.mdx or .en.mdx";
  }
  return "name lesson files like 01-lesson-slug.it.mdx";
}

function readDir(dir: string): fs.Dirent[] | null {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return null;
  }
}

function at(abs: string, severity: Problem["severity"], message: string, extra: { hint?: string } = {}): Problem {
  return { file: displayPath(abs), line: 1, column: 1, message, severity, ...(extra.hint ? { hint: extra.hint } : {}) };
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
