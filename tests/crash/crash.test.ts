/**
 * Crash safety: the production server is killed with SIGKILL in the middle of write load,
 * restarted on the same database, and every write a client saw acknowledged must be there,
 * whole. CRASH_ROUNDS rounds (default 5; scripts/test.sh runs 2), on each engine: an SQLite file,
 * and a database of a throwaway PostgreSQL 15 cluster (issue #24; the cluster outlives the killed
 * server, as a database server does).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readServerLock } from "@/lib/runtime/server-lock";
import { startPgCluster, type PgCluster } from "../support/pg-cluster";
import { checkAgainstLedger } from "./support/check";
import { driveLoad, newLedger, type Ledger } from "./support/load";
import { openServerDatabase } from "../support/database-location";
import { finalBankFile, lessons, seedLearners, type Learner } from "./support/seed";
import { answersFor, type ShownQuestion } from "../support/answer-key";
import { startServer, stopServer, warmUp, type RunningServer } from "./support/server";

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 5);
const PORTS = { sqlite: 3510, postgres: 3511 } as const;
const SECRET = "crash-test-secret-0123456789-abcdefghij";
const HEARTBEAT_LEARNERS = 60;
const QUIZ_LEARNERS_PER_ROUND = 250;
const QUIZ_WORKERS = 6;

async function waitUntil(what: string, cond: () => boolean, ledger: Ledger, server: RunningServer, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (ledger.unexpected.length) throw new Error(`unexpected answers under load: ${ledger.unexpected.slice(0, 5).join(" | ")}\n${server.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function expectSound(database: string, ledger: Ledger) {
  const d = await openServerDatabase(database);
  try {
    const c = await checkAgainstLedger(d, ledger);
    expect(c.integrity).toBe("ok");
    expect(c.foreignKeyProblems).toBe(0);
    expect(c.violations).toEqual([]);
    expect(c.audit).toMatchObject({ ok: true });
    return c.counts;
  } finally {
    await d.close();
  }
}

/** Connections to the PostgreSQL database other than the one asking. */
async function otherConnections(database: string): Promise<number> {
  const d = await openServerDatabase(database);
  try {
    return (await d.get<{ n: number }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"))!.n;
  } finally {
    await d.close();
  }
}

const walBytes = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

describe.each(["sqlite", "postgres"] as const)("crash safety under write load (%s)", (engine) => {
  const PORT = PORTS[engine];
  let dir: string;
  let cluster: PgCluster | undefined;
  /** The SQLite file, or the PostgreSQL database's URL. */
  let database: string;
  let heartbeatLearners: Learner[];
  let quizLearners: Learner[];
  let server: RunningServer | undefined;

  beforeAll(async () => {
    expect(Number.isInteger(ROUNDS) && ROUNDS >= 1, "CRASH_ROUNDS must be a whole number ≥ 1").toBe(true);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-crash-"));
    if (engine === "postgres") {
      cluster = await startPgCluster();
      database = await cluster.createDatabase("crash");
    } else {
      database = path.join(dir, "crash.db");
    }
    const learners = await seedLearners(database, HEARTBEAT_LEARNERS + QUIZ_LEARNERS_PER_ROUND * ROUNDS + 1, SECRET, "learner");
    heartbeatLearners = learners.slice(0, HEARTBEAT_LEARNERS);
    quizLearners = learners.slice(HEARTBEAT_LEARNERS);
  });

  afterAll(async () => {
    if (server) await stopServer(server, "SIGKILL");
    await cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`loses no acknowledged write across ${ROUNDS} SIGKILLs mid-load, and restarts on the same database`, async () => {
    const ledger = newLedger();
    const bank = finalBankFile();
    const heartbeatLesson = lessons()[0]!.slug;
    const rounds: string[] = [];

    for (let round = 1; round <= ROUNDS; round++) {
      const started = performance.now();
      server = await startServer({ port: PORT, database, dir, secret: SECRET });
      const boot = performance.now() - started;
      await warmUp(server, heartbeatLearners[0]!.cookie);
      if (engine === "sqlite") {
        // The lock names this process (the previous one was killed and left a stale lock).
        expect(readServerLock(database)).toMatchObject({ pid: server.pid, alive: true });
      } else {
        // No lock (several servers may share a PostgreSQL database): the warmed-up server holds connections to it.
        expect(await otherConnections(database)).toBeGreaterThan(0);
      }

      const stop = new AbortController();
      const before = { beats: ledger.heartbeatsOk, submitted: ledger.submitted.size, lost: { ...ledger.lost } };
      const load = driveLoad({
        origin: server.origin,
        heartbeatLearners,
        heartbeatLesson,
        quizPool: quizLearners.splice(0, QUIZ_LEARNERS_PER_ROUND),
        quizWorkers: QUIZ_WORKERS,
        bank,
        ledger,
        stop: stop.signal,
      });
      // Kill at a random moment, once both kinds of writes are flowing.
      const killAfter = 1_000 + Math.random() * 2_500;
      const loadStart = Date.now();
      await waitUntil(
        "load",
        () => Date.now() - loadStart >= killAfter && ledger.heartbeatsOk - before.beats >= HEARTBEAT_LEARNERS && ledger.submitted.size - before.submitted >= 5,
        ledger,
        server,
      );
      stop.abort();
      server.child.kill("SIGKILL");
      expect((await server.exited).signal).toBe("SIGKILL");
      await load;
      const wal = engine === "sqlite" ? `WAL ${(walBytes(database) / 1024).toFixed(0)} KiB` : "PostgreSQL kept running";
      server = undefined;

      expect(ledger.unexpected).toEqual([]);
      const counts = await expectSound(database, ledger);
      const lost = ledger.lost.heartbeat + ledger.lost.start + ledger.lost.submit - (before.lost.heartbeat + before.lost.start + before.lost.submit);
      rounds.push(
        `round ${round}: boot ${(boot / 1000).toFixed(1)} s, killed after ${((Date.now() - loadStart) / 1000).toFixed(1)} s with ${lost} request(s) in flight, ` +
          `${wal}; acknowledged so far: ${ledger.heartbeatsOk} heartbeats, ${ledger.started.size} starts, ` +
          `${ledger.submitted.size} submissions; stored: ${counts.creditedHeartbeats} credited heartbeats, ${counts.attempts} attempts, ${counts.auditEvents} audit events`,
      );
    }

    // A last restart: the server comes up on the crashed database, takes writes, and stops cleanly.
    server = await startServer({ port: PORT, database, dir, secret: SECRET });
    const learner = quizLearners.pop()!;
    const post = (p: string, body: unknown) =>
      fetch(`${server!.origin}${p}`, { method: "POST", headers: { "content-type": "application/json", cookie: learner.cookie }, body: JSON.stringify(body) });
    const beat = await post("/api/heartbeat", { courseSlug: "lavoro-e-social-media", lessonSlug: heartbeatLesson });
    expect(beat.status).toBe(200);
    const start = await post("/api/quiz/attempts", { courseSlug: "lavoro-e-social-media", quizId: "final" });
    expect(start.status).toBe(201);
    const { attemptId, questions } = (await start.json()) as { attemptId: number; questions: ShownQuestion[] };
    const submit = await post(`/api/quiz/attempts/${attemptId}/submit`, { answers: answersFor(questions, bank) });
    expect(submit.status).toBe(200);
    ledger.started.set(attemptId, learner.userId);
    ledger.submitted.add(attemptId);
    const exit = await stopServer(server, "SIGTERM");
    server = undefined;
    expect(exit.code).toBe(143);
    if (engine === "sqlite") {
      // The graceful stop checkpointed the WAL into the main file and closed it.
      expect(walBytes(database)).toBe(0);
    } else {
      // The stopped server left no connection behind (its pool's sessions end with it; PostgreSQL sees it within moments).
      const deadline = Date.now() + 5_000;
      while ((await otherConnections(database)) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await otherConnections(database)).toBe(0);
    }
    await expectSound(database, ledger);
    console.log(`crash test on ${engine} (${ROUNDS} rounds):\n  ${rounds.join("\n  ")}`);
  }, ROUNDS * 90_000 + 90_000);
});
