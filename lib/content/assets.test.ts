import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assetNameFromMarkdownSrc, courseAssetUrl, isSafeAssetName } from "./asset-names";
import { resolveCourseAsset } from "./assets";
import { isSafeSlug, parseLessonFileName, parseLessonLink } from "./names";

describe("slugs and lesson file names", () => {
  it("accepts only lower-case hyphenated slugs", () => {
    for (const s of ["a", "social-media-basics", "lesson-2", "2024"]) expect(isSafeSlug(s)).toBe(true);
    for (const s of ["", "A", "a--b", "-a", "a-", "a_b", "a.b", "..", "../etc", "a/b", "a\\b", "é", "a b", "x".repeat(81), 42, null]) {
      expect(isSafeSlug(s)).toBe(false);
    }
  });

  it("parses NN-slug.locale.mdx", () => {
    expect(parseLessonFileName("01-always-online.it.mdx")).toEqual({ number: 1, slug: "always-online", locale: "it" });
    expect(parseLessonFileName("12-x.en.mdx")).toEqual({ number: 12, slug: "x", locale: "en" });
    for (const name of ["1-x.it.mdx", "001-x.it.mdx", "01-x.mdx", "01-x.fr.mdx", "01-X.it.mdx", "01_x.it.mdx", "01-x.it.md", "01-x--y.it.mdx"]) {
      expect(parseLessonFileName(name)).toBeNull();
    }
  });

  it("parses internal lesson links", () => {
    expect(parseLessonLink("/courses/a/b")).toEqual({ courseSlug: "a", lessonSlug: "b" });
    expect(parseLessonLink("/courses/a/b/#top")).toEqual({ courseSlug: "a", lessonSlug: "b" });
    expect(parseLessonLink("/courses/a")).toEqual({ courseSlug: "a", lessonSlug: null });
    expect(parseLessonLink("/courses/a/b/c")).toBeNull();
    expect(parseLessonLink("/admin")).toBeNull();
  });
});

describe("asset names and URLs", () => {
  it("allows safe names with image or PDF extensions only", () => {
    for (const n of ["a.png", "photo-1.jpg", "x_y.jpeg", "v2.0.webp", "anim.gif", "guide.pdf"]) expect(isSafeAssetName(n)).toBe(true);
    for (const n of ["x.svg", "x.html", "x", ".png", "-x.png", "X.png", "a b.png", "a/b.png", "..png", "a..png", "../a.png", "a.png\u0000", "a.PNG"]) {
      expect(isSafeAssetName(n)).toBe(false);
    }
  });

  it("builds the served URL and reads Markdown image sources", () => {
    expect(courseAssetUrl("demo", "a.png")).toBe("/api/content/demo/assets/a.png");
    expect(assetNameFromMarkdownSrc("./assets/a.png")).toBe("a.png");
    expect(assetNameFromMarkdownSrc("assets/a.png")).toBe("a.png");
    expect(assetNameFromMarkdownSrc("../assets/a.png")).toBeNull();
    expect(assetNameFromMarkdownSrc("https://example.org/a.png")).toBeNull();
  });
});

describe("resolveCourseAsset", () => {
  let root: string;
  let outside: string;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-assets-"));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-outside-"));
    const assets = path.join(root, "courses", "demo", "lessons", "assets");
    fs.mkdirSync(assets, { recursive: true });
    fs.writeFileSync(path.join(assets, "chart.png"), "png");
    fs.writeFileSync(path.join(assets, "guide.pdf"), "pdf");
    fs.writeFileSync(path.join(assets, "icon.svg"), "<svg/>");
    fs.mkdirSync(path.join(assets, "folder.png"));
    fs.writeFileSync(path.join(outside, "secret.png"), "secret");
    fs.symlinkSync(path.join(outside, "secret.png"), path.join(assets, "escape.png"));
    fs.symlinkSync(path.join(assets, "chart.png"), path.join(assets, "alias.png"));
    fs.writeFileSync(path.join(root, "courses", "demo", "course.yaml"), "title: x");
  });

  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it("finds an existing asset with its content type", () => {
    expect(resolveCourseAsset("demo", "chart.png", root)).toEqual({
      absPath: fs.realpathSync(path.join(root, "courses", "demo", "lessons", "assets", "chart.png")),
      contentType: "image/png",
    });
    expect(resolveCourseAsset("demo", "guide.pdf", root)?.contentType).toBe("application/pdf");
    expect(resolveCourseAsset("demo", "alias.png", root)?.contentType).toBe("image/png");
  });

  it("refuses unsafe names, other extensions, folders, missing files and symlinks leaving the course", () => {
    for (const name of ["../course.yaml", "../../course.yaml", "icon.svg", "CHART.png", "folder.png", "missing.png", "escape.png", "", "assets/chart.png"]) {
      expect(resolveCourseAsset("demo", name, root)).toBeNull();
    }
  });

  it("refuses unsafe course slugs", () => {
    for (const slug of ["..", "../demo", "demo/..", "Demo", "", "missing"]) {
      expect(resolveCourseAsset(slug, "chart.png", root)).toBeNull();
    }
  });

  it("finds the demo course's image in the real content folder", () => {
    expect(resolveCourseAsset("social-media-basics", "audience-circles.png")?.contentType).toBe("image/png");
  });
});
