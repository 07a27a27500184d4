import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { QuizFileSchema } from "@/lib/quiz/schema";
import { validateYaml, type YamlLocator } from "../yaml-validate";
import { QUESTION_CUE_RULE_NAMES, type CueRule } from "./rules";
import { findCues } from "./run";
import type { CueCourse, CueQuiz } from "./types";

const DIR = path.join(process.cwd(), "tests", "fixtures", "cues");
const RULES: CueRule[] = [...QUESTION_CUE_RULE_NAMES, "final-draw"];

/** The final-test draw the final-draw fixtures are written for. */
const FINAL_TEST = { questions: 3, perRisk: { privacy: 2 } };

interface Loaded {
  quiz: CueQuiz;
  locate: YamlLocator;
  /** Lines ending in `# cue`. */
  marked: number[];
}

function load(name: string, text = fs.readFileSync(path.join(DIR, name), "utf8")): Loaded {
  const result = validateYaml(text, QuizFileSchema, { file: name });
  if (!result.ok) throw new Error(`${name}: ${result.problems.map((p) => `${p.line}: ${p.message}`).join("; ")}`);
  const marked = text.split("\n").flatMap((l, i) => (/# cue\s*$/.test(l) ? [i + 1] : []));
  return { quiz: { file: name, kind: result.data.kind, questions: result.data.questions }, locate: result.locate, marked };
}

function run(...files: Loaded[]) {
  const course: CueCourse = { quizzes: files.map((f) => f.quiz), finalTest: FINAL_TEST };
  const { findings, exceptions } = findCues(course);
  const locate = new Map(files.map((f) => [f.quiz.file, f.locate]));
  return {
    findings: findings.map((f) => ({ ...f, line: locate.get(f.file)!(f.path).line })),
    exceptions: exceptions.map((e) => ({ ...e, line: locate.get(e.file)!(e.path).line })),
  };
}

describe.each(RULES)("cue rule %s", (rule) => {
  it("reports each cue of its failing fixture at the marked lines, and nothing else", () => {
    const fixture = load(`${rule}.fail.yaml`);
    expect(fixture.marked.length).toBeGreaterThan(0);
    const { findings } = run(fixture);
    expect(findings.map((f) => f.rule)).toEqual(findings.map(() => rule));
    expect([...new Set(findings.map((f) => f.line))].sort((a, b) => a - b)).toEqual(fixture.marked);
    for (const f of findings) expect(f.message.length).toBeGreaterThan(20);
  });

  it("finds no cue at all in its passing fixture", () => {
    expect(run(load(`${rule}.pass.yaml`)).findings).toEqual([]);
  });
});

describe("cueExceptions", () => {
  const silence = (file: string, rule: string, indent = "    ") => {
    const text = fs.readFileSync(path.join(DIR, file), "utf8");
    return text.replace(/(\n {2}- id: q1\n)/, `$1${indent}cueExceptions: [{ rule: ${rule}, reason: "the long key quotes the law word for word" }]\n`);
  };

  it("silences one rule for one question and shows the reason", () => {
    const { findings, exceptions } = run(load("x.yaml", silence("key-length-ratio.fail.yaml", "key-length-ratio")));
    expect(findings).toEqual([]);
    expect(exceptions).toEqual([
      expect.objectContaining({ file: "x.yaml", line: 7, message: 'cue key-length-ratio silenced for "q1": the long key quotes the law word for word' }),
    ]);
  });

  it("silences only the rule it names", () => {
    const { findings } = run(load("x.yaml", silence("key-length-ratio.fail.yaml", "key-longest")));
    expect(findings.map((f) => f.rule)).toEqual(["key-length-ratio"]);
  });

  it("takes a silenced question out of a file-wide count (key-longest: 2 of 3 is still over 40 %, 1 of 3 is not)", () => {
    const text = fs.readFileSync(path.join(DIR, "key-longest.fail.yaml"), "utf8");
    const silenced = load("x.yaml", silence("key-longest.fail.yaml", "key-longest"));
    expect(run(silenced).findings.map((f) => f.line)).toEqual(silenced.marked.slice(1));
    const two = text
      .replace(/(\n {2}- id: q1\n)/, '$1    cueExceptions: [{ rule: key-longest, reason: "the key must name the role exactly" }]\n')
      .replace(/(\n {2}- id: q2\n)/, '$1    cueExceptions: [{ rule: key-longest, reason: "the key must name the colleagues" }]\n');
    expect(run(load("y.yaml", two)).findings).toEqual([]);
  });

  it("is validated by the quiz schema: known rule, a real reason, each rule once", () => {
    const bad = fs
      .readFileSync(path.join(DIR, "key-length-ratio.fail.yaml"), "utf8")
      .replace(
        /(\n {2}- id: q1\n)/,
        '$1    cueExceptions:\n      - { rule: key-longer, reason: "the key quotes the law" }\n      - { rule: key-length-ratio, reason: "ok" }\n      - { rule: final-draw, reason: "the bank is what it is, sorry" }\n',
      );
    const result = validateYaml(bad, QuizFileSchema, { file: "bad.yaml" });
    expect(result.ok).toBe(false);
    const problems = result.problems.map((p) => `${p.line}: ${p.message}`);
    expect(problems).toEqual([
      expect.stringMatching(/^8: questions\[0\]\.cueExceptions\[0\]\.rule: must be one of: key-longest, /),
      "9: questions[0].cueExceptions[1].reason: must say why, in at least 15 characters",
      expect.stringMatching(/^10: questions\[0\]\.cueExceptions\[2\]\.rule: must be one of: /),
    ]);
    const twice = fs
      .readFileSync(path.join(DIR, "key-length-ratio.fail.yaml"), "utf8")
      .replace(
        /(\n {2}- id: q1\n)/,
        '$1    cueExceptions:\n      - { rule: key-length-ratio, reason: "the key quotes the law" }\n      - { rule: key-length-ratio, reason: "the key quotes the law exactly" }\n',
      );
    const again = validateYaml(twice, QuizFileSchema, { file: "twice.yaml" });
    expect(again.ok).toBe(false);
    expect(again.problems.map((p) => `${p.line}: ${p.message}`)).toEqual(["9: questions[0].cueExceptions[1].rule: rule key-length-ratio is already silenced above"]);
  });
});

describe("true-false-balance across lesson checks", () => {
  it("counts the course's lesson checks as one bank and reports once per file", () => {
    const check = (lesson: string, answers: boolean[]) =>
      [
        "kind: lesson-check",
        `lesson: ${lesson}`,
        "title: { it: Prova }",
        "questions:",
        ...answers.flatMap((answer, i) => [
          `  - id: ${lesson}-q${i}`,
          "    type: true-false",
          "    risk: privacy",
          `    lesson: ${lesson}`,
          `    prompt: { it: Vero o falso? Affermazione ${lesson} ${i}. }`,
          "    explanation: { it: Spiegazione }",
          "    options:",
          `      - { id: true${answer ? ", correct: true" : ""} }`,
          `      - { id: false${answer ? "" : ", correct: true"} }`,
        ]),
      ].join("\n");
    const a = load("a.yaml", check("a", [false, false]));
    const b = load("b.yaml", check("b", [false, true]));
    const { findings } = run(a, b);
    expect(findings.map((f) => [f.file, f.line, f.rule])).toEqual([
      ["a.yaml", 11, "true-false-balance"],
      ["b.yaml", 11, "true-false-balance"],
    ]);
    expect(findings[0]!.message).toContain("3 of 4 true/false items of the course's lesson checks together are false (75 %, at most 65 %); false here: a-q0, a-q1");
    expect(run(a, load("b.yaml", check("b", [true, true]))).findings).toEqual([]);
  });
});
