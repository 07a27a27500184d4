import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearCatalogCache, loadCatalog } from "@/lib/content/catalog";
import { compileLesson, LessonCompileError } from "@/lib/content/compile";
import { getCourse, getLesson, lessonVariant, publishedCourses, publishedLessons } from "@/lib/content/lookup";

const FIXTURES = path.join(process.cwd(), "tests", "fixtures", "content");
const REL = "tests/fixtures/content/courses";

function sha256(file: string): string {
  return createHash("sha256").update(fs.readFileSync(path.join(process.cwd(), file))).digest("hex");
}

let cacheDir: string;
beforeAll(() => {
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-mdx-cache-"));
  process.env.MDX_CACHE_DIR = cacheDir;
});
afterAll(() => {
  delete process.env.MDX_CACHE_DIR;
  fs.rmSync(cacheDir, { recursive: true, force: true });
});
beforeEach(() => clearCatalogCache());

describe("loadCatalog over the fixture tree", () => {
  it("loads the valid course with its lessons in order, locales and content hashes", () => {
    const catalog = loadCatalog(FIXTURES);
    const course = catalog.courses.find((c) => c.slug === "valid-course");
    expect(course).toBeDefined();
    expect(course!.title).toEqual({ it: "Corso valido", en: "Valid course" });
    expect(course!.completion).toEqual({ forcedSequence: true, attendanceThreshold: 70, passMark: 80, requirePolicyAck: false, minLessonTimePercent: 50 });
    expect(course!.lessons.map((l) => [l.number, l.slug, l.status])).toEqual([
      [1, "first-steps", "published"],
      [2, "second-look", "published"],
    ]);

    const [first, second] = course!.lessons;
    expect(first!.locales.it.file).toBe(`${REL}/valid-course/lessons/01-first-steps.it.mdx`);
    expect(first!.locales.it.contentHash).toBe(sha256(first!.locales.it.file));
    expect(first!.locales.en?.contentHash).toBe(sha256(`${REL}/valid-course/lessons/01-first-steps.en.mdx`));
    expect(first!.locales.it.frontmatter.title).toBe("Primi passi");
    expect(first!.locales.it.body.startsWith("\n## Benvenuto")).toBe(true);
    expect(first!.locales.it.bodyStartLine).toBe(9);
    expect(second!.locales.en).toBeUndefined();
  });

  it("leaves out the lesson with broken frontmatter and reports it at its line", () => {
    const catalog = loadCatalog(FIXTURES);
    const broken = catalog.courses.find((c) => c.slug === "broken-course");
    // The syntax error is only found when compiling, so that lesson is still listed.
    expect(broken?.lessons.map((l) => l.slug)).toEqual(["fine", "syntax-error"]);

    const file = `${REL}/broken-course/lessons/02-bad-frontmatter.it.mdx`;
    const problems = catalog.problems.filter((p) => p.file === file);
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, column: 1, path: ["objectives"], message: "objectives: is required", severity: "error" }),
      expect.objectContaining({ line: 4, column: 11, path: ["duration"], message: "duration: must be a whole number of minutes", severity: "error" }),
    ]);
  });

  it("leaves out a course whose course.yaml is invalid, and reports the other mistakes", () => {
    const catalog = loadCatalog(FIXTURES);
    expect(catalog.courses.map((c) => c.slug)).toEqual(["broken-course", "quiz-errors", "valid-course"]);
    const messy = catalog.problems.filter((p) => p.file.startsWith(`${REL}/messy-course/`));
    expect(messy.map((p) => [p.file.slice(REL.length + 1), p.line, p.path ?? null])).toEqual(
      expect.arrayContaining([
        ["messy-course/course.yaml", 8, ["plannedMinutes"]],
        ["messy-course/course.yaml", 10, ["version"]],
        ["messy-course/lessons/1-bad-name.it.mdx", 1, null],
        ["messy-course/lessons/02-only-english.en.mdx", 1, null],
        ["messy-course/lessons/04-dup.it.mdx", 1, null],
      ]),
    );
    expect(messy.find((p) => p.file.endsWith("02-only-english.en.mdx"))?.message).toMatch(/missing Italian file/);
    expect(messy.find((p) => p.file.endsWith("04-dup.it.mdx"))?.message).toMatch(/duplicate lesson number 04/);
  });

  it("is memoised per root until the cache is cleared", () => {
    const a = loadCatalog(FIXTURES);
    expect(loadCatalog(FIXTURES)).toBe(a);
    expect(loadCatalog(path.join(FIXTURES, "."))).toBe(a);
    clearCatalogCache();
    expect(loadCatalog(FIXTURES)).not.toBe(a);
  });

  it("reports a missing content folder instead of throwing", () => {
    const catalog = loadCatalog(path.join(FIXTURES, "does-not-exist"));
    expect(catalog.courses).toEqual([]);
    expect(catalog.problems).toEqual([expect.objectContaining({ severity: "error", message: expect.stringMatching(/content folder not found/) })]);
  });
});

