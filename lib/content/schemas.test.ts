import { describe, expect, it } from "vitest";
import { splitFrontmatter } from "./frontmatter";
import { CourseFileSchema, LessonFrontmatterSchema, localized } from "./schemas";
import { validateYaml } from "./yaml-validate";

/** Validates a whole lesson file the way the scanner does (frontmatter lines offset by `---`). */
function checkLesson(source: string) {
  const split = splitFrontmatter(source);
  if (!split.ok) throw new Error(split.message);
  return validateYaml(split.yaml, LessonFrontmatterSchema, { file: "lesson.it.mdx", lineOffset: split.yamlLineOffset });
}

function checkCourse(text: string) {
  return validateYaml(text, CourseFileSchema, { file: "course.yaml", localizedKeys: ["title", "summary", "objectives"] });
}

const lesson = (frontmatter: string[]) => ["---", ...frontmatter, "---", "", "## Body", ""].join("\n");

const goodFrontmatter = [
  "title: Una lezione", // line 2
  "summary: Di che cosa parla", // line 3
  "duration: 8", // line 4
  "objectives:", // line 5
  "  - Primo obiettivo", // line 6
  "  - Secondo obiettivo", // line 7
  "status: published", // line 8
];

const goodCourse = [
  "title:", // 1
  "  it: Corso", // 2
  "  en: Course", // 3
  "summary:", // 4
  "  it: Sommario", // 5
  "objectives:", // 6
  "  it:", // 7
  "    - Uno", // 8
  "plannedMinutes: 30", // 9
  "completion:", // 10
  "  forcedSequence: false", // 11
  "  attendanceThreshold: 75", // 12
  "  passMark: 60", // 13
  "status: draft", // 14
  'version: "1.2"', // 15
];

function replaceLine(lines: string[], index: number, ...replacement: string[]): string[] {
  return [...lines.slice(0, index), ...replacement, ...lines.slice(index + 1)];
}

function onlyError(result: ReturnType<typeof checkLesson> | ReturnType<typeof checkCourse>) {
  expect(result.ok).toBe(false);
  const errors = result.problems.filter((p) => p.severity === "error");
  expect(errors).toHaveLength(1);
  return errors[0]!;
}

