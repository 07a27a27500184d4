import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isSafeSlug } from "@/lib/content/names";
import { isInside } from "@/lib/content/paths";
import { isLocale, type Locale } from "@/lib/i18n/locales";

/** Where `next build` writes the App Router pages it prerendered: `<route>.html`, with `.rsc` and `.meta` beside it. */
const BUILD_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), ".next");
const APP_DIR = path.join(BUILD_DIR, "server", "app");
const BUILD_ID_FILE = path.join(BUILD_DIR, "BUILD_ID");

export type PrerenderedPage = { html: Uint8Array<ArrayBuffer>; etag: string };

/**
 * Pages read from the build, per build: `stamp` is BUILD_ID's modification time, checked on
 * every call, so a new build is read afresh and never answered from an older one's bytes.
 * On globalThis because the lesson route and the benchmark's stats route are separate bundles.
 */
type Store = { buildId: string; stamp: number; pages: Map<string, PrerenderedPage | null>; reads: number };
const holder = globalThis as { __binomioPrerendered?: Store };

function store(): Store | null {
  const stat = fs.statSync(BUILD_ID_FILE, { throwIfNoEntry: false });
  if (!stat) return null;
  let s = holder.__binomioPrerendered;
  if (!s || s.stamp !== stat.mtimeMs) {
    s = holder.__binomioPrerendered = { buildId: fs.readFileSync(BUILD_ID_FILE, "utf8").trim(), stamp: stat.mtimeMs, pages: new Map(), reads: s?.reads ?? 0 };
  }
  return s;
}

/**
 * The page `next build` prerendered for `/<locale>/<segments…>` — the bytes Next itself would
 * serve for it — or null when this build has none (no such page, or no production build).
 *
 * Lesson pages are the same bytes for every learner; serving them from the lesson route
 * after its access checks costs about a no-op authenticated answer, where running the proxy
 * and then Next's static-page pipeline cost twice that (README "Performance"). The file is
 * read once per page and build, then answered from memory. Segments must be slugs, so the
 * path is built from validated names only and stays inside the build's app folder.
 *
 * Never used under `next dev`, which prerenders nothing (and would find an old build's
 * files): see `lib/lessons/serve.ts`.
 */
export function prerenderedPage(locale: Locale, segments: readonly string[]): PrerenderedPage | null {
  if (!isLocale(locale) || segments.length === 0 || !segments.every(isSafeSlug)) return null;
  const s = store();
  if (!s) return null;
  const key = [locale, ...segments].join("/");
  let page = s.pages.get(key);
  if (page === undefined) {
    page = read(path.join(APP_DIR, ...key.split("/")) + ".html");
    s.reads += 1;
    s.pages.set(key, page);
  }
  return page;
}

function read(file: string): PrerenderedPage | null {
  if (!isInside(APP_DIR, file)) return null;
  let html: Uint8Array<ArrayBuffer>;
  try {
    html = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    // Read once per build: e.g. a lesson published after the build passes the access checks.
    console.error(`Binomio: ${path.relative(APP_DIR, file)} is not in this build (${APP_DIR}); build again to serve it.`);
    return null;
  }
  return { html, etag: `"${createHash("sha256").update(html).digest("base64url").slice(0, 27)}"` };
}

/** How many page files were read from the build (the benchmark shows none are read under load). */
export function prerenderedReads(): number {
  return holder.__binomioPrerendered?.reads ?? 0;
}
