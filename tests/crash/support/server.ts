import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { databaseEnv, locate } from "../../support/database-location";
import { SERVER_SCRIPT, serverMallocEnv, serverNodeFlags } from "@/scripts/runtime";

export const ROOT = path.resolve(__dirname, "../../..");

/** The content the server reads at run time (the same the test process reads). */
export const CONTENT_DIR = process.env.CONTENT_DIR ?? path.join(ROOT, "content");

export type RunningServer = {
  child: ChildProcess;
  pid: number;
  origin: string;
  /** The last lines the server printed, for failure messages. */
  output: () => string;
  /** Resolves with the exit code and signal once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** Fails early, with the fix, when there is no production build to serve. */
export function requireBuild(): void {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build in .next: run `npx next build` first (scripts/test.sh builds before this step).");
  }
}

/**
 * The production server on 127.0.0.1 — one process, started as scripts/runtime.ts starts it
 * (scripts/serve.mjs, same Node flags) — on its own database: an SQLite file, or a PostgreSQL URL
 * (then `dir` holds its MDX cache; an SQLite server keeps it beside the file). Resolves once
 * /api/health answers 200.
 */
export async function startServer(opts: { port: number; database: string; dir?: string; secret: string; env?: Record<string, string> }): Promise<RunningServer> {
  requireBuild();
  const dir = locate(opts.database).url ? opts.dir : path.dirname(opts.database);
  if (!dir) throw new Error("startServer: a server on PostgreSQL needs a `dir` for its MDX cache");
  const origin = `http://127.0.0.1:${opts.port}`;
  const child = spawn(process.execPath, [...serverNodeFlags(), SERVER_SCRIPT], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...serverMallocEnv(),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      HOST: "127.0.0.1",
      PORT: String(opts.port),
      AUTH_URL: origin,
      AUTH_TRUST_HOST: "true",
      AUTH_SECRET: opts.secret,
      ...databaseEnv(opts.database),
      CONTENT_DIR,
      MDX_CACHE_DIR: path.join(dir, "mdx-cache"),
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-8000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const server: RunningServer = { child, pid: child.pid!, origin, output: () => out, exited };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited while starting:\n${out}`);
    try {
      const res = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopServer(server, "SIGKILL");
      throw new Error(`the server did not answer /api/health within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Sends `signal` (if still running) and waits for the process to be gone, SIGKILL after `graceMs`. */
export async function stopServer(server: RunningServer, signal: NodeJS.Signals = "SIGTERM", graceMs = 20_000) {
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  try {
    return await server.exited;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Loads the write routes once (a production server loads each route's code on its first
 * request, ~1–4 s here) with requests that are refused before writing anything (422), so
 * the load that follows meets a warm server.
 */
export async function warmUp(server: RunningServer, cookie: string): Promise<void> {
  const paths = ["/api/heartbeat", "/api/quiz/attempts", "/api/quiz/attempts/999999999/submit"];
  for (const p of paths) {
    const res = await fetch(`${server.origin}${p}`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify({ unknownKey: 1 }) });
    await res.text();
    if (res.status !== 422) throw new Error(`warm-up ${p}: expected 422, got ${res.status}\n${server.output()}`);
  }
}
