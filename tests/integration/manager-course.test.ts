/**
 * The course for managers and HR, "Social media e lavoro: guida per responsabili e HR": English
 * mirrors Italian lesson by lesson and question by question, every lesson backs its claims with
 * sources that say what they support, durations add up and are honest for the text, and the
 * final bank can always serve the per-risk draw with distinct questions.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { clearCatalogCache, loadCatalog, type Course, type Lesson } from "@/lib/content/catalog";
import { drawFinalTest, mulberry32 } from "@/lib/quiz/draw";
import type { Quiz } from "@/lib/quiz";

const COURSE = "social-media-responsabili-hr";
const LESSON_SLUGS = ["limiti-del-datore", "post-dannoso", "violazione-di-dati", "introdurre-la-policy", "account-aziendali"];
/** Reading speed the course's durations are planned on, and the most minutes activities may add on top. */
const WORDS_PER_MINUTE = 150;
const MAX_ACTIVITY_MINUTES = 8;
/** The repository's content folder, whatever CONTENT_DIR says: this test is about the real course. */
const CONTENT = path.join(process.cwd(), "content");

let course: Course;

beforeAll(() => {
  clearCatalogCache();
  const courses = new Map(loadCatalog(CONTENT).courses.map((c) => [c.slug, c]));
  course = courses.get(COURSE) ?? expect.unreachable(`course ${COURSE} not found or its course.yaml is invalid`);
});

const variants = (lesson: Lesson) => {
  const en = lesson.locales.en;
  if (!en) throw new Error(`${lesson.slug}: no valid English file`);
  return { it: lesson.locales.it, en };
};

/** The skeleton of a lesson body: headings by level, components in order, list items, link targets. */
function skeleton(body: string) {
  const lines = body.split("\n");
  return {
    headings: lines.filter((l) => /^#{2,4} /.test(l)).map((l) => l.split(" ")[0]),
    components: [...body.matchAll(/<([A-Z][A-Za-z]*)\b/g)].map((m) => m[1]),
    listItems: lines.filter((l) => /^(\s*[-*] |\s*\d+\. )/.test(l)).length,
    links: [...body.matchAll(/\]\((\/[^)\s]+)\)/g)].map((m) => m[1]),
  };
}

const words = (body: string) =>
  body
    .replace(/<[^>]+>/g, " ")
    .split(/\s+/)
    .filter((w) => /\p{L}/u.test(w)).length;

describe(`course ${COURSE}: lessons`, () => {
  it("is published, with its five lessons in order", () => {
    expect(course.status).toBe("published");
    expect(course.lessons.map((l) => [l.slug, l.status])).toEqual(LESSON_SLUGS.map((s) => [s, "published"]));
  });

  it("plans exactly the sum of its lessons' durations", () => {
    expect(course.plannedMinutes).toBe(course.lessons.reduce((sum, l) => sum + l.locales.it.frontmatter.duration, 0));
  });

  it("has an English twin of every lesson with the same duration, objectives, sources and body skeleton", () => {
    for (const lesson of course.lessons) {
      const { it: itV, en } = variants(lesson);
      expect(en.frontmatter.duration, lesson.slug).toBe(itV.frontmatter.duration);
      expect(en.frontmatter.objectives.length, lesson.slug).toBe(itV.frontmatter.objectives.length);
      expect(en.frontmatter.sources?.length, lesson.slug).toBe(itV.frontmatter.sources?.length);
      expect(skeleton(en.body), lesson.slug).toEqual(skeleton(itV.body));
    }
  });

  it("backs its claims with sources in the object form, each saying what it supports", () => {
    for (const lesson of course.lessons) {
      for (const v of Object.values(variants(lesson))) {
        const sources = v.frontmatter.sources ?? [];
        expect(sources.length, v.file).toBeGreaterThan(0);
        for (const s of sources) {
          expect(typeof s, `${v.file}: ${JSON.stringify(s)}`).toBe("object");
          if (typeof s === "object") expect(s.supports.trim().length, v.file).toBeGreaterThan(10);
        }
      }
    }
  });

  it("gives each lesson at least the reading time of its Italian text, and at most that plus the activities", () => {
    for (const lesson of course.lessons) {
      const { it: itV } = variants(lesson);
      const reading = words(itV.body) / WORDS_PER_MINUTE;
      expect(itV.frontmatter.duration, lesson.slug).toBeGreaterThanOrEqual(Math.ceil(reading));
      expect(itV.frontmatter.duration, lesson.slug).toBeLessThanOrEqual(Math.ceil(reading) + MAX_ACTIVITY_MINUTES);
    }
  });
});

/** Every `{ it, … }` text under `value` that lacks a non-empty English twin, as a path. */
function missingEnglish(value: unknown, at: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => missingEnglish(v, `${at}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  if (typeof record.it === "string") return typeof record.en === "string" && record.en.trim() !== "" ? [] : [at];
  return Object.entries(record).flatMap(([k, v]) => missingEnglish(v, `${at}.${k}`));
}

describe(`course ${COURSE}: quizzes`, () => {
  let bank: Quiz;

  beforeAll(() => {
    const found = course.quizzes.find((q) => q.kind === "final-bank");
    if (!found) throw new Error("no valid final bank: run `npm run content:check` to see why");
    bank = found;
  });

  it("every quiz file on disk made it into the catalog", () => {
    const files = fs.readdirSync(path.join(CONTENT, "courses", COURSE, "quizzes")).filter((f) => f.endsWith(".yaml"));
    expect(course.quizzes.map((q) => `${q.id}.yaml`).sort()).toEqual(files.sort());
  });

  it("has one check per lesson and a final bank whose questions all name a lesson of the course", () => {
    const checked = course.quizzes.filter((q) => q.kind === "lesson-check").map((q) => q.lesson);
    expect(checked.sort()).toEqual([...LESSON_SLUGS].sort());
    const slugs = new Set(LESSON_SLUGS);
    expect(course.quizzes.flatMap((q) => q.questions.filter((x) => !slugs.has(x.lesson)).map((x) => x.id))).toEqual([]);
    expect(bank.questions.filter((q) => !q.id.startsWith("final-")).map((q) => q.id)).toEqual([]);
  });

  it("has English for every text of every quiz", () => {
    expect(course.quizzes.flatMap((q) => missingEnglish({ title: q.title, questions: q.questions }, q.id))).toEqual([]);
  });

  it("lets the final test draw its per-risk minimums with distinct questions, whatever the draw", () => {
    const settings = course.finalTest!;
    expect(settings).not.toBeNull();
    for (let seed = 1; seed <= 200; seed++) {
      const drawn = drawFinalTest(bank.questions, settings, mulberry32(seed));
      const ids = drawn.map((d) => d.questionId);
      expect(new Set(ids).size).toBe(settings.questions);
      const risks = ids.map((id) => bank.questions.find((q) => q.id === id)!.risk);
      for (const [risk, min] of Object.entries(settings.perRisk ?? {})) {
        expect(risks.filter((r) => r === risk).length, `seed ${seed}, ${risk}`).toBeGreaterThanOrEqual(min);
      }
    }
  });
});
