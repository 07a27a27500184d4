import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prerenderedPage, prerenderedReads } from "./prerendered";

let build: string;

/** A build folder as `next build` leaves it: BUILD_ID and `server/app/<route>.html`. */
function writeBuild(id: string, pages: Record<string, string>, mtime: Date) {
  fs.writeFileSync(path.join(build, "BUILD_ID"), id);
  fs.utimesSync(path.join(build, "BUILD_ID"), mtime, mtime);
  for (const [route, html] of Object.entries(pages)) {
    const file = path.join(build, "server", "app", `${route}.html`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, html);
  }
}
const text = (p: { html: Uint8Array } | null) => (p ? Buffer.from(p.html).toString() : null);

beforeEach(() => {
  build = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-build-"));
});
afterEach(() => fs.rmSync(build, { recursive: true, force: true }));

describe("prerendered pages read from the build", () => {
  it("reads a page once per build and answers it from memory after that", () => {
    writeBuild("one", { "it/courses/c/l": "<p>uno</p>", "en/courses/c/l": "<p>one</p>" }, new Date(1_000_000));
    const reads = prerenderedReads();
    expect(text(prerenderedPage("it", ["courses", "c", "l"], build))).toBe("<p>uno</p>");
    expect(text(prerenderedPage("en", ["courses", "c", "l"], build))).toBe("<p>one</p>");
    fs.writeFileSync(path.join(build, "server", "app", "it", "courses", "c", "l.html"), "<p>changed under a running build</p>");
    expect(text(prerenderedPage("it", ["courses", "c", "l"], build))).toBe("<p>uno</p>");
    expect(prerenderedReads() - reads).toBe(2);
    const page = prerenderedPage("it", ["courses", "c", "l"], build)!;
    expect(page.etag).toMatch(/^"[\w-]{27}"$/);
  });

  it("never answers a new build with an older build's bytes", () => {
    writeBuild("one", { "it/courses/c/l": "<p>old</p>" }, new Date(1_000_000));
    expect(text(prerenderedPage("it", ["courses", "c", "l"], build))).toBe("<p>old</p>");
    writeBuild("two", { "it/courses/c/l": "<p>new</p>" }, new Date(2_000_000));
    expect(text(prerenderedPage("it", ["courses", "c", "l"], build))).toBe("<p>new</p>");
  });

  it("is null for a page the build lacks, without a build, and for anything but slugs", () => {
    expect(prerenderedPage("it", ["courses", "c", "l"], build)).toBeNull();
    writeBuild("one", { "it/courses/c/l": "<p>uno</p>", "it/secret": "no" }, new Date(1_000_000));
    expect(prerenderedPage("it", ["courses", "c", "missing"], build)).toBeNull();
    for (const bad of [["courses", "c", ".."], ["courses", "..", "secret"], ["..", "secret"], ["courses/c/l"], ["COURSES"], []]) {
      expect(prerenderedPage("it", bad, build), bad.join("/")).toBeNull();
    }
    expect(prerenderedPage("de" as "it", ["courses", "c", "l"], build)).toBeNull();
  });
});
