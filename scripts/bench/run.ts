/**
 * `npm run bench` — the performance benchmark (README "Performance").
 *
 *   npm run bench                      10,000 learners, 20 s per load run (about 6 minutes)
 *   npm run bench -- --quick           600 learners, 3 s per run, under a minute (when built)
 *   npm run bench -- --learners N --duration S --connections C
 *   npm run bench -- --cpu-prof        also write a V8 CPU profile of the server (bench/profiles/)
 *   npm run bench -- --no-build        use the existing build of the real content even if sources changed
 *   npm run bench -- --wait-quiet S    before each load run, wait up to S s for other processes to leave the CPUs
 *   npm run bench -- --server-node-options "--max-old-space-size=128"   experiment with the server's Node flags
 *   npm run bench -- --only lesson,heartbeat   a subset of the runs (for profiling one path; ratios need static and noop)
 *   npm run bench -- --postgres        the paths on both engines side by side (engines.ts): SQLite, PostgreSQL,
 *                                      and two app processes on PostgreSQL behind a round-robin proxy; --runs R
 *   npm run bench -- --mix             the training day instead (mix/run-mix.ts): learners active at once under load;
 *                                      --learners N, --runs R, --settle S, --window S, --bound MS, --sockets N, --max-steps N;
 *                                      each run first loads the static file as the path runs do (--duration, --connections)
 *
 * 1. generates a realistic dataset into a fresh SQLite file in a temp dir (scripts/bench/dataset.ts);
 * 2. builds if needed (the real content, never CONTENT_DIR) and starts the server (scripts/serve.mjs) on 127.0.0.1
 *    with BINOMIO_BENCH=1 (which enables /api/bench/noop), recording the cold start;
 * 3. load runs with autocannon (32 connections): static file, no-op authenticated route, a
 *    lesson page, the course page, heartbeats from every learner, final-test submissions;
 * 4. timed tasks: register CSV/XLSX and access log over HTTP vs the sqlite3 CLI, 1,000
 *    certificates + ZIP, content:check, the server's peak RSS, no MDX compiled under load;
 * 5. writes bench/results.json (bench/results-quick.json with --quick) and prints the targets.
 * The server is always stopped, whatever happens; every run and request is time-bounded.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareAttempts } from "./attempts";
import { heartbeatSpec, pickLessonLearner, submitSpec } from "./specs";
import { mintCookie, mintCookies } from "./cookies";
import { generateDataset, openBenchDatabase, type Dataset } from "./dataset";
import { measure, type LoadFigures } from "./load";
import { evaluateTargets, table, type TargetRow } from "./report";
import { freePort, startServer, type BenchServer } from "./server";
import { loadServer, loadStaticFile, STATIC_FILE, type ServerLoadFigures, type StaticLoad } from "./server-load";
import { summariseProfile } from "./profile-summary";
import { fetchGet } from "./reused-fetch";
import { aggregateRuns } from "./aggregate";
import { median } from "./stats";
import { gitState, log, prepareBuild, stopOnSignal, waitQuiet } from "./common";
import { mixDefaults, runMix, type MixOptions } from "./mix/run-mix";
import { runEngines } from "./engines";
import {
  captureStatement,
  certificatesInProcess,
  contentCheck,
  download,
  ensureSqliteCli,
  optionalImport,
  round,
  sqliteDump,
  zipEntries,
  type CertificatesResult,
  type Statement,
} from "./tasks";

const ROOT = process.cwd();
const LOAD_RUNS = ["static", "noop", "floor", "lesson", "gzip", "course", "heartbeat", "submit", "overflow", "tasks"] as const;
type RunName = (typeof LOAD_RUNS)[number];

type Options = {
  quick: boolean;
  learners: number;
  duration: number;
  warmup: number;
  connections: number;
  cpuProf: boolean;
  keep: boolean;
  noBuild: boolean;
  waitQuiet: number;
  serverNodeOptions?: string;
  only: Set<RunName>;
  port?: number;
  /** Independent runs (fresh copy of the dataset, fresh server): every figure is their median. */
  runs: number;
  mix: MixOptions | null;
  postgres: boolean;
};

