import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const TSX = path.join(process.cwd(), "node_modules", ".bin", "tsx");

/** Runs `content:check` exactly as `npm run content:check` does, in a child process. */
function contentCheck(...args: string[]) {
  const result = spawnSync(TSX, ["--conditions=react-server", "scripts/content-check.ts", ...args], {
    cwd: process.cwd(),
    encoding: "utf8",
    timeout: 85_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * What a valid content folder holds, counted straight from disk: course folders, lessons (one per
 * `NN-slug`, whatever its languages), quiz files and lesson files. The check must report the same
 * totals, so a file it silently skipped would show, and adding a course does not touch this test.
 */
function onDisk(root: string): string {
  const courses = fs.readdirSync(path.join(root, "courses")).filter((c) => fs.existsSync(path.join(root, "courses", c, "course.yaml")));
  const list = (course: string, dir: string, ext: string) => {
    const full = path.join(root, "courses", course, dir);
    return fs.existsSync(full) ? fs.readdirSync(full).filter((f) => f.endsWith(ext)) : [];
  };
  const files = courses.flatMap((c) => list(c, "lessons", ".mdx"));
  const lessons = courses.flatMap((c) => [...new Set(list(c, "lessons", ".mdx").map((f) => f.replace(/\.(it|en)\.mdx$/, "")))]);
  const quizzes = courses.flatMap((c) => list(c, "quizzes", ".yaml"));
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : word.endsWith("z") ? "zes" : "s"}`;
  return `${plural(courses.length, "course")}, ${plural(lessons.length, "lesson")}, ${plural(quizzes.length, "quiz")}, ${plural(files.length, "file")} compiled`;
}

const QUIZ_BASE = "tests/fixtures/content/courses/quiz-errors";
/** Each rule the quiz-errors fixture breaks, in output order (file, line, column). */
const QUIZ_PROBLEMS = [
  `${QUIZ_BASE}/course.yaml:10:14 finalTest.questions: asks for 5 questions but the final bank quizzes/bank.yaml has only 2`,
  `${QUIZ_BASE}/course.yaml:12:14 finalTest.perRisk.privacy: asks for 2 questions about privacy but the final bank has 1`,
  `${QUIZ_BASE}/quizzes/bank.yaml:10:5 cue too-few-options: questions[0].options: "bank-one" is single-choice with 2 options`,
  `${QUIZ_BASE}/quizzes/extra-bank.yaml:1:7 kind: the course already has a final bank (quizzes/bank.yaml)`,
  `${QUIZ_BASE}/quizzes/ghost-check.yaml:2:9 lesson: unknown lesson "ghost"`,
  `${QUIZ_BASE}/quizzes/intro-check.yaml:9:5 warning: questions[0]: no English text for prompt, options[0].feedback (question "shared-id")`,
  `${QUIZ_BASE}/quizzes/intro-check.yaml:11:5 cue too-few-options: questions[0].options: "shared-id" is single-choice with 2 options`,
  `${QUIZ_BASE}/quizzes/rules.yaml:11:5 questions[0].options: no option is marked \`correct: true\` (question "no-correct")`,
  `${QUIZ_BASE}/quizzes/rules.yaml:22:55 questions[1].options[1].correct: 2 options are marked correct (a, b); a single-choice question has exactly one`,
  `${QUIZ_BASE}/quizzes/rules.yaml:29:5 questions[2].options: a true-false question has exactly two options, with ids true and false`,
  `${QUIZ_BASE}/quizzes/rules.yaml:40:15 questions[3].options[1].id: duplicate option id "a"`,
  `${QUIZ_BASE}/quizzes/rules.yaml:46:41 questions[4].explanation.en: must not be empty`,
  `${QUIZ_BASE}/quizzes/rules.yaml:48:77 questions[4].options[0].feedback.it: must not be empty`,
  `${QUIZ_BASE}/quizzes/schema.yaml:1:7 kind: must be lesson-check or final-bank`,
  `${QUIZ_BASE}/quizzes/schema.yaml:4:5 questions[0].explanation: is required`,
  `${QUIZ_BASE}/quizzes/schema.yaml:5:11 questions[0].type: must be single, multiple or true-false`,
  `${QUIZ_BASE}/quizzes/schema.yaml:6:11 questions[0].risk: must be one of: confidential-info, personal-use-at-work`,
  `${QUIZ_BASE}/quizzes/schema.yaml:9:5 questions[0].explaination: unknown key`,
  `${QUIZ_BASE}/quizzes/second-check.yaml:2:9 lesson: lesson "intro" already has a lesson check (quizzes/intro-check.yaml)`,
  `${QUIZ_BASE}/quizzes/second-check.yaml:5:9 questions[0].id: duplicate question id "shared-id": already used at quizzes/intro-check.yaml:5`,
  `${QUIZ_BASE}/quizzes/second-check.yaml:17:13 questions[1].lesson: unknown lesson "nowhere" (question "lost-lesson")`,
  `${QUIZ_BASE}/quizzes/wrong-ext.yml:1:1 quiz files end in .yaml: "wrong-ext.yml" is ignored`,
];

/** The real courses pass with no warning at all (cue findings are errors). */
function expectNoWarnings(stdout: string) {
  expect(stdout.split("\n").filter((l) => /^\S+:\d+:\d+ warning: /.test(l))).toEqual([]);
  expect(stdout).toMatch(/, 0 warnings/);
}

// Each call compiles every lesson in a child process: seconds on a quiet machine, up to a
// minute on a 2-core one busy with a build. The budget holds there; the spawn has its own.
describe("npm run content:check", { timeout: 90_000 }, () => {
  it("fails on the fixture tree and prints each problem as path:line:column", () => {
    const { status, stdout } = contentCheck("tests/fixtures/content");
    expect(status).toBe(1);
    const base = "tests/fixtures/content/courses";
    const expected = [
      `${base}/broken-course/lessons/02-bad-frontmatter.it.mdx:2:1 objectives: is required`,
      `${base}/broken-course/lessons/02-bad-frontmatter.it.mdx:4:11 duration: must be a whole number of minutes`,
      `${base}/broken-course/lessons/03-syntax-error.it.mdx:14:1 MDX: Expected a closing tag for \`<Callout>\``,
      `${base}/messy-course/course.yaml:8:17 plannedMinutes: must be at least 1 minute`,
      `${base}/messy-course/course.yaml:10:10 version: must be text: put it in quotes`,
      `${base}/messy-course/lessons/02-only-english.en.mdx:1:1 missing Italian file 02-only-english.it.mdx`,
      `${base}/messy-course/lessons/03-rules.it.mdx:12:1 unknown component <Foo>`,
      `${base}/messy-course/lessons/03-rules.it.mdx:14:10 link to unknown lesson: /courses/messy-course/nowhere`,
      `${base}/messy-course/lessons/03-rules.it.mdx:16:1 <Figure> alt: is required`,
      `${base}/messy-course/lessons/03-rules.it.mdx:16:9 missing image: lessons/assets/missing.png does not exist`,
      `${base}/messy-course/lessons/03-rules.it.mdx:18:1 missing image: lessons/assets/ghost.png does not exist`,
      `${base}/messy-course/lessons/04-dup.it.mdx:1:1 duplicate lesson number 04`,
      `${base}/messy-course/lessons/1-bad-name.it.mdx:1:1 file name "1-bad-name.it.mdx" does not match`,
      ...QUIZ_PROBLEMS,
    ];
    const problemLines = stdout.split("\n").filter((l) => /^\S+:\d+:\d+ /.test(l));
    expect(problemLines).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(problemLines[i]).toContain(start));
    expect(stdout).toContain("\n  hint: put the version in quotes, e.g. version: \"1.0\"\n");
    expect(stdout).toMatch(/content:check tests\/fixtures\/content: 4 courses, 7 lessons, 4 quizzes, 8 files compiled in [\d.]+ s; 34 errors, 1 warning\n$/);
    // The valid course is clean.
    expect(stdout).not.toContain("valid-course");
  });

  it("reports every broken quiz rule of the fixture at its line and column, with hints", () => {
    const { status, stdout } = contentCheck("tests/fixtures/content");
    expect(status).toBe(1);
    const quizLines = stdout.split("\n").filter((l) => l.startsWith(`${QUIZ_BASE}/`));
    expect(quizLines).toHaveLength(QUIZ_PROBLEMS.length);
    QUIZ_PROBLEMS.forEach((start, i) => expect(quizLines[i]).toContain(start));
    for (const hint of [
      "add questions to the bank or lower finalTest.questions",
      "add `correct: true` to the right answer",
      "keep one `correct: true`, or make it `type: multiple`",
      "did you mean `explanation`?",
      "question ids must be unique across all quiz files of the course",
      "lessons of quiz-errors: intro",
      "rename it to wrong-ext.yaml",
    ]) {
      expect(stdout).toContain(`\n  hint: ${hint}\n`);
    }
  });

  // Compiling every lesson of every course takes longer than the default 20 s on a busy machine;
  // the child process itself is bounded at 60 s.
  it("passes on the real content folder", { timeout: 60_000 }, () => {
    const { status, stdout } = contentCheck("content");
    expect(status).toBe(0);
    expect(stdout).toContain(`content:check content: ${onDisk("content")} in `);
    expect(stdout).toMatch(/ s; 0 errors, /);
    expectNoWarnings(stdout);
  });

  it("passes on the content the test suites run against (real courses plus the fixture course)", { timeout: 60_000 }, () => {
    const { status, stdout } = contentCheck(process.env.CONTENT_DIR!);
    expect(status).toBe(0);
    expect(stdout).toContain(`: ${onDisk(process.env.CONTENT_DIR!)} in `);
    expect(stdout).toMatch(/ s; 0 errors, /);
    expectNoWarnings(stdout);
  });

  describe("cue rules", () => {
    let root: string;
    const lesson = [
      "---",
      "title: Lezione",
      "summary: Una lezione.",
      "duration: 5",
      "objectives: [Capire]",
      "status: published",
      "---",
      "",
      "Una frase scritta da noi.",
      // Eight words in a row from the source article (its hashes are in lib/content/cues/source-ngrams.txt).
      "Si sa: è ormai da un bel po' di tempo che i canali di comunicazione online esistono.",
      "",
    ].join("\n");
    const course = (slug: string) => {
      const dir = path.join(root, "courses", slug);
      fs.mkdirSync(path.join(dir, "lessons"), { recursive: true });
      fs.mkdirSync(path.join(dir, "quizzes"));
      fs.writeFileSync(
        path.join(dir, "course.yaml"),
        'title: { it: Corso }\nsummary: { it: Corso }\nobjectives: { it: [Capire] }\nplannedMinutes: 10\nstatus: published\nversion: "1"\n',
      );
      fs.writeFileSync(path.join(dir, "lessons", "01-l.it.mdx"), lesson);
      fs.writeFileSync(path.join(dir, "lessons", "02-m.it.mdx"), lesson.split("\n").slice(0, 9).join("\n"));
      const quiz = fs.readFileSync("tests/fixtures/cues/key-length-ratio.fail.yaml", "utf8");
      fs.writeFileSync(path.join(dir, "quizzes", "check.yaml"), quiz);
      const silenced = quiz
        .replace(/lesson: l\n/g, "lesson: m\n")
        .replace("id: q1\n", 'id: q2\n    cueExceptions: [{ rule: key-length-ratio, reason: "the key quotes the policy word for word" }]\n');
      fs.writeFileSync(path.join(dir, "quizzes", "silenced.yaml"), silenced);
    };
    beforeAll(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-cues-"));
      course("cue-course");
    });
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    it("fails on a quiz written to be answered on cues and on copied text, naming the rule and the line; shows silenced rules with their reason", () => {
      const { status, stdout } = contentCheck(root);
      expect(status).toBe(1);
      const lines = stdout.split("\n");
      const shown = (file: string) => lines.filter((l) => l.includes(`courses/cue-course/${file}:`) && / (cue|note:) /.test(l));
      expect(shown("quizzes/check.yaml")).toEqual([
        expect.stringMatching(/check\.yaml:13:30 cue key-length-ratio: questions\[0\]\.options\[0\]\.text\.it: the key of "q1" has 62 characters, 3\.5× the mean distractor \(18\); at most 1\.5× \(it\)$/),
      ]);
      expect(shown("quizzes/silenced.yaml")).toEqual([
        expect.stringMatching(/silenced\.yaml:7:29 note: questions\[0\]: cue key-length-ratio silenced for "q2": the key quotes the policy word for word$/),
      ]);
      expect(shown("lessons/01-l.it.mdx")).toEqual([
        expect.stringMatching(/01-l\.it\.mdx:10:1 cue source-copy: sentence copied from the source article \(15 words in runs of 8 or more\): "Si sa: è ormai da un bel po' di tempo…"$/),
      ]);
    });

  });

  describe("on hostile input", () => {
    let root: string;
    beforeAll(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-hostile-"));
      const lessons = path.join(root, "courses", "odd", "lessons");
      fs.mkdirSync(lessons, { recursive: true });
      fs.writeFileSync(path.join(root, "courses", "odd", "course.yaml"), "title: [unclosed\n\tstatus: x\n");
      fs.writeFileSync(path.join(lessons, "01-binary.it.mdx"), Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x81]));
      fs.writeFileSync(path.join(lessons, "02-empty.it.mdx"), "");
      fs.writeFileSync(path.join(lessons, "03-yaml-list.it.mdx"), "---\n- a\n- b\n---\n");
      fs.writeFileSync(path.join(lessons, "04-deep.it.mdx"), "---\ntitle: x\nsummary: y\nduration: 1\nobjectives: [a]\nstatus: draft\n---\n" + "<Callout>".repeat(200) + "\n");
      fs.mkdirSync(path.join(lessons, "05-dir.it.mdx"));
      fs.mkdirSync(path.join(root, "courses", "Bad Name"));
      fs.writeFileSync(path.join(root, "courses", "stray.txt"), "x");
      const quizzes = path.join(root, "courses", "odd", "quizzes");
      fs.mkdirSync(path.join(quizzes, "nested"), { recursive: true });
      fs.writeFileSync(path.join(quizzes, "binary.yaml"), Buffer.from([0xff, 0xfe, 0x00, 0x80]));
      fs.writeFileSync(path.join(quizzes, "empty.yaml"), "");
      fs.writeFileSync(path.join(quizzes, "list.yaml"), "- a\n- b\n");
      fs.writeFileSync(path.join(quizzes, "Bad Name.yaml"), "kind: final-bank\n");
      fs.writeFileSync(path.join(quizzes, "notes.txt"), "x");
      fs.writeFileSync(path.join(quizzes, "huge.yaml"), `kind: final-bank\ntitle: { it: x }\nquestions: [${"{ id: q },".repeat(600)}]\n`);
    });
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    it("reports problems and exits 1 without crashing", () => {
      const { status, stdout, stderr } = contentCheck(root);
      expect(stderr).not.toMatch(/failed unexpectedly|at .*\.ts:\d+/);
      expect(status).toBe(1);
      expect(stdout).toMatch(/odd\/course\.yaml:2:\d+ YAML: Flow sequence/);
      expect(stdout).toMatch(/01-binary\.it\.mdx:1:1 the file is not valid UTF-8 text/);
      expect(stdout).toMatch(/02-empty\.it\.mdx:1:1 missing frontmatter/);
      expect(stdout).toContain("03-yaml-list.it.mdx:2:1 (document): must be a set of `key: value` lines");
      expect(stdout).toMatch(/04-deep\.it\.mdx:\d+:\d+ MDX: /);
      expect(stdout).toMatch(/courses\/Bad Name:1:1 course folder name "Bad Name" is not a valid slug/);
      expect(stdout).toMatch(/courses\/stray\.txt:1:1 warning: unexpected file in courses\//);
      expect(stdout).toMatch(/quizzes\/binary\.yaml:1:1 the file is not valid UTF-8 text/);
      expect(stdout).toMatch(/quizzes\/empty\.yaml:1:1 kind: is required/);
      expect(stdout).toContain("quizzes/list.yaml:1:1 (document): must be a set of `key: value` lines");
      expect(stdout).toMatch(/quizzes\/Bad Name\.yaml:1:1 quiz file name "Bad Name\.yaml" is not a valid slug/);
      expect(stdout).toMatch(/quizzes\/notes\.txt:1:1 warning: unexpected file in quizzes\//);
      expect(stdout).toMatch(/quizzes\/nested:1:1 warning: unexpected folder in quizzes\//);
      expect(stdout).toMatch(/quizzes\/huge\.yaml:3:\d+ questions: must list at most 500 questions/);
    });

    it("reports a missing folder and exits 1", () => {
      const { status, stdout } = contentCheck(path.join(root, "nope"));
      expect(status).toBe(1);
      expect(stdout).toMatch(/nope\/courses:1:1 content folder not found/);
    });
  });
});