describe("lesson frontmatter schema", () => {
  it("accepts a valid frontmatter and keeps optional sources", () => {
    const result = checkLesson(lesson([...goodFrontmatter, "sources:", "  - Cassazione 10280/2018"]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toEqual({
      title: "Una lezione",
      summary: "Di che cosa parla",
      duration: 8,
      objectives: ["Primo obiettivo", "Secondo obiettivo"],
      status: "published",
      sources: ["Cassazione 10280/2018"],
    });
    expect(result.problems).toEqual([]);
  });

  it("accepts a source with its reference, address and the claim it supports", () => {
    const result = checkLesson(
      lesson([
        ...goodFrontmatter,
        "sources:",
        "  - title: Legge 20 maggio 1970, n. 300, art. 4",
        "    ref: Normattiva",
        "    url: https://www.normattiva.it/uri-res/N2Ls?urn:nir:stato:legge:1970-05-20;300",
        "    supports: «gli strumenti di controllo a distanza richiedono un accordo sindacale»",
      ]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.sources?.[0]).toMatchObject({ ref: "Normattiva", supports: expect.stringContaining("accordo") });
  });

  it("refuses a source object that does not say which claim it supports", () => {
    const result = checkLesson(lesson([...goodFrontmatter, "sources:", "  - title: Cass. ord. 12142/2024"]));
    expect(result.ok).toBe(false);
  });

  it("refuses a source address that is not a full URL", () => {
    const result = checkLesson(lesson([...goodFrontmatter, "sources:", "  - title: Garante", "    url: garanteprivacy.it", "    supports: la sanzione"]));
    expect(result.ok).toBe(false);
  });

  it("accepts CRLF line ends and a byte-order mark", () => {
    const result = checkLesson("\uFEFF" + lesson(goodFrontmatter).replace(/\n/g, "\r\n"));
    expect(result.ok).toBe(true);
  });

  const invalid: { name: string; lines: string[]; path: (string | number)[]; line: number; column?: number; message?: RegExp; hint?: RegExp }[] = [
    { name: "duration as text", lines: replaceLine(goodFrontmatter, 2, 'duration: "ten"'), path: ["duration"], line: 4, column: 11, message: /whole number/, hint: /plain whole number/ },
    { name: "duration zero", lines: replaceLine(goodFrontmatter, 2, "duration: 0"), path: ["duration"], line: 4, message: /between 1 and 240/ },
    { name: "duration above 240", lines: replaceLine(goodFrontmatter, 2, "duration: 300"), path: ["duration"], line: 4, message: /between 1 and 240/ },
    { name: "fractional duration", lines: replaceLine(goodFrontmatter, 2, "duration: 7.5"), path: ["duration"], line: 4, message: /whole number/ },
    { name: "missing objectives", lines: goodFrontmatter.slice(0, 3).concat(goodFrontmatter.slice(6)), path: ["objectives"], line: 2, message: /is required/, hint: /objectives: …/ },
    { name: "empty objectives", lines: replaceLine(goodFrontmatter.filter((_, i) => i !== 4 && i !== 5), 3, "objectives: []"), path: ["objectives"], line: 5, message: /at least one/ },
    { name: "objective that is not text", lines: replaceLine(goodFrontmatter, 5, "  - 42"), path: ["objectives", 1], line: 7, column: 5 },
    { name: "unknown status", lines: replaceLine(goodFrontmatter, 6, "status: live"), path: ["status"], line: 8, column: 9, message: /draft or published/ },
    { name: "an extra key", lines: [...goodFrontmatter, "author: Mario"], path: ["author"], line: 9, column: 1, message: /unknown key/, hint: /allowed keys here: title, summary/ },
    { name: "empty title", lines: replaceLine(goodFrontmatter, 0, 'title: "  "'), path: ["title"], line: 2, message: /must not be empty/ },
    { name: "empty sources list", lines: [...goodFrontmatter, "sources: []"], path: ["sources"], line: 9 },
    { name: "missing title", lines: goodFrontmatter.slice(1), path: ["title"], line: 2, message: /is required/ },
  ];

  for (const c of invalid) {
    it(`rejects ${c.name} at ${c.path.join(".")} (line ${c.line})`, () => {
      const p = onlyError(checkLesson(lesson(c.lines)));
      expect(p.path).toEqual(c.path);
      expect(p.line).toBe(c.line);
      if (c.column !== undefined) expect(p.column).toBe(c.column);
      if (c.message) expect(p.message).toMatch(c.message);
      if (c.hint) expect(p.hint).toMatch(c.hint);
      expect(p.file).toBe("lesson.it.mdx");
    });
  }

  it("reports a misspelt key with a suggestion, and the key it should have been as missing", () => {
    const result = checkLesson(lesson(replaceLine(goodFrontmatter, 2, "durtion: 8")));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ path: ["duration"], message: "duration: is required" }),
      expect.objectContaining({ path: ["durtion"], line: 4, column: 1, message: "durtion: unknown key", hint: "did you mean `duration`?" }),
    ]);
  });

  it("reports a YAML syntax error at its line, before any schema check", () => {
    const result = checkLesson(lesson(replaceLine(goodFrontmatter, 1, "summary: Di che cosa parla", "summary: ancora")));
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ line: 4, column: 1, severity: "error", message: expect.stringMatching(/^YAML: .*unique/) });
  });

  it("reports every problem of a file at once", () => {
    const result = checkLesson(lesson(["title: T", "summary: S", "duration: x", "status: nope"]));
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.path)).toEqual([["duration"], ["objectives"], ["status"]]);
  });
});