function parseArgs(argv: string[]): Options {
  const quick = argv.includes("--quick");
  const value = (flag: string, dashes = false) => {
    const i = argv.indexOf(flag);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || (!dashes && v.startsWith("--"))) throw new Error(`${flag} needs a value`);
    return v;
  };
  const int = (flag: string, fallback: number, min: number, max: number) => {
    const v = value(flag);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} must be an integer between ${min} and ${max}`);
    return n;
  };
  const known = new Set([
    "--quick", "--learners", "--duration", "--connections", "--cpu-prof", "--keep", "--no-build", "--only", "--port", "--wait-quiet", "--server-node-options",
    "--mix", "--postgres", "--runs", "--settle", "--window", "--bound", "--sockets", "--max-steps",
  ]);
  const nodeOptionsAt = argv.indexOf("--server-node-options");
  argv.forEach((a, i) => {
    if (a.startsWith("--") && !known.has(a) && !(nodeOptionsAt >= 0 && i === nodeOptionsAt + 1)) throw new Error(`unknown option ${a}`);
  });
  const onlyArg = value("--only");
  const only = new Set<RunName>(onlyArg ? (onlyArg.split(",") as RunName[]) : LOAD_RUNS);
  for (const o of only) if (!LOAD_RUNS.includes(o)) throw new Error(`--only: unknown run "${o}" (one of ${LOAD_RUNS.join(", ")})`);
  if (quick) only.delete("overflow");
  const paths = {
    duration: int("--duration", quick ? 3 : 20, 1, 600),
    warmup: quick ? 1 : 3,
    connections: int("--connections", 32, 1, 1024),
    waitQuiet: int("--wait-quiet", 0, 0, 3600),
  };
  const m = mixDefaults(quick);
  const mix: MixOptions | null = argv.includes("--mix")
    ? {
        ...m,
        learners: int("--learners", m.learners, 20, 200_000),
        runs: int("--runs", m.runs, 1, 9),
        settleSeconds: int("--settle", m.settleSeconds, 0, 600),
        windowSeconds: int("--window", m.windowSeconds, 1, 600),
        boundMs: int("--bound", m.boundMs, 1, 60_000),
        sockets: int("--sockets", m.sockets, 1, 4096),
        maxSteps: value("--max-steps") ? int("--max-steps", 1, 1, 100) : m.maxSteps,
        noBuild: argv.includes("--no-build"),
        keep: argv.includes("--keep"),
        cpuProf: argv.includes("--cpu-prof"),
        port: value("--port") ? int("--port", 3457, 1024, 65535) : undefined,
        serverNodeOptions: value("--server-node-options", true),
        staticLoad: staticLoadOf(paths),
      }
    : null;
  return {
    runs: int("--runs", quick ? 1 : 3, 1, 9),
    mix,
    postgres: argv.includes("--postgres"),
    quick,
    learners: int("--learners", quick ? 600 : 10_000, 20, 200_000),
    ...paths,
    cpuProf: argv.includes("--cpu-prof"),
    keep: argv.includes("--keep"),
    noBuild: argv.includes("--no-build"),
    serverNodeOptions: value("--server-node-options", true),
    only,
    port: value("--port") ? int("--port", 3457, 1024, 65535) : undefined,
  };
}

const ratio = (a: number, b: number | undefined) => (b ? round(a / b, 3) : null);
/** The same ratio from the server's CPU per request (base cost / this cost): robust to other load on the machine. */
const cpuRatio = (run: { serverCpuMsPerRequest: number }, base: { serverCpuMsPerRequest: number } | undefined) =>
  base && run.serverCpuMsPerRequest > 0 ? round(base.serverCpuMsPerRequest / run.serverCpuMsPerRequest, 3) : null;
/** The static file's load, the same in both benchmarks: the path runs' connections, duration and warm-up. */
const staticLoadOf = (o: Pick<Options, "connections" | "duration" | "warmup" | "waitQuiet">): StaticLoad => ({ connections: o.connections, seconds: o.duration, warmupSeconds: o.warmup, waitQuietSeconds: o.waitQuiet });

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.mix) return runMix(opts.mix);
  if (opts.postgres) return runEngines(opts);
  const wallStart = performance.now();
  // The real content: a CONTENT_DIR from the caller's shell would build and serve something else.
  delete process.env.CONTENT_DIR;
  const loadBefore = os.loadavg();
  log(`${opts.quick ? "quick" : "full"} run: ${opts.learners} learners, ${opts.duration} s per load run, ${opts.connections} connections`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-bench-"));
  const pristine = path.join(tmp, "pristine.db");
  const authSecret = crypto.randomBytes(32).toString("base64url");
  let server: BenchServer | null = null;
  /** Stops the server and removes the temp dir; used on every way out (end, error, signal, watchdog). */
  const cleanUp = async () => {
    if (server) await server.stop();
    server = null;
    if (!opts.keep) fs.rmSync(tmp, { recursive: true, force: true });
  };
  stopOnSignal(cleanUp);

  try {
    // 1. Dataset.
    log("generating the dataset…");
    const data = await generateDataset(pristine, { learners: opts.learners, extraSessions: opts.only.has("overflow") ? Math.ceil(opts.learners * 0.2) : 0 });
    const dbMB = round(fs.statSync(pristine).size / 1048576, 1);
    log(`dataset: ${data.learners.length} learners, ${Object.entries(data.rows).map(([k, v]) => `${k} ${v}`).join(", ")}; ${dbMB} MB in ${data.seconds.toFixed(1)} s`);

    // 2. Build (real content).
    const { built, buildSeconds } = prepareBuild(opts.noBuild);
    // Bounded: whatever hangs, the server is stopped and the bench ends.
    const budgetMs = (opts.quick ? 5 : 30) * 60_000 * opts.runs + opts.waitQuiet * 1000 * (LOAD_RUNS.length + 1) * opts.runs;
    const watchdog = setTimeout(() => {
      console.error(`bench: over its ${Math.round(budgetMs / 60_000)}-minute budget, stopping`);
      void cleanUp().finally(() => process.exit(124));
    }, budgetMs);
    watchdog.unref();

    const port = opts.port ?? (await freePort());
    const origin = `http://127.0.0.1:${port}`;
    process.env.AUTH_URL = origin; // certificates print verify URLs from it

    // Cookies: every learner's open session, the admin's, the extra devices.
    const mintStart = performance.now();
    const learnerCookies = await mintCookies(
      authSecret,
      data.learners.map((l) => ({ userId: l.id, email: l.email, name: `${l.firstName} ${l.lastName}`, sessionId: l.sessionId })),
    );
    const cookieOf = new Map(data.learners.map((l, i) => [l.id, learnerCookies[i]!]));
    const adminCookie = await mintCookie(authSecret, { userId: data.admin.id, email: data.admin.email, name: "Alessandra Conti", sessionId: data.admin.sessionId });
    const extraCookies = await mintCookies(
      authSecret,
      data.extraSessions.map((s) => ({ userId: s.userId, email: s.email, name: s.email, sessionId: s.sessionId })),
    );
    log(`${learnerCookies.length + extraCookies.length + 1} session cookies minted in ${((performance.now() - mintStart) / 1000).toFixed(1)} s`);

    const sqliteCli = opts.only.has("tasks") ? ensureSqliteCli() : false;

    /** One run: a fresh copy of the dataset, a fresh server, every load run and task. */
    const oneRun = async (run: number, dbPath: string) => {
      // 3. Server.
      const profileDir = opts.cpuProf ? path.join(ROOT, "bench", "profiles", new Date().toISOString().replace(/[:.]/g, "-")) : undefined;
      if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
      server = await startServer({ port, databasePath: dbPath, authSecret, cpuProfileDir: profileDir, nodeOptions: opts.serverNodeOptions });
      log(`server pid ${server.pid} on ${origin}: first 200 from /api/health after ${server.coldStartMs.toFixed(0)} ms`);

      const course = data.courseSlug;
      const learner = pickLessonLearner(data);
      const lessonPath = `/courses/${course}/${learner.currentLesson}`;
      const cookie = cookieOf.get(learner.id)!;
      const json = { "content-type": "application/json" };

      // Preflight: each endpoint answers as expected before it is loaded.
      const pre = async (url: string, init: RequestInit, expect: number) => {
        const res = await fetch(origin + url, { ...init, redirect: "manual", signal: AbortSignal.timeout(30_000) });
        const body = await res.text();
        if (res.status !== expect) throw new Error(`preflight ${init.method ?? "GET"} ${url}: expected ${expect}, got ${res.status} ${res.headers.get("location") ?? ""} ${body.slice(0, 300)}`);
        return res;
      };
      await pre(STATIC_FILE, {}, 200);
      await pre("/api/bench/noop", {}, 401);
      await pre("/api/bench/noop", { headers: { cookie } }, 200);
      const lessonRes = await pre(lessonPath, { headers: { cookie } }, 200);
      // The route handler (lib/lessons) answers from memory once it has fetched the page; an ETag marks its answers.
      const lessonCache = lessonRes.headers.get("etag") ? "route handler, prerendered HTML from memory" : (lessonRes.headers.get("x-nextjs-cache") ?? null);
      await pre(`/courses/${course}`, { headers: { cookie } }, 200);
      const statsBefore = await serverStats(origin, cookie);

      const results: Record<string, unknown> = {};
      /** Where the CPU profile's summary starts: the first measured run (start-up and its warm-up left out). */
      let profileFrom: number | undefined;
      /** `warmup`: seconds, or a number of requests (`{ amount }`) when every one must pass once. */
      const load = async (name: string, spec: Parameters<typeof measure>[0], warmup: number | { amount: number } = opts.warmup) =>
        runFigures(await loadServer(server!, name, spec, { warmup, waitQuietSeconds: opts.waitQuiet }));
      /** What a run's figures keep: the wait and the profile offset only when asked for. */
      const runFigures = ({ offsetMs, waitedForQuietSeconds, ...f }: ServerLoadFigures) => {
        profileFrom ??= offsetMs;
        return {
          ...f,
          ...(opts.waitQuiet ? { waitedForQuietSeconds } : {}),
          // Where this run starts in the server's CPU profile (profile-summary.ts takes it as skip-ms).
          ...(opts.cpuProf ? { profileOffsetMs: offsetMs } : {}),
        };
      };
      const base = { connections: opts.connections, duration: opts.duration };

      // 4. Load runs.
      const staticRun = opts.only.has("static") ? runFigures(await loadStaticFile(server!, origin, staticLoadOf(opts))) : undefined;
      const noop = opts.only.has("noop") ? await load("noop", { ...base, url: `${origin}/api/bench/noop`, headers: { cookie } }) : undefined;
      if (staticRun) results.static = staticRun;
      if (noop) results.noop = { ...noop, ratioToStatic: ratio(noop.rps, staticRun?.rps), cpuRatioToStatic: cpuRatio(noop, staticRun) };
      if (opts.only.has("floor")) {
        // Next's own floor for any route handler: /api/health runs no session check, one `SELECT 1`.
        const floor = await load("floor", { ...base, url: `${origin}/api/health` });
        results.routeHandlerFloor = {
          ...floor,
          path: "/api/health",
          ratioToStatic: ratio(floor.rps, staticRun?.rps),
          cpuRatioToStatic: cpuRatio(floor, staticRun),
          note: "a route handler without a session check: what Next itself costs per answer; no authenticated answer can be cheaper",
        };
      }

      if (opts.only.has("lesson")) {
        const lesson = await load("lesson", { ...base, url: origin + lessonPath, headers: { cookie } });
        results.lesson = {
          ...lesson,
          path: lessonPath,
          learner: { id: learner.id, completedLessons: learner.completedLessons },
          servedFrom: lessonCache,
          ratioToStatic: ratio(lesson.rps, staticRun?.rps),
          ratioToAuthFloor: ratio(lesson.rps, noop?.rps),
          cpuRatioToStatic: cpuRatio(lesson, staticRun),
          cpuRatioToAuthFloor: cpuRatio(lesson, noop),
        };
      }
      if (opts.only.has("gzip")) {
        // What a browser asks for: Next then compresses the ~75 KB prerendered page on every request.
        const gz = await load("gzip", { ...base, url: origin + lessonPath, headers: { cookie, "accept-encoding": "gzip, deflate, br" } });
        results.lessonGzip = { ...gz, ratioToStatic: ratio(gz.rps, staticRun?.rps), ratioToAuthFloor: ratio(gz.rps, noop?.rps), cpuRatioToStatic: cpuRatio(gz, staticRun), note: "the lesson page with a browser's Accept-Encoding (informational, no target)" };
      }
      if (opts.only.has("course")) {
        const coursePage = await load("course", { ...base, url: `${origin}/courses/${course}`, headers: { cookie } });
        results.course = {
          ...coursePage,
          ratioToStatic: ratio(coursePage.rps, staticRun?.rps),
          ratioToAuthFloor: ratio(coursePage.rps, noop?.rps),
          cpuRatioToStatic: cpuRatio(coursePage, staticRun),
        };
      }

      const beatBodies = data.learners.map((l) => JSON.stringify({ courseSlug: course, lessonSlug: l.currentLesson }));
      if (opts.only.has("heartbeat")) {
        await pre("/api/heartbeat", { method: "POST", headers: { ...json, cookie }, body: JSON.stringify({ courseSlug: course, lessonSlug: learner.currentLesson }) }, 200);
        // Warm-up: two beats from every learner, so the run measures the steady state (each learner's
        // first credited beat after a restart also evaluates the completion rule once).
        const beat = await load("heartbeat", heartbeatSpec(origin, data, cookieOf, base), { amount: 2 * data.learners.length });
        results.heartbeat = {
          ...beat,
          distinctLearners: data.learners.length,
          requestsPerLearner: round(beat.requests / data.learners.length, 2),
          ratioToStatic: ratio(beat.rps, staticRun?.rps),
          ratioToAuthFloor: ratio(beat.rps, noop?.rps),
          cpuRatioToStatic: cpuRatio(beat, staticRun),
          capacityLearners: Math.floor(beat.rps * 30),
        };
      }

      if (opts.only.has("submit")) {
        // Started just before the run (a final test has a time limit), by the app's startAttempt.
        const attemptsDb = openBenchDatabase(dbPath);
        const attempts = await prepareAttempts(attemptsDb, data).finally(() => attemptsDb.sqlite.close());
        log(`submit run: ${attempts.items.length} final-test attempts started with startAttempt in ${attempts.seconds.toFixed(1)} s`);
        // Warm-up on a few attempts of their own (each attempt can be submitted once).
        const warmCount = Math.max(opts.connections, Math.min(128, Math.floor(attempts.items.length / 10)));
        const warm = attempts.items.length > 2 * warmCount ? attempts.items.slice(0, warmCount) : [];
        const measured = attempts.items.slice(warm.length);
        const spec = (items: typeof measured) => submitSpec(origin, items, cookieOf, opts.connections);
        if (!measured.length) throw new Error("no learner may start a final-test attempt: use more --learners");
        // The same bodies posted to the no-op route first: what an authenticated POST costs before any grading.
        const postFloor = await load("postFloor", { ...base, url: `${origin}/api/bench/noop`, method: "POST", headers: { ...json, cookie: cookieOf.get(measured[0]!.userId)! }, body: measured[0]!.body });
        results.postFloor = { ...postFloor, path: "POST /api/bench/noop", ratioToStatic: ratio(postFloor.rps, staticRun?.rps), note: "session check + the submit's JSON body read and parsed, then {ok:true}: no authenticated write can be cheaper" };
        server.phase("submit");
        if (warm.length) await measure(spec(warm), 0);
        const groupsBefore = (await serverStats(origin, cookie))?.groupCommit;
        const submit = await load("submit", spec(measured), 0);
        const groupsAfter = (await serverStats(origin, cookie))?.groupCommit;
        // Submissions arriving in the same event-loop turn share one transaction (db/group-commit.ts).
        const meanGroupSize = groupsBefore && groupsAfter ? round((groupsAfter.calls - groupsBefore.calls) / Math.max(1, groupsAfter.groups - groupsBefore.groups), 2) : null;
        log(`submit: ${meanGroupSize ?? "?"} submissions per transaction on average`);
        const db = openBenchDatabase(dbPath);
        const completions = (db.sqlite.prepare("SELECT count(*) AS n FROM course_completions").get() as { n: number }).n;
        db.sqlite.close();
        results.submit = { ...submit, meanGroupSize, attempts: measured.length, warmupAttempts: warm.length, completionsAfter: completions, note: "each request submits a different attempt (all correct: the learner passes and completes the course in the same transaction)" };
        // The review of each submitted attempt, as a learner (or a script) reads it after submitting: reported, no target.
        let nextReview = 0;
        const review = await load("review", {
          ...base,
          url: `${origin}/api/quiz/attempts/${measured[0]!.attemptId}/review`,
          setup: () => {
            const a = measured[nextReview++ % measured.length]!;
            return { path: `/api/quiz/attempts/${a.attemptId}/review`, headers: { cookie: cookieOf.get(a.userId)! } };
          },
        });
        results.review = { ...review, ratioToStatic: ratio(review.rps, staticRun?.rps), note: "GET /api/quiz/attempts/<id>/review of the submitted attempts (~23 KB each): what the submit no longer carries" };
      }

      if (opts.only.has("overflow") && data.extraSessions.length) {
        // Every learner plus a second device for some: more distinct sessions than the token memo holds.
        const pool = [
          ...data.learners.map((l, i) => ({ cookie: learnerCookies[i]!, body: beatBodies[i]! })),
          ...data.extraSessions.map((s, i) => ({ cookie: extraCookies[i]!, body: JSON.stringify({ courseSlug: course, lessonSlug: s.lessonSlug }) })),
        ];
        let next = 0;
        const over = await load(
          "overflow",
          {
            ...base,
            url: `${origin}/api/heartbeat`,
            method: "POST",
            headers: json,
            setup: () => {
              const p = pool[next++ % pool.length]!;
              return { headers: { cookie: p.cookie }, body: p.body };
            },
          },
          { amount: pool.length },
        );
        results.heartbeatManySessions = { ...over, distinctSessions: pool.length, ratioToStatic: ratio(over.rps, staticRun?.rps), cpuRatioToStatic: cpuRatio(over, staticRun), note: "heartbeats rotating over more open sessions than the learners of the dataset (token memo: 40,000 entries)" };
      }

      // Any authenticated write through Next costs at least the POST floor: the heartbeat against it, in the same run.
      const hb = results.heartbeat as { rps: number; serverCpuMsPerRequest: number } | undefined;
      const pf = results.postFloor as { rps: number; serverCpuMsPerRequest: number } | undefined;
      if (hb) Object.assign(hb, { ratioToPostFloor: pf ? ratio(hb.rps, pf.rps) : null, cpuRatioToPostFloor: cpuRatio(hb, pf) });

      server.phase("after-load");
      const statsAfter = await serverStats(origin, cookie);
      const esbuild = server.esbuildSeen();
      results.compile = {
        routeHandlerStatsBefore: statsBefore?.compile ?? null,
        routeHandlerStatsAfter: statsAfter?.compile ?? null,
        esbuildProcessesSeen: esbuild.size,
        lessonServedFrom: lessonCache,
        prerenderedPagesReadBefore: statsBefore?.prerenderedReads ?? null,
        prerenderedPagesReadAfter: statsAfter?.prerenderedReads ?? null,
        // Lessons, course pages and heartbeats answered by the front door's direct routes (lib/runtime/direct-routes.ts).
        directRoutesServed: (statsAfter?.directRoutesServed ?? 0) - (statsBefore?.directRoutesServed ?? 0),
        noneCompiled: esbuild.size === 0 && (statsAfter?.compile.compiles ?? 0) === (statsBefore?.compile.compiles ?? 0),
        note: "compileStats() counts in the route-handler bundle; the page bundle has its own module instance, so the esbuild process watch (compiling starts an esbuild service under the server) is the check that covers both",
      };

      // 5. Timed tasks.
      if (opts.only.has("tasks")) {
        await waitQuiet([server.pid, "self"], opts.waitQuiet);
        server.phase("participants");
        results.adminParticipants = await participantsPage(origin, course, adminCookie, data.learners.length, opts.quick ? 3 : 7);
        Object.assign(results, await timedTasks({ server, origin, data, dbPath, adminCookie, sqliteCli, quick: opts.quick, tmp }));
      }

      const memory = server.memory();
      const finalStats = await serverStats(origin, cookie);
      results.server = {
        coldStartMs: round(server.coldStartMs, 0),
        rssMB: memory.peakMB,
        rssHwmMB: memory.hwmMB,
        rssTreePeakMB: memory.treePeakMB,
        rssByPhaseMB: memory.byPhase,
        rssSamples: memory.samples,
        /** process.memoryUsage() of the server after the load runs and at the end (MB). */
        memoryUsageStartMB: statsBefore?.memory ?? null,
        memoryUsageAfterLoadMB: statsAfter?.memory ?? null,
        memoryUsageEndMB: finalStats?.memory ?? null,
        built,
        buildSeconds,
      };
      await server.stop();
      server = null;

      let profile: unknown;
      if (profileDir) {
        const file = fs.readdirSync(profileDir).find((f) => f.endsWith(".cpuprofile"));
        if (file) {
          const from = profileFrom ?? 0;
          const summary = summariseProfile(path.join(profileDir, file), 25, from);
          profile = { file: path.relative(ROOT, path.join(profileDir, file)), summaryFromMs: Math.round(from), ...summary };
          log(`CPU profile: ${path.relative(ROOT, path.join(profileDir, file))} (summary from ${Math.round(from)} ms on: the first measured run onwards)`);
          for (const l of summary.packages.slice(0, 12)) console.log(`  ${l.percent.toFixed(1).padStart(5)} %  ${l.name}`);
        }
      }
      return { results, memory, profile };
    };

    const perRun: Awaited<ReturnType<typeof oneRun>>[] = [];
    for (let run = 1; run <= opts.runs; run++) {
      const dbPath = path.join(tmp, `run-${run}.db`);
      fs.copyFileSync(pristine, dbPath);
      if (opts.runs > 1) log(`run ${run} of ${opts.runs}`);
      perRun.push(await oneRun(run, dbPath));
      if (!opts.keep) fs.rmSync(dbPath, { force: true });
    }
    const results = aggregateRuns(perRun.map((p) => p.results)) as Record<string, unknown>;
    // The submit target holds in each run, not only in the median.
    const submitRuns = perRun.map((p) => (p.results.submit as { rps?: number } | undefined)?.rps ?? null);
    if (results.submit) Object.assign(results.submit as object, { rpsRuns: submitRuns });
    const memory = { peakMB: Math.max(...perRun.map((p) => p.memory.peakMB)) };
    const profile = perRun.find((p) => p.profile)?.profile;

    // 6. Results.
    const r = results as Record<string, Record<string, number> | undefined>;
    const registerRatio = (results.register as { ratioToSqlite?: number | null } | undefined)?.ratioToSqlite ?? null;
    const certs = results.certificates as CertificatesResult | undefined;
    /** Errors and non-2xx answers of a load run, in all runs together. */
    const failures = (key: string) =>
      perRun.reduce((n, p) => {
        const f = p.results[key] as { errors?: number; non2xx?: number } | undefined;
        return n + (f?.errors ?? 0) + (f?.non2xx ?? 0);
      }, 0);
    const targets = evaluateTargets({
      lesson: r.lesson ? { ratioToStatic: r.lesson.ratioToStatic!, ratioToAuthFloor: r.lesson.ratioToAuthFloor!, p99: r.lesson.p99! } : undefined,
      course: r.course ? { ratioToAuthFloor: r.course.ratioToAuthFloor ?? null } : undefined,
      heartbeat: r.heartbeat ? { ratioToStatic: r.heartbeat.ratioToStatic!, ratioToPostFloor: r.heartbeat.ratioToPostFloor ?? null, failures: failures("heartbeat") } : undefined,
      submit: r.submit ? { rps: Math.min(...submitRuns.filter((x): x is number => x !== null)), failures: failures("submit") } : undefined,
      participants: participantsFigure(results.adminParticipants, data.learners.length),
      registerRatio,
      certificatesSeconds1000: certs && certs.available ? certs.seconds1000 : null,
      rssMB: memory.peakMB,
    });
    const output = {
      schema: 2,
      runs: opts.runs,
      git: gitState(),
      date: new Date().toISOString(),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      memoryMB: Math.round(os.totalmem() / 1048576),
      loadavgBefore: loadBefore.map((x) => round(x, 2)),
      scale: {
        mode: opts.quick ? "quick" : "full",
        learners: data.learners.length,
        durationSeconds: opts.duration,
        warmupSeconds: opts.warmup,
        connections: opts.connections,
        client: "autocannon (same machine, loopback)",
        ...(opts.serverNodeOptions ? { serverNodeOptions: opts.serverNodeOptions } : {}),
      },
      dataset: {
        seconds: round(data.seconds, 1),
        databaseMB: dbMB,
        rows: data.rows,
        cohorts: countBy(data.learners, (l) => l.cohort),
        notes: [
          "bulk rows written in one transaction with prepared statements, same schema as the app",
          "no audit events for the bulk rows (the app appends them one by one); the access log's 'lessons opened' column is empty for them",
          "heartbeat detail: one row per credited 30 s beat, inside the learner's sign-in sessions",
        ],
      },
      ...results,
      ...(profile ? { profile } : {}),
      targets: Object.fromEntries(targets.map((t) => [t.id, { goal: t.goal, measured: t.measured, status: t.status }])),
      benchSeconds: round((performance.now() - wallStart) / 1000, 1),
    };
    const outFile = path.join(ROOT, "bench", opts.quick ? "results-quick.json" : "results.json");
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    // The training day (`--mix`) is measured by its own command: keep its figures.
    const previous = fs.existsSync(outFile) ? (JSON.parse(fs.readFileSync(outFile, "utf8")) as { mix?: unknown }) : {};
    fs.writeFileSync(outFile, JSON.stringify({ ...output, ...(previous.mix ? { mix: previous.mix } : {}) }, null, 2) + "\n");

    printSummary(results, targets);
    log(`wrote ${path.relative(ROOT, outFile)} (${output.benchSeconds} s in all)`);
    return 0;
  } catch (e) {
    const running = server as BenchServer | null;
    if (running) console.error(`the server's last output:\n${running.logTail()}`);
    throw e;
  } finally {
    await cleanUp();
    if (opts.keep) log(`kept ${tmp}`);
  }
}

