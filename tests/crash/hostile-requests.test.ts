/**
 * Unauthenticated requests that used to take the production server down (192 MB heap): a
 * 100 MB body to Auth.js's credentials callback or to a server action, declared or chunked, and
 * thousands of requests with random 16 KB session cookies. The server must answer each one
 * (413, or as anonymous), stay up, and keep its memory flat.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { serverActionId } from "../support/action-id";
import { sendBody } from "../support/send-body";
import { seedLearners } from "./support/seed";
import { startServer, stopServer, type RunningServer } from "./support/server";

const SECRET = "hostile-test-secret-0123456789-abcdef";
const MB = 1024 * 1024;

/** Resident memory of a process, from /proc (Linux). */
function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

async function healthy(server: RunningServer): Promise<boolean> {
  try {
    return (await fetch(`${server.origin}/api/health`, { signal: AbortSignal.timeout(5_000) })).status === 200;
  } catch {
    return false;
  }
}

describe("hostile requests against the production server", () => {
  let dir: string;
  let server: RunningServer | undefined;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-hostile-"));
  });
  afterEach(async () => {
    if (server) await stopServer(server, "SIGKILL");
    server = undefined;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("100 MB bodies to Auth.js and to a server action are refused with 413 and leave the memory flat", async () => {
    const databaseFile = path.join(dir, "bodies.db");
    await seedLearners(databaseFile, 1, SECRET, "bodies");
    server = await startServer({ port: 3524, database: databaseFile, secret: SECRET });
    const page = await (await fetch(`${server.origin}/sign-in`)).text();
    const actionId = serverActionId(page);
    expect(actionId).toBeTruthy();
    const before = rssBytes(server.pid);
    const targets: [string, Record<string, string>][] = [
      ["/api/auth/callback/credentials", {}],
      ["/api/auth/signout", {}],
      ["/sign-in", { "next-action": actionId!, "content-type": "text/plain;charset=UTF-8" }],
    ];
    for (const [target, headers] of targets) {
      for (const chunked of [false, true]) {
        const r = await sendBody(`${server.origin}${target}`, 100 * MB, { chunked, headers });
        expect(r.status, `${target} ${chunked ? "chunked" : "declared"}\n${server.output()}`).toBe(413);
        expect(await healthy(server), `${target} ${chunked ? "chunked" : "declared"}: the server must still answer\n${server.output()}`).toBe(true);
      }
    }
    expect(rssBytes(server.pid) - before).toBeLessThan(60 * MB);
  });

  it("6,000 requests with random 16 KB session cookies leave the server up and its memory flat", async () => {
    const databaseFile = path.join(dir, "cookies.db");
    await seedLearners(databaseFile, 1, SECRET, "cookies");
    server = await startServer({ port: 3525, database: databaseFile, secret: SECRET });
    // Warm the route first, so the baseline includes its code.
    await (await fetch(`${server.origin}/api/content/x/assets/y.png`, { headers: { cookie: "authjs.session-token=warm" } })).text();
    const before = rssBytes(server.pid);
    const origin = server.origin;
    let next = 0;
    const worker = async () => {
      while (next < 6_000) {
        next++;
        const res = await fetch(`${origin}/api/content/x/assets/y.png`, { headers: { cookie: `authjs.session-token=${randomBytes(11 * 1024).toString("base64url")}` } });
        expect([400, 401, 431]).toContain(res.status);
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(await healthy(server), server.output()).toBe(true);
    expect(rssBytes(server.pid) - before).toBeLessThan(60 * MB);
  });
});
