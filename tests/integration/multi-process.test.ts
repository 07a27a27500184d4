import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { encode } from "next-auth/jwt";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAuthSession, endAuthSession } from "@/db/queries/auth";
import { addEnrolmentRule } from "@/db/queries/enrolment";
import { recordLessonCompleted, recordLessonOpened } from "@/db/queries/progress";
import { createUserIfMissing } from "@/db/queries/users";
import { LINK_REQUESTS_PER_IP_PER_HOUR } from "@/lib/account/request-link";
import { userFromCookies } from "@/lib/auth/session";
import { resetSessionMemo, sessionMemoStats } from "@/lib/auth/token";
import { verifyAuditChain } from "@/lib/audit/trail";
import { clearCatalogCache } from "@/lib/content/catalog";
import { resetEnvCache } from "@/lib/env";
import { VERDICT_LIFETIME_MS } from "@/lib/progress/complete-course";
import { recordLearnerHeartbeat, startLearnerClock } from "@/lib/progress/heartbeat";
import { readServerLock, removeServerLock, serverLockPath, writeServerLock } from "@/lib/runtime/server-lock";
import { createScimToken } from "@/lib/scim/token";
import { findQuiz, parseDrawn, questionsById, startAttempt } from "@/lib/attempts/lifecycle";
import type { AppProcessCommand } from "./support/app-process";
import { tempDb } from "./support/temp-db";

/**
 * Issue #24: several app processes on one database. Each "process" here is a real Node process
 * (tests/integration/support/app-process.ts) with its own connection and its own module state, or,
 * where a second connection suffices (session checks), a second connection beside this one.
 */
const ROOT = path.resolve("tests/fixtures/content");
const COURSE = "valid-course";
const TSX = path.resolve("node_modules/tsx/dist/cli.mjs");

type AppProcess = { send: (c: AppProcessCommand) => Promise<unknown>; stop: () => void };

/** Starts an app process on `file` and waits until it has opened the database. */
async function startAppProcess(file: string): Promise<AppProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [TSX, "--conditions=react-server", path.resolve("tests/integration/support/app-process.ts"), file], {
    env: { ...process.env, CONTENT_DIR: ROOT },
  });
  let stderr = "";
  child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
  const waiting: ((line: string) => void)[] = [];
  readline.createInterface({ input: child.stdout }).on("line", (line) => waiting.shift()?.(line));
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`app process exited (${code}): ${stderr}`)));
      waiting.push((line) => {
        const answer = JSON.parse(line) as { ok: boolean; value?: unknown; error?: string };
        if (answer.ok) resolve(answer.value);
        else reject(new Error(answer.error));
      });
    });
  await next();
  return {
    send: (c) => {
      const answer = next();
      child.stdin.write(JSON.stringify(c) + "\n");
      return answer;
    },
    stop: () => child.kill(),
  };
}