describe("course.yaml schema", () => {
  it("accepts a valid course and keeps explicit completion rules", () => {
    const result = checkCourse(goodCourse.join("\n"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.completion).toEqual({ forcedSequence: false, attendanceThreshold: 75, passMark: 60, requirePolicyAck: false, minLessonTimePercent: 50 });
    expect(result.data.version).toBe("1.2");
    expect(localized(result.data.summary, "en")).toBe("Sommario");
    expect(localized(result.data.title, "en")).toBe("Course");
  });

  it("applies the completion defaults when the block is left out", () => {
    const result = checkCourse(goodCourse.filter((_, i) => i < 9 || i > 12).join("\n"));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.data.completion).toEqual({ forcedSequence: true, attendanceThreshold: 70, passMark: 80, requirePolicyAck: false, minLessonTimePercent: 50 });
  });

  const invalid: { name: string; lines: string[]; path: (string | number)[]; line: number; column?: number; hint?: RegExp }[] = [
    { name: "an unquoted numeric version", lines: replaceLine(goodCourse, 14, "version: 1.0"), path: ["version"], line: 15, column: 10, hint: /quotes/ },
    { name: "a title that is not per language", lines: replaceLine(goodCourse.filter((_, i) => i !== 1 && i !== 2), 0, "title: Corso"), path: ["title"], line: 1, column: 8, hint: /one line per language/ },
    { name: "a title without Italian", lines: goodCourse.filter((_, i) => i !== 1), path: ["title", "it"], line: 1, column: 1, hint: /Italian text is required/ },
    { name: "a pass mark above 100", lines: replaceLine(goodCourse, 12, "  passMark: 120"), path: ["completion", "passMark"], line: 13, column: 13 },
    { name: "a threshold written with %", lines: replaceLine(goodCourse, 11, '  attendanceThreshold: "70%"'), path: ["completion", "attendanceThreshold"], line: 12, hint: /without the % sign/ },
    { name: "a minimum lesson time above 100", lines: replaceLine(goodCourse, 12, "  minLessonTimePercent: 150"), path: ["completion", "minLessonTimePercent"], line: 13, column: 25 },
    { name: "a minimum lesson time in minutes", lines: replaceLine(goodCourse, 12, '  minLessonTimePercent: "5 min"'), path: ["completion", "minLessonTimePercent"], line: 13 },
    { name: "negative planned minutes", lines: replaceLine(goodCourse, 8, "plannedMinutes: -5"), path: ["plannedMinutes"], line: 9, column: 17 },
    { name: "no Italian objectives", lines: replaceLine(goodCourse.filter((_, i) => i !== 7), 6, "  it: []"), path: ["objectives", "it"], line: 7 },
    { name: "a misspelt completion key", lines: replaceLine(goodCourse, 10, "  forcedSequense: true"), path: ["completion", "forcedSequense"], line: 11, column: 3, hint: /forcedSequence/ },
    { name: "a non-boolean forced sequence", lines: replaceLine(goodCourse, 10, "  forcedSequence: maybe"), path: ["completion", "forcedSequence"], line: 11, hint: /true or false/ },
    { name: "an unknown status", lines: replaceLine(goodCourse, 13, "status: publish"), path: ["status"], line: 14 },
    { name: "missing planned minutes", lines: goodCourse.filter((_, i) => i !== 8), path: ["plannedMinutes"], line: 1 },
  ];

  for (const c of invalid) {
    it(`rejects ${c.name} at ${c.path.join(".")} (line ${c.line})`, () => {
      const p = onlyError(checkCourse(c.lines.join("\n")));
      expect(p.path).toEqual(c.path);
      expect(p.line).toBe(c.line);
      if (c.column !== undefined) expect(p.column).toBe(c.column);
      if (c.hint) expect(p.hint).toMatch(c.hint);
    });
  }

  it("treats an empty file as a document missing every required key", () => {
    const result = checkCourse("");
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.path?.[0]).sort()).toEqual(["objectives", "plannedMinutes", "status", "summary", "title", "version"]);
  });
});

describe("splitFrontmatter", () => {
  it("finds the body and where it starts", () => {
    const split = splitFrontmatter("---\ntitle: x\n---\n\nBody\n");
    expect(split).toMatchObject({ ok: true, yaml: "title: x", body: "\nBody\n", bodyStartLine: 4 });
  });

  it("rejects a file without frontmatter or with an unclosed one", () => {
    expect(splitFrontmatter("# Title\n")).toMatchObject({ ok: false, line: 1 });
    expect(splitFrontmatter("---\ntitle: x\n")).toMatchObject({ ok: false, message: expect.stringMatching(/never closed/) });
  });
});
