import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { env } from "@/lib/env";

/**
 * Every variable is validated once, in lib/env.ts: a raw `process.env` read elsewhere in the
 * app, the database layer, the components or the npm scripts would bypass the validation and
 * its message. The files below may read it, each for the reason given.
 */
const ALLOWED: Record<string, string> = {
  "lib/env.ts": "the one place that reads and validates the environment",
  "scripts/runtime.ts": "the launcher sets HOST, PORT, AUTH_URL and AUTH_SECRET for the server it starts, then validates them all with env() (validateEnv) before starting it",
  "scripts/serve.mjs": "the plain-Node server entry (no TypeScript, cannot import lib/env.ts); only scripts/runtime.ts starts it, after validateEnv()",
  "scripts/start.ts": "hands the environment to bootstrapAdmin, which validates ADMIN_EMAIL/ADMIN_PASSWORD itself (needed only on an empty database)",
  "lib/lms-export/render.ts": "passes the environment on to the render worker process; reads no variable",
  "lib/lessons/serve.ts": "NODE_ENV, which Next replaces at build time: the next dev fallback is compiled out of production",
  "proxy.ts": "HOST/PORT for the locale rewrites (Next's internal rewrite must keep its own host: docs/STACK.md), and NODE_ENV (compiled in)",
  "instrumentation.ts": "NEXT_RUNTIME and NEXT_PHASE are set by Next itself, not by the operator",
  "next.config.mjs": "build configuration, read by Next before the app exists",
  "db/migrate.ts": "the migration to many companies reads FUNDING_* once, to fill the first plan (db/ may not import lib/env.ts; the values are trimmed and bounded there as lib/env.ts bounds them)",
};
/** Benchmark tooling: builds the environment of the servers it starts. */
const ALLOWED_DIRS = ["scripts/bench/"];

const ROOTS = ["app", "components", "db", "lib", "scripts"];
const ROOT_FILES = ["proxy.ts", "instrumentation.ts", "next.config.mjs"];
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;

function sourceFiles(): string[] {
  const out: string[] = [...ROOT_FILES];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const rel = path.posix.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "node_modules" && e.name !== "migrations") walk(rel);
      } else if (SOURCE.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(rel);
    }
  };
  for (const r of ROOTS) walk(r);
  return out;
}

const reads = (file: string) =>
  fs
    .readFileSync(file, "utf8")
    .split("\n")
    .flatMap((line, i) => (/\bprocess\.env\b/.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));

describe("environment variables", () => {
  it("are read raw only in lib/env.ts and the allow-listed tooling", () => {
    const files = sourceFiles();
    expect(files).toContain("lib/auth/secret.ts");
    const raw = files.filter((f) => !ALLOWED[f] && !ALLOWED_DIRS.some((d) => f.startsWith(d))).flatMap(reads);
    expect(raw, "read it through env() from lib/env.ts (add the variable to its schema)").toEqual([]);
  });

  it("has no stale allow-list entry", () => {
    for (const file of Object.keys(ALLOWED)) expect(reads(file).length, file).toBeGreaterThan(0);
  });

  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it("validates the operational variables with messages that name them", () => {
    const refused = (name: string, value: string) => {
      process.env[name] = value;
      try {
        env();
        return "accepted";
      } catch (e) {
        return (e as Error).message;
      } finally {
        delete process.env[name];
      }
    };
    expect(refused("BACKUP_KEEP", "zero")).toBe("Invalid environment: BACKUP_KEEP must be a whole number of backups");
    expect(refused("BACKUP_KEEP", "0")).toBe("Invalid environment: BACKUP_KEEP must be at least 1");
    expect(refused("HEARTBEAT_RETENTION_DAYS", "1.5")).toBe("Invalid environment: HEARTBEAT_RETENTION_DAYS must be a whole number of days");
    expect(refused("SHUTDOWN_TIMEOUT_SECONDS", "-3")).toBe("Invalid environment: SHUTDOWN_TIMEOUT_SECONDS must be at least 1");
    expect(refused("SESSION_IDLE_MINUTES", "1")).toMatch(/^Invalid environment: SESSION_IDLE_MINUTES must be at least 5/);
    expect(refused("BINOMIO_BENCH", "yes")).toBe("Invalid environment: BINOMIO_BENCH must be 1 (benchmark routes on) or unset");
    expect(refused("AUTH_SECRET", "short")).toBe("Invalid environment: AUTH_SECRET must be at least 16 characters");
  });

  it("gives the documented defaults, and the same for unset and empty", () => {
    for (const k of ["BACKUP_KEEP", "HEARTBEAT_RETENTION_DAYS", "SHUTDOWN_TIMEOUT_SECONDS", "SESSION_IDLE_MINUTES", "CONTENT_DIR", "MDX_CACHE_DIR", "BACKUP_DIR", "BINOMIO_BENCH", "DATABASE_PATH"]) delete process.env[k];
    const unset = env();
    expect(unset).toMatchObject({ HEARTBEAT_RETENTION_DAYS: 400, SHUTDOWN_TIMEOUT_SECONDS: 8, SESSION_IDLE_MINUTES: 120, DATABASE_PATH: "./data/binomio.db" });
    expect(unset.BACKUP_KEEP).toBeUndefined();
    expect(unset.CONTENT_DIR).toBeUndefined();
    for (const k of ["HEARTBEAT_RETENTION_DAYS", "SHUTDOWN_TIMEOUT_SECONDS", "SESSION_IDLE_MINUTES", "CONTENT_DIR", "DATABASE_PATH", "BINOMIO_BENCH"]) process.env[k] = "";
    expect(env()).toMatchObject({ HEARTBEAT_RETENTION_DAYS: 400, SHUTDOWN_TIMEOUT_SECONDS: 8, SESSION_IDLE_MINUTES: 120, DATABASE_PATH: "./data/binomio.db", CONTENT_DIR: undefined, BINOMIO_BENCH: undefined });
  });
});