function participantsFigure(p: unknown, learners: number): { ms: number; learners: number } | null {
  const ms = p && typeof p === "object" ? Object.entries(p).find(([k]) => /^ms\d/.test(k) && !/M(in|ax)$/.test(k))?.[1] : undefined;
  return typeof ms === "number" ? { ms, learners } : null;
}

/**
 * The admin's participants page (the register's first page of 50, sorted by name) on an idle
 * server: its time to the last byte, the median of `times` requests after one unmeasured.
 * Named after the dataset's size (`ms10k` for 10,000 learners).
 */
async function participantsPage(origin: string, course: string, adminCookie: string, learners: number, times: number) {
  const url = `${origin}/admin/reports/participants?course=${course}`;
  const ms: number[] = [];
  for (let i = 0; i <= times; i++) {
    const r = await download(url, adminCookie);
    if (r.status !== 200) throw new Error(`GET /admin/reports/participants: ${r.status}`);
    if (i > 0) ms.push(r.seconds * 1000);
  }
  const key = learners % 1000 === 0 ? `ms${learners / 1000}k` : `ms${learners}`;
  log(`participants page (${learners} learners): ${ms.map((x) => x.toFixed(0)).join(", ")} ms`);
  return { [key]: round(median(ms), 1), learners, path: "/admin/reports/participants?course=<course>", requests: times };
}

