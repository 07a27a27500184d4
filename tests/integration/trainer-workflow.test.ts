import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearCatalogCache, loadCatalog } from "@/lib/content/catalog";
import { getLesson, lessonVariant, publishedLessons } from "@/lib/content/lookup";
import { compileLesson } from "@/lib/content/compile";

/**
 * The trainer's loop on a copy of the real content: add a lesson file as a draft, check it,
 * preview it (drafts visible to the preview only), publish it, and it becomes a lesson
 * learners get (the list the static lesson pages are generated from).
 */
describe("trainer workflow: add, check, preview, publish", () => {
  let root: string;
  const lessonsDir = () => path.join(root, "courses", "social-media-basics", "lessons");
  const checker = (dir: string) => {
    try {
      const out = execFileSync("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/content-check.ts", dir], { encoding: "utf8" });
      return { code: 0, out };
    } catch (e) {
      const err = e as { status: number; stdout: string };
      return { code: err.status, out: err.stdout };
    }
  };

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-content-"));
    fs.cpSync(process.env.CONTENT_DIR!, root, { recursive: true });
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const lesson = (status: string, extra = "") => `---
title: Chi parla a nome dell'azienda
summary: Chi può rispondere sui canali ufficiali e chi no.
duration: 6
objectives:
  - Sapere a chi inoltrare una richiesta arrivata sui social
status: ${status}
---

## Una domanda arrivata sul tuo profilo

Un cliente ti scrive in privato per un reclamo. Non rispondere a nome dell'azienda:
inoltra il messaggio a chi gestisce i canali ufficiali.

<Callout type="info" title="Ricorda">Chi gestisce gli account aziendali è indicato nella policy.</Callout>
${extra}`;

  it("a broken new lesson fails the check and names its file and line", () => {
    fs.writeFileSync(path.join(lessonsDir(), "05-who-speaks.it.mdx"), lesson("draft", "\n<Unknown />\n"));
    const r = checker(root);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/courses\/social-media-basics\/lessons\/05-who-speaks\.it\.mdx:\d+:\d+ .*Unknown/);
  });

  it("a valid draft passes, is visible to the preview and not to learners", async () => {
    fs.writeFileSync(path.join(lessonsDir(), "05-who-speaks.it.mdx"), lesson("draft"));
    expect(checker(root).code).toBe(0);
    clearCatalogCache();
    const course = loadCatalog(root).courses.find((c) => c.slug === "social-media-basics")!;
    const draft = getLesson("social-media-basics", "who-speaks", root)!;
    expect(draft.status).toBe("draft");
    expect(publishedLessons(course).map((l) => l.slug)).not.toContain("who-speaks");
    const { variant } = lessonVariant(draft, "it", { includeDrafts: true });
    const { code } = await compileLesson(variant);
    expect(code.length).toBeGreaterThan(100);
  });

  it("publishing makes it a learner lesson, in order", () => {
    fs.writeFileSync(path.join(lessonsDir(), "05-who-speaks.it.mdx"), lesson("published"));
    expect(checker(root).code).toBe(0);
    clearCatalogCache();
    const course = loadCatalog(root).courses.find((c) => c.slug === "social-media-basics")!;
    const slugs = publishedLessons(course).map((l) => l.slug);
    expect(slugs.at(-1)).toBe("who-speaks");
    expect(slugs).not.toContain("next-steps");
  });
});
