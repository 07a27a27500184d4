import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isSafeSlug } from "@/lib/content/names";
import { isInside } from "@/lib/content/paths";
import { isLocale, type Locale } from "@/lib/i18n/locales";

/** Where `next build` writes its output; the App Router pages it prerendered are `server/app/<route>.html` (with `.rsc` and `.meta`). */
const BUILD_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), ".next");

export type PrerenderedPage = { html: Uint8Array<ArrayBuffer>; etag: string };

/**
 * Pages read from one build, keyed by that build: `stamp` is the modification time of its
 * BUILD_ID (which every `next build` writes anew), checked on every call — one stat — so a new
 * build is read afresh and never answered from an older one's bytes.
 * On globalThis because the lesson route and the benchmark's stats route are separate bundles.
 */
type Store = { dir: string; stamp: number; pages: Map<string, PrerenderedPage | null>; reads: number };
const holder = globalThis as { __binomioPrerendered?: Store };

function store(dir: string): Store | null {
  const idFile = path.join(dir, "BUILD_ID");
  const stat = fs.statSync(idFile, { throwIfNoEntry: false });
  if (!stat) return null;
  let s = holder.__binomioPrerendered;
  if (!s || s.dir !== dir || s.stamp !== stat.mtimeMs) {
    s = holder.__binomioPrerendered = { dir, stamp: stat.mtimeMs, pages: new Map(), reads: s?.reads ?? 0 };
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
export function prerenderedPage(locale: Locale, segments: readonly string[], buildDir: string = BUILD_DIR): PrerenderedPage | null {
  if (!isLocale(locale) || segments.length === 0 || !segments.every(isSafeSlug)) return null;
  const s = store(buildDir);
  if (!s) return null;
  const key = [locale, ...segments].join("/");
  let page = s.pages.get(key);
  if (page === undefined) {
    page = read(path.join(buildDir, "server", "app"), key);
    s.reads += 1;
    s.pages.set(key, page);
  }
  return page;
}

function read(appDir: string, key: string): PrerenderedPage | null {
  const file = path.join(appDir, ...key.split("/")) + ".html";
  if (!isInside(appDir, file)) return null;
  let html: Uint8Array<ArrayBuffer>;
  try {
    html = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    // Read once per build: e.g. a lesson published after the build passes the access checks.
    console.error(`Binomio: /${key} is not in this build (${file} is missing); build again to serve it.`);
    return null;
  }
  return { html, etag: `"${createHash("sha256").update(html).digest("base64url").slice(0, 27)}"` };
}

/** How many page files were read from the build (the benchmark shows none are read under load). */
export function prerenderedReads(): number {
  return holder.__binomioPrerendered?.reads ?? 0;
}
