import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as pageStaticInfo from "next/dist/build/analysis/get-page-static-info";
import { config } from "@/proxy";
import { isFramePagePath, isLessonPagePath, RESERVED_LESSON_SLUGS } from "@/lib/content/lesson-urls";
import { parseLessonFileName } from "@/lib/content/names";

const APP = path.resolve("app");

/** Next's translation of a proxy matcher into the regular expressions it tests paths with (not in its public types). */
const { getMiddlewareMatchers } = pageStaticInfo as unknown as { getMiddlewareMatchers: (matcher: string[], nextConfig: object) => { regexp: string }[] };
const proxyRegexps = getMiddlewareMatchers(config.matcher, {}).map((m) => new RegExp(m.regexp));
/** Does the proxy run for this path? Asked of Next's own matcher, as the built server does. */
const proxyRuns = (p: string) => proxyRegexps.some((re) => re.test(p));

/**
 * The folders that give `/courses/<course>/<name>` a page of its own (`policy`, `quiz/…`): the
 * static children of every `courses/[course]` folder under app/, route groups and the locale left out.
 */
function foldersBesideLessons(dir = APP, url: string[] = []): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const group = /^\(.+\)$/.test(entry.name) || (url.length === 0 && entry.name === "[locale]");
    const next = group ? url : [...url, entry.name];
    if (url.length === 2 && url[0] === "courses" && url[1] === "[course]" && !group && !/^[[_@]/.test(entry.name)) found.push(entry.name);
    if (next.length <= 2) found.push(...foldersBesideLessons(path.join(dir, entry.name), next));
  }
  return found;
}

describe("lesson URLs, the pages beside them and the proxy's matcher stay in step", () => {
  it("every folder beside the lessons is a reserved slug, and every reserved slug is such a folder", () => {
    const folders = foldersBesideLessons();
    expect(folders).toContain("policy");
    expect(new Set(folders)).toEqual(new Set(RESERVED_LESSON_SLUGS));
  });

  it("the proxy runs for the pages beside the lessons and never for a lesson page (its route handler serves it)", () => {
    for (const slug of RESERVED_LESSON_SLUGS) {
      expect(isLessonPagePath(`/courses/some-course/${slug}`), slug).toBe(false);
      expect(proxyRuns(`/courses/some-course/${slug}`), slug).toBe(true);
      expect(proxyRuns(`/courses/some-course/${slug}/anything`), slug).toBe(true);
    }
    expect(isLessonPagePath("/courses/some-course/already-online")).toBe(true);
    expect(proxyRuns("/courses/some-course/already-online")).toBe(false);
  });

  it("the proxy never runs for a course page either (its route handler serves it), but does for the list of courses", () => {
    expect(isFramePagePath("/courses/some-course")).toBe(true);
    expect(proxyRuns("/courses/some-course")).toBe(false);
    expect(proxyRuns("/courses")).toBe(true);
    expect(proxyRuns("/it/courses/some-course")).toBe(true);
  });

  it("the matcher and isFramePagePath agree on every page path", () => {
    const paths = [
      "/",
      "/courses",
      "/courses/c",
      "/courses/c/",
      "/courses/c/l",
      "/courses/c/l/x",
      "/courses/c/policy-basics",
      "/courses/c/quizzes",
      "/courses/c/quiz/q",
      "/it/courses/c/l",
      "/en/courses/c/l",
      "/trainer/courses/c/l",
      "/me",
      "/access-denied",
      "/page-not-found",
    ];
    for (const p of paths) expect(proxyRuns(p), p).toBe(!isFramePagePath(p));
  });

  it("no lesson file may take a reserved slug", () => {
    for (const slug of RESERVED_LESSON_SLUGS) expect(parseLessonFileName(`01-${slug}.it.mdx`), slug).toBeNull();
  });
});
