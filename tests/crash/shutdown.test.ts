/**
 * Graceful shutdown of the production server (instrumentation.ts → lib/runtime/shutdown.ts):
 * on SIGTERM it stops accepting connections, finishes the request in flight, checkpoints the
 * WAL, closes the database and removes its lock; a stuck request cannot hold it up for longer
 * than SHUTDOWN_TIMEOUT_SECONDS. SIGKILL is the control: it leaves the WAL and the lock behind.
 */
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readServerLock, serverLockPath } from "@/lib/runtime/server-lock";
import { openServerDatabase } from "../support/database-location";
import { lessons, seedLearners, type Learner, COURSE } from "./support/seed";
import { startServer, stopServer, type RunningServer } from "./support/server";

const SECRET = "shutdown-test-secret-0123456789-abcdef";

/** A heartbeat POST whose body is sent in two parts, so the request is in flight for as long as we like. */
function slowHeartbeat(origin: string, learner: Learner, lessonSlug: string) {
  const body = JSON.stringify({ courseSlug: COURSE, lessonSlug });
  const url = new URL("/api/heartbeat", origin);
  const req = http.request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: "POST",
    agent: false,
    headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), cookie: learner.cookie },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on("response", (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, body: text }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
  req.write(body.slice(0, 10));
  return { finish: () => req.end(body.slice(10)), response };
}

const walBytes = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("graceful shutdown", () => {
  let dir: string;
  let server: RunningServer | undefined;
  let lesson: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-shutdown-"));
    lesson = lessons()[0]!.slug;
  });
  afterEach(async () => {
    if (server) await stopServer(server, "SIGKILL");
    server = undefined;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("SIGTERM: new connections are refused, the request in flight completes and is stored, then the WAL is checkpointed, the database closed, the lock removed", async () => {
    const databaseFile = path.join(dir, "graceful.db");
    const [warm, slow] = await seedLearners(databaseFile, 2, SECRET, "graceful");
    server = await startServer({ port: 3520, database: databaseFile, secret: SECRET });
    expect(readServerLock(databaseFile)).toMatchObject({ pid: server.pid, alive: true });
    const warmUp = await fetch(`${server.origin}/api/heartbeat`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: warm!.cookie },
      body: JSON.stringify({ courseSlug: COURSE, lessonSlug: lesson }),
    });
    expect(warmUp.status).toBe(200);
    expect(walBytes(databaseFile)).toBeGreaterThan(0);

    const inFlight = slowHeartbeat(server.origin, slow!, lesson);
    // Let the handler start (it is now waiting for the rest of the body).
    await sleep(500);
    server.child.kill("SIGTERM");
    await sleep(500);
    expect(server.child.exitCode, "the server must wait for the request in flight").toBeNull();
    await expect(fetch(`${server.origin}/api/health`, { signal: AbortSignal.timeout(3_000) })).rejects.toThrow();

    inFlight.finish();
    const answer = await inFlight.response;
    expect(answer.status).toBe(200);
    const credited = (JSON.parse(answer.body) as { creditedSeconds: number }).creditedSeconds;
    expect(credited).toBeGreaterThan(0);

    const exit = await server.exited;
    expect(exit.code).toBe(143);
    expect(server.output()).toContain("SIGTERM received, finishing in-flight requests");
    server = undefined;
    expect(walBytes(databaseFile)).toBe(0);
    expect(fs.existsSync(serverLockPath(databaseFile))).toBe(false);

    const d = await openServerDatabase(databaseFile);
    try {
      const row = await d.get<{ s: number }>("SELECT credited_seconds AS s FROM heartbeats WHERE user_id = ?", [slow!.userId]);
      expect(row?.s).toBe(credited);
    } finally {
      await d.close();
    }
  });

  it("a request that never finishes holds the shutdown no longer than SHUTDOWN_TIMEOUT_SECONDS, and the database is still closed cleanly", async () => {
    const databaseFile = path.join(dir, "stuck.db");
    const [warm, stuck] = await seedLearners(databaseFile, 2, SECRET, "stuck");
    server = await startServer({ port: 3521, database: databaseFile, secret: SECRET, env: { SHUTDOWN_TIMEOUT_SECONDS: "2" } });
    const warmUp = await fetch(`${server.origin}/api/heartbeat`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: warm!.cookie },
      body: JSON.stringify({ courseSlug: COURSE, lessonSlug: lesson }),
    });
    expect(warmUp.status).toBe(200);

    const never = slowHeartbeat(server.origin, stuck!, lesson);
    never.response.catch(() => undefined);
    await sleep(500);
    const t0 = performance.now();
    server.child.kill("SIGTERM");
    const exit = await server.exited;
    const seconds = (performance.now() - t0) / 1000;
    expect(exit.code).toBe(143);
    expect(seconds).toBeGreaterThan(1.5);
    expect(seconds).toBeLessThan(8);
    expect(server.output()).toContain("requests still running after 2 s");
    server = undefined;
    await expect(never.response).rejects.toThrow();
    expect(walBytes(databaseFile)).toBe(0);
    expect(fs.existsSync(serverLockPath(databaseFile))).toBe(false);
  });

  it("refuses to start on an invalid SESSION_IDLE_MINUTES instead of serving errors", async () => {
    const databaseFile = path.join(dir, "invalid-env.db");
    await seedLearners(databaseFile, 1, SECRET, "env");
    await expect(startServer({ port: 3523, database: databaseFile, secret: SECRET, env: { SESSION_IDLE_MINUTES: "two hours" } })).rejects.toThrow(
      /the server exited while starting[\s\S]*Binomio cannot start: Invalid environment: SESSION_IDLE_MINUTES must be a whole number of minutes/,
    );
    expect(fs.existsSync(serverLockPath(databaseFile))).toBe(false);
  });

  it("control: SIGKILL leaves the WAL and a stale lock (dead pid) behind, and nothing acknowledged is lost", async () => {
    const databaseFile = path.join(dir, "killed.db");
    const [learner] = await seedLearners(databaseFile, 1, SECRET, "killed");
    server = await startServer({ port: 3522, database: databaseFile, secret: SECRET });
    const res = await fetch(`${server.origin}/api/heartbeat`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: learner!.cookie },
      body: JSON.stringify({ courseSlug: COURSE, lessonSlug: lesson }),
    });
    expect(res.status).toBe(200);
    const pid = server.pid;
    await stopServer(server, "SIGKILL");
    server = undefined;
    expect(walBytes(databaseFile)).toBeGreaterThan(0);
    expect(readServerLock(databaseFile)).toMatchObject({ pid, alive: false });
    const d = await openServerDatabase(databaseFile);
    try {
      expect(await d.get("SELECT count(*) AS n FROM heartbeats WHERE user_id = ?", [learner!.userId])).toEqual({ n: 1 });
    } finally {
      await d.close();
    }
  });
});