function countBy<T>(xs: readonly T[], key: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}


type ServerStats = {
  compile: { compiles: number; memoryHits: number; diskHits: number };
  prerenderedReads: number | null;
  directRoutesServed: number | null;
  groupCommit: { groups: number; calls: number } | null;
  memory: Record<string, number>;
};

async function serverStats(origin: string, cookie: string): Promise<ServerStats | null> {
  // Asked after long idle phases (content:check): fetchGet retries a pooled connection the server closed.
  const res = await fetchGet(`${origin}/api/bench/noop?stats=1`, { headers: { cookie }, timeoutMs: 10_000 });
  if (!res.ok) return null;
  const body = (await res.json()) as Partial<ServerStats>;
  if (!body.compile) return null;
  const mb = Object.fromEntries(Object.entries(body.memory ?? {}).map(([k, v]) => [k, round(v / 1048576, 1)]));
  return { compile: body.compile, prerenderedReads: body.prerenderedReads ?? null, directRoutesServed: body.directRoutesServed ?? null, groupCommit: body.groupCommit ?? null, memory: mb };
}

type ReportsModules = {
  register: { iterateRegister: (conn: unknown, q: unknown) => unknown };
  sessions: { iterateSessions: (conn: unknown, f: unknown) => unknown };
  clock: { registerClock: () => unknown };
  filters: {
    RegisterQuerySchema: { parse: (v: unknown) => Record<string, unknown> & { sort: string; dir: string } };
    SessionsQuerySchema: { parse: (v: unknown) => Record<string, unknown> };
    registerFilter: (q: unknown) => unknown;
    sessionsFilter: (scope: unknown, q: unknown) => unknown;
  };
  // Asynchronous since the data layer moved onto the engine (issue #24); awaiting also takes an older, synchronous one.
  reportCourse: { reportCourse: (d: unknown, scope: unknown, slug: string) => Promise<{ params: unknown } | null> | { params: unknown } | null };
};