describe("lookups", () => {
  it("finds courses and lessons by slug, and returns null for unknown or unsafe slugs", () => {
    expect(getCourse("valid-course", FIXTURES)?.slug).toBe("valid-course");
    expect(getLesson("valid-course", "second-look", FIXTURES)?.number).toBe(2);
    expect(getCourse("messy-course", FIXTURES)).toBeNull();
    for (const [course, lesson] of [
      ["../fixtures", "first-steps"],
      ["valid-course", "../../valid-course"],
      ["valid-course", "01-first-steps"],
      ["Valid-Course", "first-steps"],
      ["valid-course", "missing"],
    ] as const) {
      expect(getLesson(course, lesson, FIXTURES)).toBeNull();
    }
  });

  it("falls back to Italian when the English file is missing", () => {
    const first = getLesson("valid-course", "first-steps", FIXTURES)!;
    const second = getLesson("valid-course", "second-look", FIXTURES)!;
    expect(lessonVariant(first, "en")).toMatchObject({ fallback: false, variant: { locale: "en" } });
    expect(lessonVariant(second, "en")).toMatchObject({ fallback: true, variant: { locale: "it" } });
    expect(lessonVariant(second, "it")).toMatchObject({ fallback: false, variant: { locale: "it" } });
  });

  it("lists published courses and lessons only", () => {
    expect(publishedCourses(FIXTURES).map((c) => c.slug)).toEqual(["valid-course"]);
    expect(publishedLessons(getCourse("broken-course", FIXTURES)!)).toEqual([]);
  });

  it("keeps the draft lesson of the demo course out of the published lessons", () => {
    const course = getCourse("social-media-basics");
    expect(course?.status).toBe("published");
    expect(course!.lessons.map((l) => [l.slug, l.status])).toEqual([
      ["already-online", "published"],
      ["never-private", "published"],
      ["company-rules", "published"],
      ["next-steps", "draft"],
    ]);
    expect(publishedLessons(course!).map((l) => l.slug)).toEqual(["already-online", "never-private", "company-rules"]);
    expect(lessonVariant(course!.lessons[3]!, "en").fallback).toBe(true);
    expect(loadCatalog().problems).toEqual([]);
  });
});

describe("compiling fixture lessons", () => {
  it("compiles a valid lesson", async () => {
    const lesson = getLesson("valid-course", "second-look", FIXTURES)!;
    const compiled = await compileLesson(lesson.locales.it);
    expect(compiled.frontmatter.title).toBe("Secondo sguardo");
    expect(compiled.code).toContain("Figure");
  });

  it("rejects the lesson with a syntax error at the unclosed tag", async () => {
    const lesson = getLesson("broken-course", "syntax-error", FIXTURES)!;
    const error = await compileLesson(lesson.locales.it).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LessonCompileError);
    expect((error as LessonCompileError).problems).toEqual([
      expect.objectContaining({ file: `${REL}/broken-course/lessons/03-syntax-error.it.mdx`, line: 14, column: 1 }),
    ]);
  });
});
