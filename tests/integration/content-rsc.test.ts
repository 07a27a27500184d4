import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * LessonBody is a React Server Component. This renders the demo course's lesson 02 the way
 * Next renders a page: under the `react-server` condition, through React's Flight server
 * (the copy bundled with Next), in a child process.
 */
const SCRIPT = `
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { PassThrough } from "node:stream";
const cwd = process.cwd();
const require = createRequire(path.join(cwd, "package.json"));
const React = require("react");
const { renderToPipeableStream } = require("next/dist/compiled/react-server-dom-webpack/server.node");
const load = (rel) => import(pathToFileURL(path.join(cwd, rel)).href);
const { getLesson } = await load("lib/content/lookup.ts");
const { compileLesson } = await load("lib/content/compile.ts");
const { LessonBody } = await load("components/mdx/lesson-body.tsx");
const lesson = getLesson("social-media-basics", "never-private");
const { code } = await compileLesson(lesson.locales.it);
const errors = [];
const stream = renderToPipeableStream(
  React.createElement(LessonBody, { code, locale: "it", courseSlug: "social-media-basics" }),
  {},
  { onError: (e) => { errors.push(String(e)); } },
);
const out = new PassThrough();
let payload = "";
out.on("data", (d) => (payload += d));
out.on("end", () => { process.stdout.write(JSON.stringify({ errors, payload })); });
stream.pipe(out);
`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-rsc-"));
  fs.writeFileSync(path.join(dir, "render.mjs"), SCRIPT);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("LessonBody as a React Server Component", () => {
  it("renders a compiled lesson through the Flight server under react-server", () => {
    const result = spawnSync(
      path.join(process.cwd(), "node_modules", ".bin", "tsx"),
      ["--conditions=react-server", path.join(dir, "render.mjs")],
      { cwd: process.cwd(), encoding: "utf8", timeout: 60_000, env: { ...process.env, NODE_ENV: "production", MDX_CACHE_DIR: path.join(dir, "cache") } },
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const { errors, payload } = JSON.parse(result.stdout) as { errors: string[]; payload: string };
    expect(errors).toEqual([]);
    // Plain elements only: no client references (":I[" rows), no lesson code sent to the browser.
    expect(payload).toContain('"className":"mdx-body","lang":"it"');
    expect(payload).toContain('"aria-label":"Post simulato di Giulia B."');
    expect(payload).toContain('"src":"/api/content/social-media-basics/assets/audience-circles.png"');
    expect(payload).toContain('["$","details",null,{"className":"mdx-spoiler"');
    expect(payload).not.toMatch(/^\w+:I\[/m);
    expect(payload).not.toContain("var Component=");
  });
});