/** The dataset's one company, whole: the scope its admin's exports run in (issue #19). */
function benchScope(d: { sqlite: { prepare: (sql: string) => { get: () => unknown } } }): { companyId: number; departments: null } {
  const row = d.sqlite.prepare("SELECT min(id) AS id FROM companies").get() as { id: number };
  return { companyId: row.id, departments: null };
}

/** The statements behind the register and the access-log exports, as the export route builds them. */
async function exportStatements(dbPath: string, course: string): Promise<{ register: Statement; sessions: Statement } | null> {
  const registerQueries = await optionalImport<ReportsModules["register"]>("db/queries/register.ts");
  const sessionQueries = await optionalImport<ReportsModules["sessions"]>("db/queries/sessions.ts");
  const clock = await optionalImport<ReportsModules["clock"]>("lib/reports/register-clock.ts");
  const filters = await optionalImport<ReportsModules["filters"]>("lib/reports/filters.ts");
  const register = await optionalImport<ReportsModules["reportCourse"]>("lib/reports/register.ts");
  if (!registerQueries?.iterateRegister || !sessionQueries?.iterateSessions || !clock?.registerClock || !filters?.RegisterQuerySchema || !register?.reportCourse) return null;
  const d = openBenchDatabase(dbPath);
  try {
    const scope = benchScope(d);
    const rc = await register.reportCourse(d, scope, course);
    if (!rc) return null;
    const q = filters.RegisterQuerySchema.parse({ course });
    const registerStmt = captureStatement((conn) => registerQueries.iterateRegister(conn, { scope, filter: filters.registerFilter(q), sort: { key: q.sort, dir: q.dir }, course: rc.params, clock: clock.registerClock() }));
    const sq = filters.SessionsQuerySchema.parse({ course });
    const sessionsStmt = captureStatement((conn) => sessionQueries.iterateSessions(conn, filters.sessionsFilter(scope, sq)));
    return { register: registerStmt, sessions: sessionsStmt };
  } finally {
    d.sqlite.close();
  }
}

