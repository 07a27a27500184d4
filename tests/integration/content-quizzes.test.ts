import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { clearCatalogCache, loadCatalog } from "@/lib/content/catalog";
import { finalBank, getCourse, getQuiz, lessonCheckFor } from "@/lib/content/lookup";
import { validateYaml } from "@/lib/content/yaml-validate";
import {
  drawFinalTest,
  FinalTestSettingsSchema,
  gradeAttempt,
  lessonCheckDraw,
  mulberry32,
  publicQuestion,
  questionMap,
  QuizFileSchema,
  RISK_TAGS,
  validateAnswers,
} from "@/lib/quiz";

const FIXTURES = path.join(process.cwd(), "tests", "fixtures", "content");
const REL = "tests/fixtures/content/courses";

function sha256(file: string): string {
  return createHash("sha256").update(fs.readFileSync(path.join(process.cwd(), file))).digest("hex");
}

beforeEach(() => clearCatalogCache());

describe("quizzes in the catalog", () => {
  it("loads the valid course's lesson check and final bank, with file, hash and final-test settings", () => {
    const course = getCourse("valid-course", FIXTURES)!;
    expect(course.quizzes.map((q) => [q.id, q.kind, q.lesson ?? null, q.questions.length])).toEqual([
      ["final", "final-bank", null, 4],
      ["first-steps-check", "lesson-check", "first-steps", 2],
    ]);
    const check = course.quizzes[1]!;
    expect(check.file).toBe(`${REL}/valid-course/quizzes/first-steps-check.yaml`);
    expect(check.contentHash).toBe(sha256(check.file));
    expect(check.courseSlug).toBe("valid-course");
    expect(course.finalTest).toEqual({ questions: 3, perRisk: { privacy: 1 }, maxAttempts: 2, waitMinutes: 0, timeLimitMinutes: 60, partialCredit: true, reviewKeys: "when-finished" });
    // true/false ids written as YAML booleans are read as the strings "true" and "false".
    expect(check.questions[1]!.options.map((o) => o.id)).toEqual(["true", "false"]);
  });

  it("finds quizzes by id, by lesson and the final bank", () => {
    const course = getCourse("valid-course", FIXTURES)!;
    expect(getQuiz("valid-course", "first-steps-check", FIXTURES)?.kind).toBe("lesson-check");
    expect(getQuiz("valid-course", "final", FIXTURES)?.kind).toBe("final-bank");
    for (const [c, q] of [["valid-course", "nope"], ["valid-course", "../final"], ["valid-course", "Final"], ["messy-course", "final"], ["../x", "final"]] as const) {
      expect(getQuiz(c, q, FIXTURES)).toBeNull();
    }
    expect(lessonCheckFor(course, "first-steps")?.id).toBe("first-steps-check");
    expect(lessonCheckFor(course, "second-look")).toBeNull();
    expect(finalBank(course)?.id).toBe("final");
  });

  it("keeps only the valid quiz files of a broken course, and disables a final test the bank cannot serve", () => {
    const catalog = loadCatalog(FIXTURES);
    const course = catalog.courses.find((c) => c.slug === "quiz-errors")!;
    expect(course.quizzes.map((q) => q.id)).toEqual(["bank", "intro-check"]);
    expect(course.finalTest).toBeNull();
    expect(finalBank(course)).toBeNull();
    expect(lessonCheckFor(course, "intro")?.id).toBe("intro-check");

    const problems = catalog.problems.filter((p) => p.file.startsWith(`${REL}/quiz-errors/`));
    expect(problems.filter((p) => p.severity === "error")).toHaveLength(19);
    expect(problems).toContainEqual(
      expect.objectContaining({ file: `${REL}/quiz-errors/quizzes/rules.yaml`, line: 40, column: 15, path: ["questions", 3, "options", 1, "id"] }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ file: `${REL}/quiz-errors/course.yaml`, line: 12, column: 14, path: ["finalTest", "perRisk", "privacy"] }),
    );
  });

  it("loads the demo course's quizzes without problems", () => {
    const course = getCourse("social-media-basics")!;
    expect(loadCatalog().problems).toEqual([]);
    expect(course.quizzes.map((q) => q.id)).toEqual(["already-online-check", "final", "never-private-check"]);
    expect(lessonCheckFor(course, "already-online")?.questions).toHaveLength(3);
    expect(lessonCheckFor(course, "never-private")?.questions).toHaveLength(3);
    expect(course.finalTest).toEqual({ questions: 8, maxAttempts: 3, waitMinutes: 0, timeLimitMinutes: 60, partialCredit: false, reviewKeys: "when-finished" });
    expect(course.completion.passMark).toBe(80);

    const bank = finalBank(course)!;
    expect(bank.questions.length).toBeGreaterThanOrEqual(12);
    expect(new Set(bank.questions.map((q) => q.type))).toEqual(new Set(["single", "multiple", "true-false"]));
    expect(new Set(bank.questions.map((q) => q.risk))).toEqual(new Set(RISK_TAGS));
    expect(bank.questions.filter((q) => q.scenario).length).toBeGreaterThanOrEqual(3);
    expect(bank.questions.filter((q) => q.scenario?.post).length).toBeGreaterThanOrEqual(2);
    const lessons = new Set(course.lessons.filter((l) => l.status === "published").map((l) => l.slug));
    for (const quiz of course.quizzes) {
      for (const q of quiz.questions) {
        expect(lessons.has(q.lesson)).toBe(true);
        expect(q.options.filter((o) => o.correct).length).toBeGreaterThanOrEqual(1);
        if (q.type !== "multiple") expect(q.options.filter((o) => o.correct)).toHaveLength(1);
        expect(q.prompt.en && q.explanation.en).toBeTruthy();
        for (const o of q.options) expect(o.feedback?.it && o.feedback.en).toBeTruthy();
      }
    }
  });

  it("serves a whole attempt of the demo final test: draw, public view, answers, grade", () => {
    const course = getCourse("social-media-basics")!;
    const bank = finalBank(course)!;
    const byId = questionMap(bank.questions);
    const drawn = drawFinalTest(bank.questions, course.finalTest!, mulberry32(8));
    expect(drawn).toHaveLength(8);
    const views = drawn.map((d) => publicQuestion(byId.get(d.questionId)!, d, "en"));
    expect(views.every((v) => v.options.length >= 2)).toBe(true);

    const right = Object.fromEntries(drawn.map((d) => [d.questionId, byId.get(d.questionId)!.options.filter((o) => o.correct).map((o) => o.id)]));
    const checked = validateAnswers(drawn, byId, right);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(gradeAttempt(drawn, byId, checked.answers, { partialCredit: false, passMark: course.completion.passMark })).toMatchObject({ scorePercent: 100, passed: true, total: 8 });

    const check = lessonCheckFor(course, "never-private")!;
    expect(lessonCheckDraw(check, mulberry32(1)).map((d) => d.questionId)).toEqual(check.questions.map((q) => q.id));
  });
});

