/**
 * Language parity of the course "Lavoro e social media: binomio pericoloso?": every lesson,
 * quiz question and the social media policy template exist in Italian and English, with the
 * same structure. The content check only warns about missing English; for this course English
 * is a requirement, so this test makes it one.
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import { clearCatalogCache, loadCatalog, type Course } from "@/lib/content/catalog";
import type { LocalizedText } from "@/lib/content/schemas";
import { RISK_TAGS, type Question, type Quiz } from "@/lib/quiz";

const COURSE = "lavoro-e-social-media";
// The repository's content folder, whatever CONTENT_DIR says: this test is about the real course.
const CONTENT = path.join(process.cwd(), "content");
const COURSE_DIR = path.join(CONTENT, "courses", COURSE);
const POLICY_FILE = path.join(CONTENT, "policy", "policy.yaml");

/** The lesson slugs of the course, in order: quiz questions link to them. */
const LESSON_SLUGS = [
  "azienda-gia-online",
  "uso-inconsapevole-e-improprio",
  "niente-e-privato",
  "tempo-strumenti-vita-privata",
  "reputazione",
  "lo-struzzo",
  "monitorare-senza-spiare",
  "social-media-policy",
  "critica-sindacato-segnalazioni",
  "intelligenza-artificiale",
  "colleghi-online",
];

/** At least this many questions per risk tag in the final bank (above `finalTest.perRisk`). */
const MIN_PER_RISK = 5;
const MIN_BANK_SIZE = 40;

let course: Course;

beforeAll(() => {
  clearCatalogCache();
  const found = loadCatalog(CONTENT).courses.find((c) => c.slug === COURSE);
  if (!found) throw new Error(`course ${COURSE} not found or its course.yaml is invalid`);
  course = found;
});

const hasText = (s: string | undefined): boolean => typeof s === "string" && s.trim().length > 0;

/** Paths of the localised texts of a question that lack English (or Italian). */
function missingTexts(q: Question): string[] {
  const missing: string[] = [];
  const need = (where: string, t: LocalizedText | undefined, required: boolean) => {
    if (!t) {
      if (required) missing.push(`${q.id}: ${where} is missing`);
      return;
    }
    if (!hasText(t.it)) missing.push(`${q.id}: ${where}.it`);
    if (!hasText(t.en)) missing.push(`${q.id}: ${where}.en`);
  };
  need("prompt", q.prompt, true);
  need("explanation", q.explanation, true);
  if (q.scenario) {
    need("scenario.text", q.scenario.text, true);
    const post = q.scenario.post;
    if (post) {
      if (!hasText(post.author)) missing.push(`${q.id}: scenario.post.author`);
      need("scenario.post.audience", post.audience, true);
      need("scenario.post.text", post.text, true);
      need("scenario.post.role", post.role, false);
      need("scenario.post.time", post.time, false);
    }
  }
  for (const o of q.options) {
    // True/false options may leave their text out: the site shows Vero/Falso, True/False.
    need(`options.${o.id}.text`, o.text, q.type !== "true-false");
    need(`options.${o.id}.feedback`, o.feedback, false);
  }
  return missing;
}

