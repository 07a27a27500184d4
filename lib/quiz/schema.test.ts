import { describe, expect, it } from "vitest";
import { CourseFileSchema } from "@/lib/content/schemas";
import { validateYaml } from "@/lib/content/yaml-validate";
import { QuizFileSchema } from "./schema";

const LOCALIZED = ["title", "prompt", "explanation", "text", "feedback", "audience", "role", "time"];
const checkQuiz = (lines: string[]) => validateYaml(lines.join("\n"), QuizFileSchema, { file: "quiz.yaml", localizedKeys: LOCALIZED });

const good = [
  "kind: lesson-check", // 1
  "lesson: first-lesson", // 2
  "title:", // 3
  "  it: Verifica", // 4
  "  en: Check", // 5
  "questions:", // 6
  "  - id: first-question", // 7
  "    type: single", // 8
  "    risk: privacy", // 9
  "    lesson: first-lesson", // 10
  "    scenario:", // 11
  "      text: { it: Caso, en: Case }", // 12
  "      post:", // 13
  "        author: Marta R.", // 14
  "        audience: { it: Solo amici, en: Friends only }", // 15
  "        text: { it: Post, en: Post }", // 16
  "        reactions: { likes: 12, comments: 3, shares: 1 }", // 17
  "    prompt: { it: Domanda, en: Question }", // 18
  "    explanation: { it: Perché, en: Why }", // 19
  "    options:", // 20
  "      - id: a", // 21
  "        text: { it: Giusta, en: Right }", // 22
  "        correct: true", // 23
  "        feedback: { it: Sì, en: \"Yes\" }", // 24
  "      - id: b", // 25
  "        text: { it: Sbagliata, en: Wrong }", // 26
];

function replaceLine(lines: string[], line: number, ...replacement: string[]): string[] {
  return [...lines.slice(0, line - 1), ...replacement, ...lines.slice(line)];
}