describe("final test settings and bank on their own", () => {
  let root: string;
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  const courseYaml = (extra: string) =>
    `title: { it: Corso }\nsummary: { it: Sommario }\nobjectives: { it: [Uno] }\nplannedMinutes: 10\n${extra}status: draft\nversion: "1"\n`;
  const lesson = "---\ntitle: Lezione\nsummary: Sommario\nduration: 5\nobjectives: [Uno]\nstatus: draft\n---\n\nTesto.\n";
  const bank =
    "kind: final-bank\ntitle: { it: Banca }\nquestions:\n" +
    "  - { id: q1, type: true-false, risk: privacy, lesson: one, prompt: { it: D, en: Q }, explanation: { it: S, en: E }, options: [{ id: true, correct: true }, { id: false }] }\n";

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-quizzes-"));
    write("courses/settings-only/course.yaml", courseYaml("finalTest:\n  questions: 1\n"));
    write("courses/settings-only/lessons/01-one.it.mdx", lesson);
    write("courses/bank-only/course.yaml", courseYaml(""));
    write("courses/bank-only/lessons/01-one.it.mdx", lesson);
    write("courses/bank-only/quizzes/final.yaml", bank);
    write("courses/both/course.yaml", courseYaml("finalTest:\n  questions: 1\n"));
    write("courses/both/lessons/01-one.it.mdx", lesson);
    write("courses/both/quizzes/final.yaml", bank);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("has a final test only when both exist, and reports the one without the other", () => {
    const catalog = loadCatalog(root);
    const bySlug = new Map(catalog.courses.map((c) => [c.slug, c]));
    expect(bySlug.get("both")!.finalTest).toMatchObject({ questions: 1 });
    expect(finalBank(bySlug.get("both")!)?.id).toBe("final");
    expect(bySlug.get("settings-only")!.finalTest).toBeNull();
    expect(bySlug.get("bank-only")!.finalTest).toBeNull();
    expect(finalBank(bySlug.get("bank-only")!)).toBeNull();
    expect(bySlug.get("bank-only")!.quizzes.map((q) => q.id)).toEqual(["final"]);

    const errors = catalog.problems.filter((p) => p.severity === "error").map((p) => [p.file.replace(/^.*\/courses\//, ""), p.line, p.column, p.message]);
    expect(errors).toEqual([
      ["bank-only/quizzes/final.yaml", 1, 7, "kind: a final bank needs `finalTest:` settings in course.yaml; there is no final test"],
      ["settings-only/course.yaml", 5, 1, "finalTest: there is no valid final bank, so there is no final test"],
    ]);
  });
});

describe("the trainers' guide", () => {
  const guide = fs.readFileSync(path.join(process.cwd(), "content", "README.md"), "utf8");
  const yamlBlocks = [...guide.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it("has quiz examples, in both languages, that pass the schema and reference real lessons", () => {
    const quizzes = yamlBlocks.filter((b) => b.startsWith("kind:"));
    expect(quizzes).toHaveLength(2);
    const lessons = new Set(getCourse("social-media-basics")!.lessons.map((l) => l.slug));
    for (const block of quizzes) {
      const result = validateYaml(block, QuizFileSchema, { file: "README.md" });
      expect(result.problems).toEqual([]);
      if (!result.ok) continue;
      expect(new Set(result.data.questions.map((q) => q.type))).toEqual(new Set(["single", "multiple", "true-false"]));
      for (const q of result.data.questions) expect(lessons.has(q.lesson)).toBe(true);
    }
  });

  it("has finalTest examples that pass the schema", () => {
    const settings = yamlBlocks.filter((b) => b.startsWith("finalTest:"));
    expect(settings).toHaveLength(2);
    for (const block of settings) {
      const result = validateYaml(block, z.strictObject({ finalTest: FinalTestSettingsSchema }), { file: "README.md" });
      expect(result.problems).toEqual([]);
    }
  });
});