async function timedTasks(ctx: { server: BenchServer; origin: string; data: Dataset; dbPath: string; adminCookie: string; sqliteCli: boolean; quick: boolean; tmp: string }) {
  const { server, origin, data, adminCookie } = ctx;
  const out: Record<string, unknown> = {};
  const course = data.courseSlug;
  const repeats = ctx.quick ? 1 : 3;
  const statements = await exportStatements(ctx.dbPath, course);
  const ceiling = (stmt: Statement | undefined, name: string) => {
    if (!ctx.sqliteCli || !stmt) return null;
    const runs = Array.from({ length: repeats }, () => sqliteDump(ctx.dbPath, stmt, path.join(ctx.tmp, `${name}.csv`)));
    return { seconds: round(median(runs.map((x) => x.seconds)), 3), rows: runs[0]!.rows, bytes: runs[0]!.bytes };
  };

  // Register (CSV, XLSX) and access log over HTTP, each against the sqlite3 CLI on the same statement.
  const http = async (file: string, times: number) => {
    const runs = [];
    for (let i = 0; i < times; i++) {
      const r = await download(`${origin}/api/admin/reports/${file}?course=${course}`, adminCookie);
      if (r.status === 404) return { available: false as const, reason: `GET /api/admin/reports/${file} answered 404` };
      if (r.status !== 200) throw new Error(`GET /api/admin/reports/${file}: ${r.status}`);
      runs.push(r);
    }
    return {
      available: true as const,
      seconds: round(median(runs.map((x) => x.seconds)), 3),
      ttfbSeconds: round(median(runs.map((x) => x.ttfbSeconds)), 3),
      bytes: runs[0]!.bytes,
      lines: runs[0]!.lines,
      runs: runs.length,
    };
  };
  /** One timed task: a failure is recorded (with the server's state) and the others still run. */
  const task = async (key: string, phase: string, fn: () => Promise<void>) => {
    server.phase(phase);
    try {
      await fn();
    } catch (e) {
      const exit = server.exitStatus();
      const message = e instanceof Error ? `${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ""}` : String(e);
      out[key] = { available: false, error: message, serverExited: exit, serverOutput: server.logTail().split("\n").slice(-15) };
      log(`${key} failed: ${message}${exit ? `; the server exited (${JSON.stringify(exit)})` : ""}; the server's last output:\n${server.logTail()}`);
    }
  };

  await task("register", "register", async () => {
    const registerSql = ceiling(statements?.register, "register");
    const csv = await http("register.csv", repeats);
    const xlsx = await http("register.xlsx", ctx.quick ? 1 : 2);
    out.register = {
      csv,
      xlsx,
      sqlite: registerSql ?? { available: false, reason: ctx.sqliteCli ? "report queries not available" : "sqlite3 CLI not available" },
      ratioToSqlite: csv.available && registerSql ? round(csv.seconds / registerSql.seconds, 2) : null,
      xlsxRatioToSqlite: xlsx.available && registerSql ? round(xlsx.seconds / registerSql.seconds, 2) : null,
    };
    log(`register  CSV ${csv.available ? `${csv.seconds} s` : "not available"}, XLSX ${xlsx.available ? `${xlsx.seconds} s` : "not available"}, sqlite3 ${registerSql ? `${registerSql.seconds} s (${registerSql.rows} rows)` : "n/a"}`);
  });

  await task("accessLog", "access-log", async () => {
    const sessionsSql = ceiling(statements?.sessions, "sessions");
    const sessionsCsv = await http("sessions.csv", ctx.quick ? 1 : 2);
    out.accessLog = {
      csv: sessionsCsv,
      sqlite: sessionsSql ?? { available: false },
      ratioToSqlite: sessionsCsv.available && sessionsSql ? round(sessionsCsv.seconds / sessionsSql.seconds, 2) : null,
    };
    log(`access log CSV ${sessionsCsv.available ? `${sessionsCsv.seconds} s` : "not available"}, sqlite3 ${sessionsSql ? `${sessionsSql.seconds} s (${sessionsSql.rows} rows)` : "n/a"}`);
  });

  // 1,000 certificates + their ZIP: lib/certificates in this process, and the admin's download.
  await task("certificates", "certificates", async () => {
    const w = data.certificateWindow;
    const d = openBenchDatabase(ctx.dbPath);
    let certs: CertificatesResult;
    try {
      certs = await certificatesInProcess(d, {
        scope: benchScope(d),
        courseSlug: course,
        from: w.from,
        to: w.to,
        expected: w.count,
        actor: { userId: data.admin.id, sessionId: data.admin.sessionId },
        baseUrl: origin,
      });
    } finally {
      d.sqlite.close();
    }
    let zipHttp: unknown = { available: false, reason: "lib/certificates not available" };
    if (certs.available) {
      const r = await download(`${origin}/api/admin/certificates.zip?course=${course}&from=${w.from}&to=${w.to}`, adminCookie, { keep: true, timeoutMs: 300_000 });
      zipHttp =
        r.status === 200
          ? { available: true, seconds: round(r.seconds, 2), bytes: r.bytes, pdfs: (await zipEntries(r.body!)).pdfs }
          : { available: false, reason: `GET /api/admin/certificates.zip answered ${r.status}` };
    }
    out.certificates = { ...certs, window: w, http: zipHttp };
    log(`certificates ${certs.available ? `${certs.count} + ZIP in ${certs.seconds} s (${certs.msPerCertificate} ms each) in process; over HTTP ${JSON.stringify(zipHttp)}` : `not available (${certs.reason})`}`);
  });

  server.phase("content-check");
  const cc = contentCheck();
  out.contentCheck = cc;
  log(`content:check ${cc.seconds} s (exit ${cc.exitCode})`);
  return out;
}