describe("quiz file schema", () => {
  it("accepts a valid file and applies defaults", () => {
    const result = checkQuiz(good);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const q = result.data.questions[0]!;
    expect(q.options.map((o) => [o.id, o.correct])).toEqual([
      ["a", true],
      ["b", false],
    ]);
    expect(q.scenario?.post?.reactions).toEqual({ likes: 12, comments: 3, shares: 1 });
    expect(result.locate(["questions", 0, "options", 1, "id"])).toEqual({ line: 25, column: 13 });
    expect(result.locate(["questions", 0, "prompt"], { preferKey: true })).toEqual({ line: 18, column: 5 });
  });

  it("reads `id: true` and `id: false` (YAML booleans) as true/false option ids, texts optional", () => {
    const tf = [...good.slice(0, 7), "    type: true-false", ...good.slice(8, 19), "    options:", "      - id: true", "      - id: false", "        correct: true"];
    const result = checkQuiz(tf);
    expect(result.problems).toEqual([]);
    if (result.ok) expect(result.data.questions[0]!.options.map((o) => [o.id, o.correct, o.text])).toEqual([["true", false, undefined], ["false", true, undefined]]);
  });

  const invalid: { name: string; lines: string[]; path: (string | number)[]; line: number; column: number; message: RegExp; hint?: RegExp }[] = [
    { name: "unknown kind", lines: replaceLine(good, 1, "kind: quiz"), path: ["kind"], line: 1, column: 7, message: /must be lesson-check or final-bank/ },
    { name: "lesson-check without lesson", lines: replaceLine(good, 2), path: ["lesson"], line: 1, column: 1, message: /lesson: is required for a lesson-check/, hint: /add `lesson:/ },
    { name: "final-bank with a lesson", lines: replaceLine(good, 1, "kind: final-bank"), path: ["lesson"], line: 2, column: 9, message: /a final-bank does not follow a lesson/ },
    { name: "question type typo", lines: replaceLine(good, 8, "    type: singel"), path: ["questions", 0, "type"], line: 8, column: 11, message: /must be single, multiple or true-false/ },
    { name: "unknown risk", lines: replaceLine(good, 9, "    risk: gossip"), path: ["questions", 0, "risk"], line: 9, column: 11, message: /must be one of: confidential-info/ },
    { name: "question id not a slug", lines: replaceLine(good, 7, "  - id: First Question"), path: ["questions", 0, "id"], line: 7, column: 9, message: /must be a slug/ },
    { name: "misspelt key in a question", lines: replaceLine(good, 19, "    explaination: { it: Perché }"), path: ["questions", 0, "explaination"], line: 19, column: 5, message: /unknown key/, hint: /did you mean `explanation`/ },
    { name: "misspelt key in an option", lines: replaceLine(good, 23, "        corect: true"), path: ["questions", 0, "options", 0, "corect"], line: 23, column: 9, message: /unknown key/, hint: /did you mean `correct`/ },
    { name: "missing prompt", lines: replaceLine(good, 18), path: ["questions", 0, "prompt"], line: 7, column: 5, message: /prompt: is required/ },
    { name: "prompt without languages", lines: replaceLine(good, 18, "    prompt: Domanda"), path: ["questions", 0, "prompt"], line: 18, column: 13, message: /expected object/, hint: /one line per language under `prompt:`/ },
    { name: "missing Italian text", lines: replaceLine(good, 18, "    prompt: { en: Question }"), path: ["questions", 0, "prompt", "it"], line: 18, column: 5, message: /is required/, hint: /Italian text is required/ },
    { name: "blank feedback", lines: replaceLine(good, 24, '        feedback: { it: "  " }'), path: ["questions", 0, "options", 0, "feedback", "it"], line: 24, column: 25, message: /must not be empty/, hint: /say why this option/ },
    { name: "blank explanation", lines: replaceLine(good, 19, '    explanation: { it: "" }'), path: ["questions", 0, "explanation", "it"], line: 19, column: 24, message: /must not be empty/, hint: /explain the right answer/ },
    { name: "no correct option", lines: replaceLine(good, 23), path: ["questions", 0, "options"], line: 20, column: 5, message: /no option is marked `correct: true` \(question "first-question"\)/ },
    { name: "two correct in single choice", lines: [...good, "        correct: true"], path: ["questions", 0, "options", 1, "correct"], line: 27, column: 18, message: /2 options are marked correct \(a, b\); a single-choice question has exactly one/ },
    { name: "duplicate option id", lines: replaceLine(good, 25, "      - id: a"), path: ["questions", 0, "options", 1, "id"], line: 25, column: 13, message: /duplicate option id "a"/ },
    { name: "option without text", lines: replaceLine(good, 26), path: ["questions", 0, "options", 1, "text"], line: 25, column: 9, message: /text: is required/ },
    { name: "only one option", lines: good.slice(0, 24), path: ["questions", 0, "options"], line: 20, column: 5, message: /at least two options/ },
    { name: "true-false with other ids", lines: replaceLine(good, 8, "    type: true-false"), path: ["questions", 0, "options"], line: 20, column: 5, message: /exactly two options, with ids true and false/ },
    { name: "negative reactions", lines: replaceLine(good, 17, "        reactions: { likes: -1 }"), path: ["questions", 0, "scenario", "post", "reactions", "likes"], line: 17, column: 29, message: /must not be negative/ },
    { name: "unknown post prop", lines: replaceLine(good, 14, "        autor: Marta R."), path: ["questions", 0, "scenario", "post", "autor"], line: 14, column: 9, message: /unknown key/, hint: /did you mean `author`/ },
  ];

  it("caps a lesson check at 50 questions, all of which are asked", () => {
    const question = (i: number) => [
      `  - id: q${i}`,
      "    type: true-false",
      "    risk: policy",
      "    lesson: first-lesson",
      "    prompt: { it: D }",
      "    explanation: { it: S }",
      "    options: [{ id: true, correct: true }, { id: false }]",
    ];
    const lines = [...good.slice(0, 6), ...Array.from({ length: 51 }, (_, i) => question(i)).flat()];
    const result = checkQuiz(lines);
    expect(result.problems).toEqual([expect.objectContaining({ line: 6, column: 1, path: ["questions"], message: expect.stringMatching(/at most 50 questions/) })]);
    expect(checkQuiz(lines.slice(0, -7)).ok).toBe(true);
  });

  for (const c of invalid) {
    it(`reports ${c.name} at line ${c.line}`, () => {
      const result = checkQuiz(c.lines);
      expect(result.ok).toBe(false);
      const match = result.problems.find((p) => JSON.stringify(p.path) === JSON.stringify(c.path));
      expect(match, JSON.stringify(result.problems, null, 1)).toBeDefined();
      expect(match).toMatchObject({ file: "quiz.yaml", line: c.line, column: c.column, severity: "error" });
      expect(match!.message).toMatch(c.message);
      if (c.hint) expect(match!.hint).toMatch(c.hint);
    });
  }
});

describe("finalTest in course.yaml", () => {
  const course = [
    "title: { it: Corso }", // 1
    "summary: { it: Sommario }", // 2
    "objectives: { it: [Uno] }", // 3
    "plannedMinutes: 30", // 4
    "finalTest:", // 5
    "  questions: 4", // 6
    "  perRisk:", // 7
    "    privacy: 3", // 8
    "    policy: 2", // 9
    "status: draft", // 10
    'version: "1.0"', // 11
  ];
  const checkCourse = (lines: string[]) => validateYaml(lines.join("\n"), CourseFileSchema, { file: "course.yaml" });

  it("applies defaults to the settings", () => {
    const result = checkCourse([...course.slice(0, 6), ...course.slice(9)]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.data.finalTest).toEqual({ questions: 4, maxAttempts: 3, waitMinutes: 0, timeLimitMinutes: 60, partialCredit: false, reviewKeys: "when-finished" });
  });

  it("reports per-risk minimums adding up to more than the questions", () => {
    const result = checkCourse(course);
    expect(result.problems).toEqual([
      expect.objectContaining({ line: 7, column: 3, path: ["finalTest", "perRisk"], message: "finalTest.perRisk: asks for 5 questions in total, more than questions (4)", hint: expect.stringMatching(/lower the per-risk minimums/) }),
    ]);
  });

  it("reports an unknown risk and bad numbers where they are", () => {
    const result = checkCourse([...course.slice(0, 5), "  questions: 0", "  perRisk:", "    gossip: 1", "  maxAttempts: many", ...course.slice(9)]);
    expect(result.problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [6, 14, "finalTest.questions: must be between 1 and 50"],
      [8, 5, "finalTest.perRisk.gossip: unknown key"],
      [9, 16, "finalTest.maxAttempts: must be a whole number of attempts"],
    ]);
    expect(result.problems[1]!.hint).toMatch(/allowed keys here: confidential-info/);
  });
});
