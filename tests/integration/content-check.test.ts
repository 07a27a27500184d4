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
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run content:check", () => {
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
    ];
    const problemLines = stdout.split("\n").filter((l) => /^\S+:\d+:\d+ /.test(l));
    expect(problemLines).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(problemLines[i]).toContain(start));
    expect(stdout).toContain("\n  hint: put the version in quotes, e.g. version: \"1.0\"\n");
    expect(stdout).toMatch(/content:check tests\/fixtures\/content: 3 courses, 6 lessons, 7 files compiled in [\d.]+ s; 13 errors, 0 warnings\n$/);
    // The valid course is clean.
    expect(stdout).not.toContain("valid-course");
  });

  it("passes on the real content folder", () => {
    const { status, stdout } = contentCheck();
    expect(status).toBe(0);
    expect(stdout).toMatch(/content:check content: 1 course, 4 lessons, 7 files compiled in [\d.]+ s; 0 errors, 0 warnings/);
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
    });

    it("reports a missing folder and exits 1", () => {
      const { status, stdout } = contentCheck(path.join(root, "nope"));
      expect(status).toBe(1);
      expect(stdout).toMatch(/nope\/courses:1:1 content folder not found/);
    });
  });
});