function printSummary(results: Record<string, unknown>, targets: TargetRow[]) {
  const runs = ["static", "noop", "routeHandlerFloor", "lesson", "lessonGzip", "course", "heartbeat", "postFloor", "submit", "review", "heartbeatManySessions"];
  const rows = runs
    .filter((k) => results[k])
    .map((k) => {
      const f = results[k] as LoadFigures & { ratioToStatic?: number | null; serverCpuMsPerRequest: number; otherCpuPercent: number };
      const vs = k === "static" ? "1.00×" : typeof f.ratioToStatic === "number" ? `${f.ratioToStatic.toFixed(2)}×` : "—";
      return [k, f.rps.toFixed(0), String(f.p50), String(f.p99), String(f.errors), String(f.non2xx), vs, f.serverCpuMsPerRequest.toFixed(2), `${f.otherCpuPercent} %`];
    });
  console.log("\n" + table(["run", "req/s", "p50 ms", "p99 ms", "errors", "non-2xx", "vs static", "server CPU ms/req", "other CPU"], rows));
  console.log("\n" + table(["target", "goal", "measured", "status"], targets.map((t) => [t.what, t.goal, t.measured, t.status])) + "\n");
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const cause = e instanceof Error && e.cause ? `\ncaused by: ${e.cause instanceof Error ? e.cause.message : String(e.cause)}` : "";
    console.error(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}${cause}`);
    process.exit(1);
  },
);
