/**
 * What `npm start` and `npm run demo` share: the secret, the build check and the server
 * process. Kept out of the app: these run before Next does.
 */
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { httpOrigin } from "@/lib/http-origin";
import { describeLocation } from "@/db/engine/open";

const ROOT = process.cwd();

/** Validates every variable the app reads (lib/env.ts), exiting with a readable message. */
export function validateEnv(): void {
  try {
    env();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}

/** AUTH_SECRET from the environment, else one generated once and kept in data/ (mode 0600). */
export function ensureAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(ROOT, "data", "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    console.log(`Generated AUTH_SECRET in ${path.relative(ROOT, file)} (set AUTH_SECRET to use your own).`);
  }
  process.env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
  return process.env.AUTH_SECRET;
}

const SOURCES = ["app", "components", "lib", "db", "public", "proxy.ts", "next.config.mjs", "package-lock.json", "tsconfig.json"];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const entry of fs.readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, entry)));
  return max;
}

/** Which content folder the current build prerendered (lesson pages are static). */
const BUILT_CONTENT = path.join(ROOT, ".next", "binomio-content-dir");

/**
 * Builds when there is no production build, a source file is newer than it, or it was built
 * from another content folder (CONTENT_DIR).
 */
export function ensureBuild(): void {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const contentDir = path.resolve(process.env.CONTENT_DIR ?? "content");
  const sources = [...SOURCES.map((s) => path.join(ROOT, s)), contentDir];
  const source = Math.max(...sources.map((s) => newestMtime(s)));
  const sameContent = fs.existsSync(BUILT_CONTENT) && fs.readFileSync(BUILT_CONTENT, "utf8") === contentDir;
  if (built && built >= source && sameContent) return;
  console.log(built ? "Sources changed since the last build: building…" : "No production build yet: building…");
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], { stdio: "inherit" });
  if (r.status !== 0) {
    console.error("The build failed; see the messages above.");
    process.exit(r.status ?? 1);
  }
  fs.writeFileSync(BUILT_CONTENT, contentDir);
}

/**
 * Memory settings of the server process (README "Performance"): V8's old space capped at
 * 256 MB (V8 otherwise lets the heap grow far past what it needs before collecting), and
 * glibc limited to two malloc arenas. With them the server's peak RSS under the benchmark's
 * load and exports fell from ~600 MB to ~300 MB; the live heap stays near 100 MB because
 * exports are streamed. A smaller young generation saved ~15 MB more but slowed every
 * answer by ~10 %, so it is not used. A flag already in NODE_OPTIONS (or MALLOC_ARENA_MAX in
 * the environment) wins. The cap was 192 MB until the dossier: drawing the demo plan's 41-page
 * register takes ~60–100 MB of heap for a few seconds (pdf-lib holds the whole document), which
 * beside the live heap ran out of 192 MB; renders now queue one at a time (lib/dossier/render-gate.ts)
 * and the cap leaves room for one.
 */
export const SERVER_NODE_FLAGS = ["--max-old-space-size=256"] as const;

export function serverNodeFlags(nodeOptions = process.env.NODE_OPTIONS ?? ""): string[] {
  return SERVER_NODE_FLAGS.filter((f) => !nodeOptions.includes(f.split("=")[0]!));
}

export function serverMallocEnv(env: NodeJS.ProcessEnv = process.env): { MALLOC_ARENA_MAX: string } {
  return { MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX || "2" };
}

/**
 * The server process's script: Next's request handler behind the front door (body limits,
 * malformed URLs, client address) with the graceful shutdown of `next start`. Plain `next
 * start` would serve the same pages without those checks, so every launcher uses this one.
 */
export const SERVER_SCRIPT = path.join(ROOT, "scripts", "serve.mjs");

/** Runs the server (scripts/serve.mjs) as one child process, forwarding signals so SIGTERM shuts it down cleanly. */
export function startServer(): void {
  const host = process.env.HOST || "127.0.0.1";
  const port = process.env.PORT || "3000";
  const origin = httpOrigin(host, port);
  // The proxy needs the exact bind origin to keep its locale rewrites internal.
  process.env.HOST = host;
  process.env.PORT = port;
  process.env.AUTH_URL ||= origin;
  process.env.AUTH_TRUST_HOST ||= "true";
  console.log(`Binomio: ${process.env.AUTH_URL}  (database: ${describeLocation({ url: env().DATABASE_URL, file: env().DATABASE_PATH })})`);
  const child = spawn(process.execPath, [...serverNodeFlags(), SERVER_SCRIPT], {
    stdio: "inherit",
    env: { ...process.env, ...serverMallocEnv(), NODE_ENV: "production" },
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
