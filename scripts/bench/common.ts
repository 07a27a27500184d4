/**
 * What both benchmarks (the paths alone, run.ts; the training-day mix, mix/run-mix.ts) share:
 * the log line, the commit, the build of the real content, waiting for a quiet machine.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { publishedCourses, publishedLessons } from "@/lib/content/lookup";
import { ensureBuild } from "../runtime";
import { cpuSnapshot, foreignCpuPercent } from "./server";
import { round } from "./tasks";

const ROOT = process.cwd();

export const log = (msg: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

export function git(args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/** The commit measured, and whether the work tree had changes. */
export function gitState(): { commit: string | null; dirty: boolean } {
  return { commit: git(["rev-parse", "HEAD"]), dirty: (git(["status", "--porcelain"]) ?? "") !== "" };
}

const buildIdFile = path.join(ROOT, ".next", "BUILD_ID");
const builtAt = () => (fs.existsSync(buildIdFile) ? fs.statSync(buildIdFile).mtimeMs : 0);

/**
 * Builds the real content if needed (never CONTENT_DIR) and checks that the build prerendered
 * every lesson page. `noBuild`: use the existing build of the real content even if sources changed.
 */
export function prepareBuild(noBuild: boolean): { built: boolean; buildSeconds: number } {
  // The real content: a CONTENT_DIR from the caller's shell would build and serve something else.
  delete process.env.CONTENT_DIR;
  const t0 = performance.now();
  const before = builtAt();
  if (noBuild) {
    const marker = path.join(ROOT, ".next", "binomio-content-dir");
    const realContent = fs.existsSync(marker) && fs.readFileSync(marker, "utf8") === path.resolve("content");
    if (!before || !realContent) throw new Error("--no-build: there is no build of the real content (.next/binomio-content-dir); run without --no-build");
  } else {
    // `npm test` builds with a fixture course (CONTENT_DIR) without updating ensureBuild's
    // marker: check what the build actually prerendered, and rebuild when it is not the real content.
    if (before && !prerenderedRealContent()) {
      log("the existing build was not made from the real content: rebuilding");
      fs.rmSync(path.join(ROOT, ".next", "binomio-content-dir"), { force: true });
    }
    ensureBuild();
  }
  if (!prerenderedRealContent()) throw new Error("the build does not hold the real course's lesson pages");
  const built = builtAt() !== before;
  const buildSeconds = round((performance.now() - t0) / 1000, 1);
  if (built) log(`built in ${buildSeconds} s`);
  return { built, buildSeconds };
}

/** The build prerendered exactly the published lessons of the real content, in both locales. */
export function prerenderedRealContent(): boolean {
  const file = path.join(ROOT, ".next", "prerender-manifest.json");
  if (!fs.existsSync(file)) return false;
  const routes = Object.keys((JSON.parse(fs.readFileSync(file, "utf8")) as { routes: Record<string, unknown> }).routes);
  const lessonRoutes = new Set(routes.filter((r) => /^\/[a-z]{2}\/courses\/[^/]+\/[^/]+$/.test(r)));
  const expected = publishedCourses().flatMap((c) => publishedLessons(c).flatMap((l) => ["it", "en"].map((loc) => `/${loc}/courses/${c.slug}/${l.slug}`)));
  return expected.length === lessonRoutes.size && expected.every((r) => lessonRoutes.has(r));
}

/**
 * Waits (at most `maxSeconds`) until processes other than the server and the benchmark use
 * less than 10 % of the CPUs over 3 s: another build or test run on the same two cores would
 * distort the figures. Returns the seconds waited.
 */
export async function waitQuiet(pids: (number | "self")[], maxSeconds: number): Promise<number> {
  if (maxSeconds <= 0) return 0;
  const t0 = performance.now();
  let told = false;
  for (;;) {
    const a = cpuSnapshot(pids);
    await new Promise((r) => setTimeout(r, 3_000));
    const busy = foreignCpuPercent(a, cpuSnapshot(pids));
    const waited = (performance.now() - t0) / 1000;
    if (busy < 10 || waited >= maxSeconds) return round(waited, 0);
    if (!told) log(`other processes use ${busy} % of the CPUs: waiting (at most ${maxSeconds} s)…`);
    told = true;
  }
}

/** On SIGINT or SIGTERM: `cleanUp` (stop the server, remove the temp files), then exit 130. */
export function stopOnSignal(cleanUp: () => Promise<void>): void {
  const onSignal = (sig: NodeJS.Signals) => {
    log(`${sig}: stopping the server`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
}
