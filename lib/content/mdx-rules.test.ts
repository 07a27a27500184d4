import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { LessonVariant } from "./catalog";
import { analyzeLesson } from "./compile";

/**
 * A variant whose body starts on line 10, as if the frontmatter took lines 1-9: every
 * position asserted below is a file position.
 */
function variant(body: string): LessonVariant {
  return {
    locale: "it",
    frontmatter: { title: "T", summary: "S", duration: 5, objectives: ["O"], status: "published" },
    body,
    bodyStartLine: 10,
    file: path.join(os.tmpdir(), "lesson.it.mdx"),
    contentHash: "0".repeat(64),
  };
}

async function problemsOf(body: string) {
  const result = await analyzeLesson(variant(body));
  return result.problems.map(({ line, column, message, severity, hint }) => ({ line, column, message, severity, hint }));
}

describe("MDX content rules", () => {
  it("accepts the registry components, comments and allowed inline HTML", async () => {
    const result = await analyzeLesson(
      variant(
        [
          "## Sezione", // 10
          "",
          '<Callout type="warning" title="Titolo">Testo {/* nota per i formatori */}</Callout>', // 12
          "",
          '<SocialPost author="A" audience="Pubblico" reactions={{ likes: 3, "comments": -0, shares: `2`.length }}>x</SocialPost>',
          "",
        ].join("\n"),
      ),
    );
    // `.length` is a member expression, not a literal: refused.
    expect(result.problems.map((p) => [p.line, p.message])).toEqual([[14, "<SocialPost> reactions: only plain values are allowed between {…}"]]);

    const ok = await analyzeLesson(
      variant('<Callout>Testo {/* nota */} con <abbr title="Codice fiscale">CF</abbr> e <kbd>Ctrl</kbd><br /></Callout>\n'),
    );
    expect(ok.problems).toEqual([]);
    expect(ok.code).toContain("Callout");
  });

  it("refuses import/export and never bundles what they point at", async () => {
    const result = await analyzeLesson(variant('import fs from "node:fs"\nexport const x = 1\n\nTesto.\n'));
    expect(result.problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [10, 1, "import and export are not allowed in lessons"],
    ]);
    expect(result.code).toBeNull();
  });

  it("refuses JavaScript expressions in text", async () => {
    expect(await problemsOf("Due più due fa {2 + 2}.\n")).toEqual([
      expect.objectContaining({ line: 10, column: 16, message: "{…} JavaScript expressions are not allowed in lessons" }),
    ]);
  });

  it("refuses unknown components and suggests the closest name", async () => {
    expect(await problemsOf("\n<Callot>Testo</Callot>\n\n<Widget />\n")).toEqual([
      expect.objectContaining({ line: 11, column: 1, message: "unknown component <Callot>", hint: "did you mean <Callout>?" }),
      expect.objectContaining({ line: 13, column: 1, message: "unknown component <Widget>", hint: expect.stringMatching(/^available components: Callout, /) }),
    ]);
  });

  it("refuses HTML elements and attributes outside the allow-list", async () => {
    const problems = await problemsOf('<div>Testo</div>\n\n<abbr title="x" onClick="alert(1)">A</abbr>\n\n<script>alert(1)</script>\n');
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [10, "HTML element <div> is not allowed in lessons"],
      [12, "<abbr>: attribute onClick is not allowed"],
      [14, "HTML element <script> is not allowed in lessons"],
    ]);
  });

  it("validates component props: required, enums, unknown attributes, spreads", async () => {
    const problems = await problemsOf(
      [
        '<Callout type="tip" colour="red">x</Callout>', // 10
        "",
        '<Figure src="../secret.png" />', // 12
        "",
        "<Scenario {...props}>x</Scenario>", // 14
        "",
      ].join("\n"),
    );
    expect(problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [10, 10, "<Callout> type: must be info, warning or danger"],
      [10, 21, "<Callout>: unknown attribute colour"],
      [12, 1, "<Figure> alt: is required"],
      [12, 9, "<Figure> src: must be the name of a png, jpg, jpeg, webp or gif file in lessons/assets/ (lower case, no folders)"],
      [14, 1, "<Scenario> who: is required"],
      [14, 1, "<Scenario> where: is required"],
      [14, 11, "<Scenario>: {…} spread attributes are not allowed"],
    ]);
  });

  it("checks how components nest and what they contain", async () => {
    const problems = await problemsOf(
      [
        "<Do>Fuori posto</Do>", // 10
        "",
        "<DoDont>", // 12
        "Testo libero", // 13
        "</DoDont>",
        "",
        "<KeyPoints>Solo una frase.</KeyPoints>", // 16
        "",
        '<Figure src="a.png" alt="A">didascalia</Figure>', // 18
        "",
        "<Spoiler />", // 20
        "",
      ].join("\n"),
    );
    expect(problems.map((p) => [p.line, p.message, p.severity])).toEqual([
      [10, "<Do> must be placed directly inside <DoDont>", "error"],
      [13, "<DoDont> may contain only <Do> and <Dont>", "error"],
      [16, "<KeyPoints> should contain a bulleted list", "warning"],
      [18, "<Figure> takes no content: write it as <Figure … />", "error"],
      [20, "<Spoiler> needs content between <Spoiler> and </Spoiler>", "error"],
    ]);
  });

  it("checks links and collects links between lessons", async () => {
    const result = await analyzeLesson(
      variant(
        [
          "[a](/courses/demo/intro) [b](#sezione) [c](https://example.org) [d](mailto:hr@example.org)", // 10
          "",
          "[e](javascript:alert(1)) [f](./02-altro.it.mdx) [g](http://example.org) [h](/admin)", // 12
          "",
          "[ref]: /courses/demo/outro", // 14
          "",
          "[Guida](./assets/guida.pdf) [Brutta](./assets/Guida.PDF)", // 16
          "",
        ].join("\n"),
      ),
    );
    expect(result.findings.lessonLinks).toEqual([
      { url: "/courses/demo/intro", courseSlug: "demo", lessonSlug: "intro", line: 10, column: 1 },
      { url: "/courses/demo/outro", courseSlug: "demo", lessonSlug: "outro", line: 14, column: 1 },
    ]);
    expect(result.problems.map((p) => [p.line, p.column, p.message, p.severity])).toEqual([
      [12, 1, "link not allowed: javascript:alert(1)", "error"],
      [12, 26, "link not allowed: ./02-altro.it.mdx", "error"],
      [12, 49, "insecure link http://example.org", "warning"],
      [12, 73, "link not allowed: /admin", "error"],
      [16, 29, "attachment file name Guida.PDF is not allowed", "error"],
    ]);
    expect(result.findings.assets).toEqual([{ fileName: "guida.pdf", line: 16, column: 1 }]);
    expect(result.problems[1]!.hint).toBe("link to another lesson as /courses/<course-slug>/<lesson-slug>");
  });

  it("checks images and collects the asset files referenced", async () => {
    const result = await analyzeLesson(
      variant(
        [
          "![Un grafico](./assets/chart.png) ![](assets/b.webp)", // 10
          "",
          "![Remota](https://example.org/x.png) ![Vettoriale](./assets/x.svg)", // 12
          "",
          '<Figure src="photo.jpg" alt="Una foto" />', // 14
          "",
        ].join("\n"),
      ),
    );
    expect(result.findings.assets).toEqual([
      { fileName: "chart.png", line: 10, column: 1 },
      { fileName: "b.webp", line: 10, column: 35 },
      { fileName: "photo.jpg", line: 14, column: 9 },
    ]);
    expect(result.problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [10, 35, "image without alternative text"],
      [12, 1, "image https://example.org/x.png is not in the course's assets folder"],
      [12, 38, "image file name x.svg is not allowed"],
    ]);
  });

  it("warns about a level-1 heading and skipped heading levels", async () => {
    const problems = await problemsOf("# Titolo\n\n## Sezione\n\n#### Troppo in basso\n");
    expect(problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [10, "warning", "level-1 heading (# …) inside a lesson"],
      [14, "warning", "heading jumps from level 2 to level 4"],
    ]);
  });

  it("reports MDX syntax errors at file positions", async () => {
    const problems = await problemsOf("Testo.\n\n<Callout>\nMai chiuso.\n");
    expect(problems).toEqual([
      expect.objectContaining({ line: 12, column: 1, severity: "error", message: expect.stringMatching(/^MDX: Expected a closing tag for `<Callout>`/) }),
    ]);
    const brace = await problemsOf("Una graffa { aperta.\n");
    expect(brace).toEqual([expect.objectContaining({ line: 10, severity: "error", message: expect.stringMatching(/^MDX: /) })]);
  });
});