describe(`course ${COURSE}: lessons`, () => {
  it("has its eleven lessons, in order", () => {
    expect(course.lessons.map((l) => l.slug)).toEqual(LESSON_SLUGS);
  });

  it("every lesson file on disk made it into the catalog (an invalid file would be left out)", () => {
    const files = fs.readdirSync(path.join(COURSE_DIR, "lessons")).filter((f) => f.endsWith(".mdx"));
    const loaded = course.lessons.flatMap((l) => [l.locales.it.file, l.locales.en?.file].filter(Boolean).map((f) => path.basename(f!)));
    expect(loaded.sort()).toEqual(files.sort());
  });

  it("every lesson has an Italian and an English variant with the same duration and number of objectives", () => {
    const problems: string[] = [];
    for (const lesson of course.lessons) {
      const it = lesson.locales.it.frontmatter;
      const en = lesson.locales.en?.frontmatter;
      if (!en) {
        problems.push(`${lesson.slug}: no valid English file`);
        continue;
      }
      if (en.duration !== it.duration) problems.push(`${lesson.slug}: duration it ${it.duration}, en ${en.duration}`);
      if (en.objectives.length !== it.objectives.length) {
        problems.push(`${lesson.slug}: objectives it ${it.objectives.length}, en ${en.objectives.length}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe(`course ${COURSE}: quizzes`, () => {
  let quizzes: Quiz[];
  let bank: Quiz;

  beforeAll(() => {
    quizzes = course.quizzes;
    const found = quizzes.find((q) => q.kind === "final-bank");
    if (!found) throw new Error("no valid final bank: run `npm run content:check` to see why");
    bank = found;
  });

  it("every quiz file on disk made it into the catalog (a file with errors would be left out)", () => {
    const files = fs.readdirSync(path.join(COURSE_DIR, "quizzes")).filter((f) => f.endsWith(".yaml"));
    expect(quizzes.map((q) => `${q.id}.yaml`).sort()).toEqual(files.sort());
  });

  it("every question has Italian and English prompt, explanation, scenario, post, option texts and feedback", () => {
    const missing = quizzes.flatMap((quiz) => [
      ...(hasText(quiz.title.en) ? [] : [`${quiz.id}: title.en`]),
      ...quiz.questions.flatMap((q) => missingTexts(q).map((m) => `${quiz.id}/${m}`)),
    ]);
    expect(missing).toEqual([]);
  });

  it("marks the same correct options in both languages: one boolean flag per option, shared by it and en", () => {
    const problems: string[] = [];
    for (const quiz of quizzes) {
      for (const q of quiz.questions) {
        for (const o of q.options) {
          // One file holds both languages, so a single `correct` per option is the whole answer key.
          if (typeof o.correct !== "boolean") problems.push(`${quiz.id}/${q.id}/${o.id}: correct is not a boolean`);
          if (q.type !== "true-false" && (!hasText(o.text?.it) || !hasText(o.text?.en))) {
            problems.push(`${quiz.id}/${q.id}/${o.id}: option text missing in a language`);
          }
        }
        const correct = q.options.filter((o) => o.correct).length;
        if (correct === 0) problems.push(`${quiz.id}/${q.id}: no correct option`);
        if (q.type !== "multiple" && correct !== 1) problems.push(`${quiz.id}/${q.id}: ${correct} correct options in a ${q.type} question`);
        if (q.type === "true-false" && q.options.map((o) => o.id).sort().join() !== "false,true") {
          problems.push(`${quiz.id}/${q.id}: true-false options must be true and false`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it(`the final bank has at least ${MIN_BANK_SIZE} questions and at least ${MIN_PER_RISK} per risk tag`, () => {
    expect(bank.questions.length).toBeGreaterThanOrEqual(MIN_BANK_SIZE);
    const perRisk = Object.fromEntries(RISK_TAGS.map((r) => [r, bank.questions.filter((q) => q.risk === r).length]));
    for (const risk of RISK_TAGS) {
      expect(perRisk[risk], `questions about ${risk}`).toBeGreaterThanOrEqual(MIN_PER_RISK);
      expect(perRisk[risk], `questions about ${risk} vs finalTest.perRisk`).toBeGreaterThanOrEqual(course.finalTest?.perRisk?.[risk] ?? 0);
    }
  });

  it("the final test is enabled and the bank can serve it", () => {
    expect(course.finalTest).not.toBeNull();
    expect(bank.questions.length).toBeGreaterThanOrEqual(course.finalTest!.questions);
  });

  it("final-bank question ids start with final- and every question links to a lesson of the course", () => {
    expect(bank.questions.filter((q) => !q.id.startsWith("final-")).map((q) => q.id)).toEqual([]);
    const slugs = new Set(LESSON_SLUGS);
    const unknown = quizzes.flatMap((quiz) => quiz.questions.filter((q) => !slugs.has(q.lesson)).map((q) => `${quiz.id}/${q.id} → ${q.lesson}`));
    expect(unknown).toEqual([]);
  });
});

describe("social media policy template", () => {
  const Text = z.strictObject({
    title: z.string().trim().min(1),
    intro: z.string().trim().min(1),
    sections: z.array(z.strictObject({ heading: z.string().trim().min(1), body: z.string().trim().min(1) })).min(1),
    acknowledge: z.string().trim().min(1),
  });
  // The placeholder declarations are validated by lib/texts (content:check); here only the texts' shape.
  const PolicySchema = z.strictObject({ version: z.string().min(1), placeholders: z.array(z.unknown()).optional(), it: Text, en: Text });
  type Policy = z.infer<typeof PolicySchema>;
  let policy: Policy;

  beforeAll(() => {
    policy = PolicySchema.parse(parse(fs.readFileSync(POLICY_FILE, "utf8")));
  });

  it("has a quoted version and both languages with the same number of sections", () => {
    // Unquoted, YAML would read 1.0 as the number 1 and the schema above would reject it.
    expect(policy.version).toMatch(/^\d+(\.\d+)*$/);
    expect(policy.en.sections.length).toBe(policy.it.sections.length);
  });

  it("has the same number of paragraphs and placeholders in each section in both languages", () => {
    const paragraphs = (s: string) => s.split(/\n\s*\n/).filter((p) => p.trim()).length;
    const placeholders = (s: string) => (s.match(/\[[A-Z][A-Z ]*\]/g) ?? []).length;
    const shape = (t: Policy["it"]) => [
      { part: "intro", paragraphs: paragraphs(t.intro), placeholders: placeholders(t.intro) },
      ...t.sections.map((s, i) => ({ part: `section ${i + 1}`, paragraphs: paragraphs(s.body), placeholders: placeholders(s.heading + s.body) })),
    ];
    expect(shape(policy.en)).toEqual(shape(policy.it));
  });

  it("keeps bodies to plain paragraphs, without Markdown", () => {
    const markdown = /^\s*(#|[-*+] |\d+\. |>)|\*\*|__|`/m;
    const offending = (["it", "en"] as const).flatMap((l) =>
      [policy[l].intro, ...policy[l].sections.map((s) => s.body)].filter((b) => markdown.test(b)).map((b) => `${l}: ${b.slice(0, 60)}`),
    );
    expect(offending).toEqual([]);
  });
});
