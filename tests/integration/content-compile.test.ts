import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LessonBody } from "@/components/mdx/lesson-body";
import { clearCatalogCache, type LessonVariant } from "@/lib/content/catalog";
import {
  clearCompileMemoryCache,
  compileCacheDir,
  compileLesson,
  compileStats,
  LessonCompileError,
  resetCompileStats,
} from "@/lib/content/compile";
import { getLesson } from "@/lib/content/lookup";

const FRONTMATTER = ["---", "title: Prova", "summary: Una prova", "duration: 5", "objectives:", "  - Provare", "status: published", "---", ""].join("\n");

let root: string;
let cacheDir: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-content-"));
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-mdx-cache-"));
  process.env.MDX_CACHE_DIR = cacheDir;
  const course = path.join(root, "courses", "demo");
  fs.mkdirSync(path.join(course, "lessons", "assets"), { recursive: true });
  fs.writeFileSync(
    path.join(course, "course.yaml"),
    ["title:", "  it: Demo", "summary:", "  it: Demo", "objectives:", "  it: [Uno]", "plannedMinutes: 10", "status: published", 'version: "1"'].join("\n"),
  );
  clearCatalogCache();
  clearCompileMemoryCache();
  resetCompileStats();
});

afterEach(() => {
  delete process.env.MDX_CACHE_DIR;
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

/** Writes lesson 01 of the temporary course and returns its Italian variant, freshly scanned. */
function writeLesson(body: string, locale: "it" | "en" = "it"): LessonVariant {
  const file = path.join(root, "courses", "demo", "lessons", `01-intro.${locale}.mdx`);
  fs.writeFileSync(file, FRONTMATTER + body);
  clearCatalogCache();
  const lesson = getLesson("demo", "intro", root);
  if (!lesson) throw new Error("lesson not loaded");
  return lesson.locales[locale] ?? lesson.locales.it;
}

async function render(variant: LessonVariant): Promise<string> {
  const { code } = await compileLesson(variant);
  return renderToStaticMarkup(createElement(LessonBody, { code, locale: variant.locale, courseSlug: "demo" }));
}

describe("compileLesson cache", () => {
  it("renders the same lesson twice with a single compilation", async () => {
    const variant = writeLesson("\n## Ciao\n\nPrima versione.\n");
    const first = await render(variant);
    expect(first).toContain("Prima versione.");
    expect(compileStats()).toEqual({ compiles: 1, memoryHits: 0, diskHits: 0 });

    const second = await render(variant);
    expect(second).toBe(first);
    expect(compileStats()).toEqual({ compiles: 1, memoryHits: 1, diskHits: 0 });
  });

  it("hashes the raw file bytes and recompiles when the source changes", async () => {
    const v1 = writeLesson("\nPrima versione.\n");
    const raw = fs.readFileSync(path.join(root, "courses", "demo", "lessons", "01-intro.it.mdx"));
    expect(v1.contentHash).toBe(createHash("sha256").update(raw).digest("hex"));
    await render(v1);

    const v2 = writeLesson("\nSeconda versione.\n");
    expect(v2.contentHash).not.toBe(v1.contentHash);
    const html = await render(v2);
    expect(html).toContain("Seconda versione.");
    expect(compileStats().compiles).toBe(2);
  });

  it("reads the disk cache once memory is cleared, and writes it atomically", async () => {
    const variant = writeLesson("\nDal disco.\n");
    const compiled = await compileLesson(variant);
    const files = fs.readdirSync(cacheDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^${variant.contentHash}-[0-9a-f]{16}\\.json$`));
    expect(compileCacheDir()).toBe(cacheDir);

    clearCompileMemoryCache();
    const again = await compileLesson(variant);
    expect(again.code).toBe(compiled.code);
    expect(compileStats()).toEqual({ compiles: 1, memoryHits: 0, diskHits: 1 });
    expect(fs.readdirSync(cacheDir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("ignores a corrupt disk entry and compiles again", async () => {
    const variant = writeLesson("\nTesto.\n");
    await compileLesson(variant);
    const [entry] = fs.readdirSync(cacheDir);
    fs.writeFileSync(path.join(cacheDir, entry!), "{ not json");
    clearCompileMemoryCache();
    const html = await render(variant);
    expect(html).toContain("Testo.");
    expect(compileStats()).toMatchObject({ compiles: 2, diskHits: 0 });
  });

  it("shares one compilation between concurrent requests", async () => {
    const variant = writeLesson("\nIn parallelo.\n");
    const results = await Promise.all([compileLesson(variant), compileLesson(variant), compileLesson(variant)]);
    expect(new Set(results.map((r) => r.code)).size).toBe(1);
    expect(compileStats()).toEqual({ compiles: 1, memoryHits: 2, diskHits: 0 });
  });

  it("still works when the disk cache cannot be written", async () => {
    const blocker = path.join(cacheDir, "a-file");
    fs.writeFileSync(blocker, "");
    process.env.MDX_CACHE_DIR = path.join(blocker, "cache");
    const variant = writeLesson("\nSenza disco.\n");
    expect(await render(variant)).toContain("Senza disco.");
    expect(await render(variant)).toContain("Senza disco.");
    expect(compileStats()).toEqual({ compiles: 1, memoryHits: 1, diskHits: 0 });
  });

  it("rejects a lesson with errors, at file positions, without caching the failure", async () => {
    // Line 9 is the first body line (the frontmatter takes lines 1-8).
    const variant = writeLesson("\n## Titolo\n\n<Foo />\n");
    const error = await compileLesson(variant).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LessonCompileError);
    const problems = (error as LessonCompileError).problems;
    expect(problems).toEqual([expect.objectContaining({ line: 12, column: 1, message: "unknown component <Foo>", severity: "error" })]);
    expect(problems[0]!.file).toMatch(/courses\/demo\/lessons\/01-intro\.it\.mdx$/);
    await expect(compileLesson(variant)).rejects.toBeInstanceOf(LessonCompileError);
    expect(compileStats().compiles).toBe(2);
    expect(fs.readdirSync(cacheDir)).toEqual([]);
  });
});

describe("LessonBody", () => {
  it("renders every registry component with Italian labels and asset URLs", async () => {
    const variant = writeLesson(`
## Sezione

<Callout type="danger" title="Occhio">Testo del riquadro.</Callout>

<Scenario who="Giulia" where="In ufficio">Cosa succede.</Scenario>

<SocialPost author="Marta Rossi" audience="Solo amici" time="ieri" reactions={{ likes: 12000, comments: 1, shares: 2 }}>
Testo del post.
</SocialPost>

<Spoiler title="Domanda?">Risposta nascosta.</Spoiler>

<DoDont>
<Do>
- Fai così
</Do>
<Dont>
- Non così
</Dont>
</DoDont>

<KeyPoints>
- Punto
</KeyPoints>

<Checklist>
- Controllo
</Checklist>

<Quote cite="Proverbio" source="Tradizione">Prevenire è meglio che curare.</Quote>

<Figure src="chart.png" alt="Un grafico" caption="Didascalia" />

![Immagine](./assets/photo.jpg) e un [sito](https://example.org) e una [lezione](/courses/demo/intro) e la [guida](./assets/guida.pdf).
`);
    const html = await render(variant);
    expect(html).toMatch(/^<div class="mdx-body" lang="it">/);
    expect(html).toContain('<div class="mdx-callout mdx-callout--danger" role="note">');
    expect(html).toContain('<span class="mdx-sr-only">Pericolo: </span>Occhio');
    expect(html).toContain("<dt>Chi</dt><dd>Giulia</dd>");
    expect(html).toContain('aria-label="Post simulato di Marta Rossi"');
    expect(html).toContain('<p class="mdx-post__badge">Post simulato</p>');
    expect(html).toContain('<span class="mdx-post__avatar" aria-hidden="true">MR</span>');
    expect(html).toContain("12.000 Mi piace");
    expect(html).toContain("1 commento");
    expect(html).toContain("Visibilità: Solo amici");
    expect(html).toContain('<details class="mdx-spoiler"><summary>Domanda?</summary>');
    expect(html).toMatch(/<div class="mdx-do"><p class="mdx-do__title"><span aria-hidden="true">✓ <\/span>Da fare<\/p>\s*<ul>/);
    expect(html).toContain("Da evitare");
    expect(html).toContain('<p class="mdx-keypoints__title">Punti chiave</p>');
    expect(html).toContain('<p class="mdx-checklist__title">Lista di controllo</p>');
    expect(html).toContain("<figcaption>— Proverbio, <cite>Tradizione</cite></figcaption>");
    expect(html).toContain('<img src="/api/content/demo/assets/chart.png" alt="Un grafico" loading="lazy" decoding="async"/><figcaption>Didascalia</figcaption>');
    expect(html).toContain('src="/api/content/demo/assets/photo.jpg" alt="Immagine"');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer">sito</a>');
    expect(html).toContain('<a href="/courses/demo/intro">lezione</a>');
    expect(html).toContain('<a href="/api/content/demo/assets/guida.pdf">guida</a>');
  });

  it("prints the component labels in English for an English lesson", async () => {
    writeLesson("\nTesto.\n");
    const variant = writeLesson(
      '\n<SocialPost author="Ann" audience="Public" reactions={{ likes: 1 }}>Hi</SocialPost>\n\n<Spoiler>Hidden</Spoiler>\n\n<DoDont><Do>Yes</Do><Dont>No</Dont></DoDont>\n',
      "en",
    );
    expect(variant.locale).toBe("en");
    const html = await render(variant);
    expect(html).toMatch(/^<div class="mdx-body" lang="en">/);
    expect(html).toContain("Simulated post");
    expect(html).toContain("1 like");
    expect(html).toContain("<summary>Show the answer</summary>");
    expect(html).toContain("Don&#x27;t");
  });
});