describe("two app processes on one SQLite file", () => {
  let t: ReturnType<typeof tempDb>;
  let a: AppProcess;
  let b: AppProcess;
  let anna: number;
  let companyId: number;

  beforeAll(async () => {
    t = tempDb();
    companyId = Number(t.sqlite.prepare("INSERT INTO companies (name) VALUES ('Azienda')").run().lastInsertRowid);
    await addEnrolmentRule(t, { companyId, courseSlug: COURSE, scope: "everyone", department: null, dueDate: null, createdBy: null });
    anna = (await createUserIfMissing(t, { email: "anna@example.com", firstName: "Anna", lastName: "Neri", passwordHash: null, roles: ["learner"], companyId })).user.id;
    [a, b] = await Promise.all([startAppProcess(t.file), startAppProcess(t.file)]);
  }, 60_000);
  afterAll(() => {
    a?.stop();
    b?.stop();
    void t.close();
  });

  it("credit a heartbeat interval once, whichever process receives it and however they race", async () => {
    const t0 = Date.parse("2026-05-04T08:00:00Z");
    await recordLessonOpened(t, { userId: anna, courseSlug: COURSE, lessonSlug: "first-steps", contentHash: "h" });
    await startLearnerClock(t, anna, t0);
    // Each of twenty intervals' heartbeat reaches both processes at once (a retried request, a
    // duplicated beacon, two tabs), their clocks a few milliseconds apart.
    const credited: number[] = [];
    for (let i = 1; i <= 20; i++) {
      const beat = (skewMs: number): AppProcessCommand => ({ op: "heartbeats", userId: anna, courseSlug: COURSE, lessonSlug: "first-steps", atMs: [t0 + i * 30_000 + skewMs] });
      const answers = (await Promise.all([a.send(beat(0)), b.send(beat(i % 2 ? 7 : -7))])) as number[][];
      credited.push(...answers.flat());
    }
    // A heartbeat a few ms early may take 29 s and the other the remaining 1 s: the interval is still credited once.
    expect(credited.reduce((sum, s) => sum + s, 0)).toBe(20 * 30);
    const row = t.sqlite.prepare("SELECT active_seconds AS s FROM lesson_progress WHERE user_id = ? AND lesson_slug = 'first-steps'").get(anna) as { s: number };
    expect(row.s).toBe(600);
    expect(t.sqlite.prepare("SELECT sum(credited_seconds) AS s FROM heartbeats WHERE user_id = ?").get(anna)).toEqual({ s: 600 });
  });

  it("hold the per-address link-request limit together, not once each", async () => {
    const command: AppProcessCommand = { op: "link-requests", ip: "198.51.100.7", email: "nobody@example.com", count: 15 };
    const outcomes = ((await Promise.all([a.send(command), b.send(command)])) as string[][]).flat();
    expect(outcomes.filter((o) => o !== "rate_limited")).toHaveLength(LINK_REQUESTS_PER_IP_PER_HOUR);
    expect(outcomes.filter((o) => o === "rate_limited")).toHaveLength(30 - LINK_REQUESTS_PER_IP_PER_HOUR);
    // Another address still has its whole allowance, on either process.
    expect(await b.send({ ...command, ip: "198.51.100.8", count: 1 })).toEqual(["unknown"]);
  });

  it("hold the SCIM wrong-token limit together: failures counted on one process throttle the other", async () => {
    const token = (await createScimToken(t, companyId, { userId: null, via: "command" }))!.token;
    const wrong: AppProcessCommand = { op: "scim", ip: "10.6.6.6", authorization: "Bearer wrong", count: 10 };
    expect(await a.send(wrong)).toEqual(Array(10).fill(401));
    expect(await b.send(wrong)).toEqual(Array(10).fill(401));
    expect(await a.send({ ...wrong, count: 1 })).toEqual([429]);
    expect(await b.send({ ...wrong, authorization: `Bearer ${token}`, count: 1 })).toEqual([429]);
    expect(await a.send({ ...wrong, ip: "10.7.7.7", authorization: `Bearer ${token}`, count: 1 })).toEqual([200]);
  });

  it("append to one audit chain in one order, however their appends interleave", async () => {
    const before = (t.sqlite.prepare("SELECT count(*) AS n FROM audit_events").get() as { n: number }).n;
    const [fromA, fromB] = (await Promise.all([a.send({ op: "audit", subject: "process:a", count: 200 }), b.send({ op: "audit", subject: "process:b", count: 200 })])) as number[][];
    expect(new Set([...fromA!, ...fromB!]).size).toBe(400);
    expect(await verifyAuditChain(t)).toEqual({ ok: true, count: before + 400 });
  });

  it("grade exactly one of two simultaneous submits of the same attempt", async () => {
    const saved = process.env.CONTENT_DIR;
    process.env.CONTENT_DIR = ROOT;
    resetEnvCache();
    clearCatalogCache();
    try {
      const carla = (await createUserIfMissing(t, { email: "carla@example.com", firstName: "Carla", lastName: "Riva", passwordHash: null, roles: ["learner"], companyId })).user.id;
      for (const lessonSlug of ["first-steps", "second-look"]) {
        await recordLessonOpened(t, { userId: carla, courseSlug: COURSE, lessonSlug, contentHash: "h" });
        await recordLessonCompleted(t, { userId: carla, courseSlug: COURSE, lessonSlug, contentHash: "h" });
      }
      const started = await startAttempt(t, { userId: carla, sessionId: null, courseSlug: COURSE, quizId: "final", contentRoot: ROOT });
      if (!started.ok) throw new Error(started.code);
      const byId = questionsById(findQuiz(COURSE, "final", ROOT)!.quiz);
      const answers = (right: boolean) =>
        Object.fromEntries(parseDrawn(started.attempt).map((q) => [q.questionId, byId.get(q.questionId)!.options.filter((o) => o.correct === right).map((o) => o.id).slice(0, 1)]));
      const submit = (right: boolean): AppProcessCommand => ({ op: "submit", userId: carla, attemptId: started.attempt.id, answers: answers(right), contentRoot: ROOT });
      const outcomes = await Promise.all([a.send(submit(true)), b.send(submit(false))]);
      expect(outcomes.sort()).toEqual(["already_submitted", "graded"]);
      expect(t.sqlite.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'attempt.submit' AND subject = ?").get(`attempt:${started.attempt.id}`)).toEqual({ n: 1 });
      expect((await verifyAuditChain(t)).ok).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.CONTENT_DIR;
      else process.env.CONTENT_DIR = saved;
      resetEnvCache();
      clearCatalogCache();
    }
  });

  describe("completion met on another process", () => {
    const saved = process.env.CONTENT_DIR;
    beforeEach(() => {
      process.env.CONTENT_DIR = ROOT;
      resetEnvCache();
      clearCatalogCache();
    });
    afterEach(() => {
      if (saved === undefined) delete process.env.CONTENT_DIR;
      else process.env.CONTENT_DIR = saved;
      resetEnvCache();
    });

    it("is written by this process's heartbeats within the memo's lifetime, though this process last saw the final test missing", async () => {
      const bruno = (await createUserIfMissing(t, { email: "bruno@example.com", firstName: "Bruno", lastName: "Galli", passwordHash: null, roles: ["learner"], companyId })).user.id;
      const t0 = Date.now() - 3_600_000;
      for (const lessonSlug of ["first-steps", "second-look"]) {
        await recordLessonOpened(t, { userId: bruno, courseSlug: COURSE, lessonSlug, contentHash: "h" });
        await recordLessonCompleted(t, { userId: bruno, courseSlug: COURSE, lessonSlug, contentHash: "h" });
      }
      // Here ("this process"): 600 s of attendance; every evaluation finds the final test missing, and attendance (630 s needed).
      await startLearnerClock(t, bruno, t0);
      const beat = async (s: number) => recordLearnerHeartbeat(t, { userId: bruno, sessionId: null, courseSlug: COURSE, lessonSlug: "first-steps", nowMs: t0 + s * 1000 });
      let s = 0;
      for (s = 30; s <= 600; s += 30) await beat(s);
      // The final test is passed on another process: attendance is all that is missing now.
      expect(await b.send({ op: "pass-final", userId: bruno, courseSlug: COURSE, contentRoot: ROOT })).toBe(true);
      const completion = () => t.sqlite.prepare("SELECT completed_at AS at FROM course_completions WHERE user_id = ?").get(bruno) as { at: number } | undefined;
      expect(completion()).toBeUndefined();
      // Every later heartbeat reaches this process only: the stale verdict must not outlive VERDICT_LIFETIME_MS.
      const deadline = 630 + VERDICT_LIFETIME_MS / 1000 + 30;
      while (!completion() && s <= deadline) {
        await beat(s);
        s += 30;
      }
      expect(completion()).toBeDefined();
      expect(completion()!.at).toBeLessThanOrEqual(Math.floor((t0 + deadline * 1000) / 1000));
    });
  });
});

describe("a session ended, deactivated or changed on another process", () => {
  const SECRET = "multi-process-test-secret-0123456789";
  const holder = globalThis as unknown as { __binomioDb?: unknown };
  const saved = process.env.AUTH_SECRET;
  let t: ReturnType<typeof tempDb>;
  let other: ReturnType<ReturnType<typeof tempDb>["reopen"]>;
  let userId: number;
  let cookie: string;

  beforeEach(async () => {
    process.env.AUTH_SECRET = SECRET;
    resetEnvCache();
    resetSessionMemo();
    t = tempDb();
    other = t.reopen();
    holder.__binomioDb = t;
    userId = (await createUserIfMissing(t, { email: "carla@example.com", firstName: "Carla", lastName: "Rossi", passwordHash: null, roles: ["learner"] })).user.id;
    await createAuthSession(t, { id: "s1", userId, ip: "127.0.0.1", userAgent: null });
    cookie = await encode({ token: { uid: userId, sid: "s1", exp: Math.floor(Date.now() / 1000) + 3600 }, secret: SECRET, salt: "authjs.session-token" });
  });
  afterEach(() => {
    delete holder.__binomioDb;
    if (saved === undefined) delete process.env.AUTH_SECRET;
    else process.env.AUTH_SECRET = saved;
    resetEnvCache();
    resetSessionMemo();
    void t.close();
  });

  const request = async () => userFromCookies((n) => (n === "authjs.session-token" ? { value: cookie } : undefined));

  it("is refused by this process on the very next request, though its token is in this process's memo", async () => {
    expect((await request())?.id).toBe(userId);
    expect(sessionMemoStats().entries).toBe(1);
    await endAuthSession(other, "s1", "sign-out");
    expect(await request()).toBeNull();
  });

  it("a deactivation there refuses the session here", async () => {
    expect((await request())?.id).toBe(userId);
    other.sqlite.prepare("UPDATE users SET active = 0 WHERE id = ?").run(userId);
    expect(await request()).toBeNull();
  });

  it("a role changed there is the role here on the next request", async () => {
    expect((await request())?.roles).toEqual(["learner"]);
    other.sqlite.prepare("UPDATE user_roles SET role = 'trainer' WHERE user_id = ?").run(userId);
    expect((await request())?.roles).toEqual(["trainer"]);
  });
});

describe("the server lock with two servers on one database", () => {
  let dir: string;
  const sleepers: ChildProcessWithoutNullStreams[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-lock-"));
  });
  afterEach(() => {
    for (const s of sleepers.splice(0)) s.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  /** A live process to stand for a server (the lock only needs its pid). */
  const liveProcess = () => {
    const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"]);
    sleepers.push(child);
    return child.pid!;
  };

  it("keeps naming a live server until the last one stops, whichever stops first", () => {
    const db = path.join(dir, "binomio.db");
    const [first, second] = [liveProcess(), liveProcess()];
    writeServerLock(db, first);
    writeServerLock(db, second);
    expect(readServerLock(db)).toMatchObject({ pid: second, alive: true });
    removeServerLock(db, second);
    expect(readServerLock(db)).toMatchObject({ pid: first, alive: true });
    writeServerLock(db, second);
    removeServerLock(db, first);
    expect(readServerLock(db)).toMatchObject({ pid: second, alive: true });
    removeServerLock(db, second);
    expect(fs.existsSync(serverLockPath(db))).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("does not hand the lock to a server that was killed without removing its own", () => {
    const db = path.join(dir, "binomio.db");
    const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    const live = liveProcess();
    writeServerLock(db, Number(dead.stdout.trim()));
    writeServerLock(db, live);
    removeServerLock(db, live);
    expect(readServerLock(db)).toBeNull();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
