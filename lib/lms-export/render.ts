import "server-only";
import { spawn } from "node:child_process";
import path from "node:path";
import type { RenderRequest, RenderResponse } from "./render-protocol";

const WORKER_TIMEOUT_MS = 120_000;

/**
 * Runs the render worker (`scripts/lms-export/render-worker.tsx`) in a plain Node process with tsx and
 * returns its answer. The worker reads the sources from the working directory, as the rest of
 * the app reads `content/`.
 */
export function renderPackage(req: RenderRequest): Promise<RenderResponse> {
  const cwd = process.cwd();
  const tsx = path.join(/*turbopackIgnore: true*/ cwd, "node_modules", "tsx", "dist", "cli.mjs");
  const worker = path.join(/*turbopackIgnore: true*/ cwd, "scripts", "lms-export", "render-worker.tsx");
  return new Promise((resolve, reject) => {
    // No react-server condition here: react-dom/server only exists without it.
    const env = { ...process.env, NODE_OPTIONS: "" };
    const child = spawn(process.execPath, [tsx, worker], { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill("SIGKILL"), WORKER_TIMEOUT_MS);
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`the package renderer failed (exit ${code}): ${Buffer.concat(err).toString("utf8").slice(0, 2000)}`));
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(out).toString("utf8")) as RenderResponse);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
    child.stdin.end(JSON.stringify(req));
  });
}
