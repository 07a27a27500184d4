/**
 * `npm run bench -- --mix` — a training day on one server (README "Performance"): learners
 * arrive, sign in, read lessons with heartbeats, take checks and the final test, download
 * their certificate, while an admin reads the participants and downloads the register.
 *
 * It finds the largest number of learners active at once that the server carries with every
 * page's p99 under the bound (300 ms) and no errors, by stepping the load (mix/search.ts):
 * each step adds learners at random points of their sittings (mix/schedule.ts, mix/seed.ts),
 * lets the server settle, then measures a window. Three runs, each on a fresh copy of the
 * dataset and a fresh server: the first searches, the others verify around its answer; every
 * figure is the median of the runs with their minimum and maximum. Each run first loads the
 * static file on its idle server, as the path benchmark does (server-load.ts): the machine's
 * ceiling from the same runs, to read the mix's figures against.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findQuiz, questionsById } from "@/lib/attempts/lifecycle";
import { shownAnswers } from "@/lib/quiz/option-keys";
import type { DrawnQuestion } from "@/lib/quiz/types";
import { finalBank, getCourse, lessonCheckFor, publishedLessons } from "@/lib/content/lookup";
import { mulberry32 } from "@/lib/quiz/draw";
import { gitState, log, prepareBuild, stopOnSignal } from "../common";
import { mintCookie, mintCookies } from "../cookies";
import { BENCH_COURSE, generateDataset, openBenchDatabase, type Dataset } from "../dataset";
import { cpuSnapshot, foreignCpuPercent, freePort, processCpuMs, startServer, type BenchServer } from "../server";
import { loadStaticFile, STATIC_FILE, type ServerLoadFigures, type StaticLoad } from "../server-load";
import { median, withSpread } from "../stats";
import { round } from "../tasks";
import { DOWNLOADS, figuresOf, MixDriver, type CourseInfo, type KindFigures, type MixLearner } from "./driver";
import { LESSONS_PER_SITTING, sitting, sittingSeconds, THINK, type CourseShape, type Rng } from "./model";
import { warmStart } from "./schedule";
import { gridFor, searchCapacity, type SearchPlan } from "./search";
import { seeder, type SeedEntry } from "./seed";

const ROOT = process.cwd();

export type MixOptions = {
  quick: boolean;
  learners: number;
  runs: number;
  settleSeconds: number;
  windowSeconds: number;
  boundMs: number;
  sockets: number;
  noBuild: boolean;
  keep: boolean;
  cpuProf: boolean;
  port?: number;
  serverNodeOptions?: string;
  /** Probes per run at most (smoke runs). */
  maxSteps?: number;
  /** The static-file run at the start of each run: the path benchmark's (run.ts). */
  staticLoad: StaticLoad;
};

export function mixDefaults(quick: boolean): Omit<MixOptions, "noBuild" | "keep" | "cpuProf" | "staticLoad"> {
  return quick
    ? { quick, learners: 600, runs: 1, settleSeconds: 5, windowSeconds: 8, boundMs: 300, sockets: 64, maxSteps: 2 }
    : { quick, learners: 10_000, runs: 3, settleSeconds: 15, windowSeconds: 30, boundMs: 300, sockets: 256 };
}

type StepResult = {
  learners: number;
  pass: boolean;
  failedOn: string[];
  activeMean: number;
  activeMin: number;
  activeMax: number;
  warmStarted: number;
  arrivals: number;
  departures: number;
  /** Arrivals that found no learner left to sit (the dataset is too small for this level). */
  arrivalsWithoutLearner: number;
  requests: number;
  rps: number;
  heartbeatsPerSecond: number;
  serverCpuPercent: number;
  serverCpuMsPerRequest: number;
  serverRssMB: number | null;
  generatorCpuPercent: number;
  generatorLagP99Ms: number | null;
  otherCpuPercent: number;
  seedSeconds: number;
  kinds: Record<string, KindFigures>;
  errorsSample: string[];
};

type RunResult = { run: number; maxLearners: number; capped: boolean; truncated: boolean; steps: StepResult[]; seconds: number; static: ServerLoadFigures };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** What the driver and the model need to know about the benchmark's course. */
function courseFacts(): { info: CourseInfo; shape: CourseShape; lessons: { slug: string; hash: string }[] } {
  const course = getCourse(BENCH_COURSE);
  if (!course) throw new Error(`course ${BENCH_COURSE} not found`);
  const lessons = publishedLessons(course);
  const checks = lessons.map((l) => lessonCheckFor(course, l.slug));
  const final = finalBank(course);
  const answerKeys = new Map<string, ReadonlyMap<string, readonly string[]>>();
  for (const q of [...checks, final]) {
    if (!q) continue;
    const ref = findQuiz(course.slug, q.id);
    if (!ref) continue;
    answerKeys.set(q.id, new Map([...questionsById(ref.quiz)].map(([id, question]) => [id, question.options.filter((o) => o.correct).map((o) => o.id)])));
  }
  return {
    info: { slug: course.slug, lessonSlugs: lessons.map((l) => l.slug), checkIds: checks.map((c) => c?.id ?? null), finalId: final?.id ?? null, answerKeys },
    shape: {
      lessonMinutes: lessons.map((l) => l.locales.it.frontmatter.duration),
      checkQuestions: checks.map((c) => c?.questions.length ?? 0),
      hasFinalTest: final !== null,
      hasPolicy: course.completion.requirePolicyAck,
    },
    lessons: lessons.map((l) => ({ slug: l.slug, hash: l.locales.it.contentHash })),
  };
}

/** Mean and longest sitting (seconds) over the dataset's positions, for the arrival rate and the length bias. */
function sittingLengths(rng: Rng, shape: CourseShape, positions: readonly number[]): { mean: number; max: number } {
  let total = 0;
  let max = 0;
  const n = 4_000;
  for (let i = 0; i < n; i++) {
    const s = sittingSeconds(sitting(rng, shape, positions[Math.floor(rng() * positions.length)]!));
    total += s;
    max = Math.max(max, s);
  }
  return { mean: total / n, max: max * 1.1 };
}

export async function runMix(opts: MixOptions): Promise<number> {
  const wallStart = performance.now();
  const loadBefore = os.loadavg();
  log(`mix${opts.quick ? " (quick)" : ""}: ${opts.learners} learners in the dataset, ${opts.runs} run(s), ${opts.settleSeconds} s settle + ${opts.windowSeconds} s measured per step, p99 bound ${opts.boundMs} ms`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-mix-"));
  const pristine = path.join(tmp, "pristine.db");
  const authSecret = crypto.randomBytes(32).toString("base64url");
  const password = crypto.randomBytes(12).toString("base64url");
  let server: BenchServer | null = null;
  let driver: MixDriver | null = null;
  const cleanUp = async () => {
    await driver?.close();
    driver = null;
    if (server) await server.stop();
    server = null;
    if (!opts.keep) fs.rmSync(tmp, { recursive: true, force: true });
  };
  stopOnSignal(cleanUp);

  try {
    log("generating the training-day dataset…");
    const data = await generateDataset(pristine, { learners: opts.learners, plan: "mix", password });
    log(`dataset: ${data.learners.length} learners, ${round(fs.statSync(pristine).size / 1048576, 1)} MB in ${data.seconds.toFixed(1)} s`);
    const build = prepareBuild(opts.noBuild);
    const facts = courseFacts();
    const budgetMs = (opts.quick ? 6 : 40) * 60_000;
    const watchdog = setTimeout(() => {
      console.error(`bench --mix: over its ${budgetMs / 60_000}-minute budget, stopping`);
      void cleanUp().finally(() => process.exit(124));
    }, budgetMs);
    watchdog.unref();

    const port = opts.port ?? (await freePort());
    const origin = `http://127.0.0.1:${port}`;
    process.env.AUTH_URL = origin;
    const mintStart = performance.now();
    const cookies = await mintCookies(
      authSecret,
      data.learners.map((l) => ({ userId: l.id, email: l.email, name: `${l.firstName} ${l.lastName}`, sessionId: l.sessionId })),
    );
    const adminCookie = await mintCookie(authSecret, { userId: data.admin.id, email: data.admin.email, name: "Alessandra Conti", sessionId: data.admin.sessionId });
    log(`${cookies.length + 1} session cookies minted in ${((performance.now() - mintStart) / 1000).toFixed(1)} s`);

    const rng = mulberry32(20_270_302);
    const lengths = sittingLengths(rng, facts.shape, data.learners.map((l) => l.completedLessons));
    log(`model: a sitting lasts ${(lengths.mean / 60).toFixed(1)} min on average; a step of N learners gets N / ${(lengths.mean / 60).toFixed(1)} arrivals a minute`);
    const grid = gridFor(data.learners.length);

    const runs: RunResult[] = [];
    for (let r = 1; r <= opts.runs; r++) {
      const runStart = performance.now();
      const dbPath = path.join(tmp, `run-${r}.db`);
      fs.copyFileSync(pristine, dbPath);
      const profileDir = opts.cpuProf ? path.join(ROOT, "bench", "profiles", `mix-${new Date().toISOString().replace(/[:.]/g, "-")}`) : undefined;
      if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
      server = await startServer({ port, databasePath: dbPath, authSecret, cpuProfileDir: profileDir, nodeOptions: opts.serverNodeOptions });
      log(`run ${r}: server pid ${server.pid} on ${origin} (first 200 after ${server.coldStartMs.toFixed(0)} ms)`);
      await warmUp(origin, data, cookies, adminCookie, facts.info);
      // Before any learner: the static file on the idle server, the ceiling of this run.
      const staticRun = await loadStaticFile(server, origin, opts.staticLoad);

      const learners: MixLearner[] = data.learners.map((l, i) => ({ id: l.id, email: l.email, sessionId: l.sessionId, mintedCookie: cookies[i]!, lessonsDone: l.completedLessons, finished: false }));
      const idle = new IdlePool(learners, rng);
      const db = openBenchDatabase(dbPath);
      const seed = seeder(db.sqlite, facts.info.slug, facts.lessons);
      let departures = 0;
      driver = new MixDriver({
        origin,
        course: facts.info,
        password,
        adminCookie,
        shownAnswers: (attemptId, authored) => {
          const row = db.sqlite.prepare("SELECT questions FROM quiz_attempts WHERE id = ?").get(attemptId) as { questions: string } | undefined;
          return row ? shownAnswers(JSON.parse(row.questions) as DrawnQuestion[], authored) : Object.fromEntries(Object.entries(authored).map(([k, v]) => [k, [...v]]));
        },
        sockets: opts.sockets,
        onDeparture: (l) => {
          departures += 1;
          if (!l.finished) idle.put(l);
        },
      });
      const d = driver;
      const srv = server;
      const arrivals = new ArrivalProcess(d, idle, rng, facts.shape);

      const plan: SearchPlan =
        r === 1 || !runs[0]
          ? { mode: "find", grid, first: Math.min(2 * grid, data.learners.length), max: data.learners.length, maxSteps: opts.maxSteps }
          : { mode: "verify", grid, start: Math.max(grid, runs[0].maxLearners), max: data.learners.length, maxSteps: opts.maxSteps };
      const steps: StepResult[] = [];
      const result = await searchCapacity(plan, async (level) => {
        const step = await runStep({ level, driver: d, server: srv, idle, arrivals, seed, rng, shape: facts.shape, maxSeconds: lengths.max, meanSeconds: lengths.mean, opts, course: facts.info.slug, departures: () => departures });
        steps.push(step);
        log(
          `run ${r} step ${String(level).padStart(6)} learners: ${step.pass ? "PASS" : `FAIL (${step.failedOn.join(", ")})`}  admin participants p99 ${step.kinds.adminParticipants?.p99 ?? "—"} ms  active ${step.activeMean}  ${step.rps} req/s (${step.heartbeatsPerSecond} beats/s)  server CPU ${step.serverCpuPercent} %  RSS ${step.serverRssMB} MB  worst page p99 ${worstPageP99(step.kinds) ?? "—"} ms  (generator ${step.generatorCpuPercent} %, lag p99 ${step.generatorLagP99Ms} ms, others ${step.otherCpuPercent} %)`,
        );
        return step.pass;
      });
      arrivals.stop();
      await d.close();
      driver = null;
      db.sqlite.close();
      await srv.stop();
      server = null;
      runs.push({ run: r, ...result, steps, seconds: round((performance.now() - runStart) / 1000, 1), static: staticRun });
      log(`run ${r}: ${result.maxLearners} learners active at once${result.capped ? " (every step passed up to the dataset's size)" : ""} in ${round((performance.now() - runStart) / 1000, 0)} s`);
      if (!opts.keep) fs.rmSync(dbPath, { force: true });
    }

    const clientErrors = runs.flatMap((run) => run.steps.flatMap((s) => Object.entries(s.kinds).flatMap(([k, f]) => Object.entries(f.statuses).filter(([code]) => /^4\d\d$/.test(code)).map(([code, n]) => `${k} ${code} ×${n}`))));
    const output = mixOutput({ runs, opts, data, lengths, build, loadBefore, wallStart, grid });
    writeMix(opts.quick, output);
    printMix(runs, opts);
    if (clientErrors.length) {
      console.error(`bench --mix: requests were refused (4xx), which no load explains — a bug in the model or the app:\n  ${clientErrors.slice(0, 20).join("\n  ")}`);
      return 1;
    }
    return 0;
  } catch (e) {
    if (server) console.error(`the server's last output:\n${server.logTail()}`);
    throw e;
  } finally {
    await cleanUp();
    if (opts.keep) log(`kept ${tmp}`);
  }
}

/** Learners not sitting right now, drawn at random. */
class IdlePool {
  private items: MixLearner[];
  constructor(
    learners: readonly MixLearner[],
    private readonly rng: Rng,
  ) {
    this.items = [...learners];
  }
  get size() {
    return this.items.length;
  }
  take(): MixLearner | null {
    if (!this.items.length) return null;
    const i = Math.floor(this.rng() * this.items.length);
    const l = this.items[i]!;
    this.items[i] = this.items[this.items.length - 1]!;
    this.items.pop();
    return l;
  }
  put(l: MixLearner): void {
    this.items.push(l);
  }
}

/** New sittings as a Poisson process at the current rate (learners a second). */
class ArrivalProcess {
  private rate = 0;
  private armed = false;
  private stopped = false;
  count = 0;
  withoutLearner = 0;
  constructor(
    private readonly driver: MixDriver,
    private readonly idle: IdlePool,
    private readonly rng: Rng,
    private readonly shape: CourseShape,
  ) {}
  setRate(rate: number): void {
    this.rate = rate;
    if (!this.armed && rate > 0) this.next();
  }
  stop(): void {
    this.stopped = true;
  }
  private next(): void {
    if (this.stopped || this.rate <= 0) {
      this.armed = false;
      return;
    }
    this.armed = true;
    const gap = -Math.log(1 - this.rng()) / this.rate;
    this.driver.at(performance.now() + gap * 1000, () => {
      const l = this.idle.take();
      if (l) {
        this.count += 1;
        this.driver.arrive(l, sitting(this.rng, this.shape, l.lessonsDone));
      } else this.withoutLearner += 1;
      this.next();
    });
  }
}

async function runStep(ctx: {
  level: number;
  driver: MixDriver;
  server: BenchServer;
  idle: IdlePool;
  arrivals: ArrivalProcess;
  seed: ReturnType<typeof seeder>;
  rng: Rng;
  shape: CourseShape;
  maxSeconds: number;
  meanSeconds: number;
  opts: MixOptions;
  course: string;
  departures: () => number;
}): Promise<StepResult> {
  const { level, driver, server, idle, rng, opts } = ctx;
  // Add learners at random points of their sittings (their past written first), or send some home.
  const seedStart = performance.now();
  let warmStarted = 0;
  const add = level - driver.activeCount;
  if (add > 0) {
    const chosen: { learner: MixLearner; actions: ReturnType<typeof sitting>; w: NonNullable<ReturnType<typeof warmStart>> }[] = [];
    let attempts = 0;
    while (chosen.length < add && idle.size > 0 && attempts < add * 20) {
      attempts += 1;
      const l = idle.take()!;
      const actions = sitting(rng, ctx.shape, l.lessonsDone);
      // Attempts under way are started again within the settling time, not in the measured window.
      const w = warmStart(rng, actions, ctx.maxSeconds, Math.min(5, opts.settleSeconds * 0.8));
      if (!w) {
        idle.put(l);
        continue;
      }
      chosen.push({ learner: l, actions, w });
    }
    const entries: SeedEntry[] = chosen.filter((c) => c.w.prefix.signedIn).map((c) => ({ userId: c.learner.id, sessionId: c.learner.sessionId, prefix: c.w.prefix }));
    for (let i = 0; i < entries.length; i += 2_000) ctx.seed(entries.slice(i, i + 2_000));
    for (const c of chosen) {
      for (const done of c.w.prefix.completed) c.learner.lessonsDone = Math.max(c.learner.lessonsDone, done.lesson);
      driver.warmStart(c.learner, c.actions, c.w);
    }
    warmStarted = chosen.length;
  } else if (add < 0) {
    // Any choice is as random as the arrivals were: the longest-active leave first.
    for (const id of driver.activeIds().slice(0, -add)) {
      const l = driver.retire(id);
      if (l) idle.put(l);
    }
  }
  const seedSeconds = round((performance.now() - seedStart) / 1000, 2);
  ctx.arrivals.setRate(level / ctx.meanSeconds);

  const now = performance.now();
  const from = now + opts.settleSeconds * 1000;
  const to = from + opts.windowSeconds * 1000;
  const rec = driver.record(from, to);
  // The admin, once a window: two pages of participants and the register download.
  const W = opts.windowSeconds * 1000;
  const pages = Math.max(1, Math.ceil(level / 50));
  const page = () => 1 + Math.floor(rng() * pages);
  driver.admin("adminParticipants", from + rng() * (W / 2), `/admin/reports/participants?course=${ctx.course}`);
  driver.admin("adminParticipants", from + W / 2 + rng() * (W / 2), `/admin/reports/participants?course=${ctx.course}&sort=lastAccess&dir=desc&page=${page()}`);
  driver.admin("registerCsv", from + W * (0.2 + 0.6 * rng()), `/api/admin/reports/register.csv?course=${ctx.course}`);

  await sleep(from - performance.now());
  const pids: (number | "self")[] = [server.pid, "self"];
  const cpuBefore = cpuSnapshot(pids);
  const serverCpu0 = processCpuMs(server.pid);
  const selfCpu0 = processCpuMs("self");
  const arrivals0 = ctx.arrivals.count;
  const without0 = ctx.arrivals.withoutLearner;
  const departures0 = ctx.departures();
  driver.takeLag();
  const phase = `mix-${level}`;
  server.phase(phase);
  const t0 = performance.now();
  await sleep(to - performance.now());
  const elapsed = performance.now() - t0;
  const serverCpuMs = processCpuMs(server.pid) - serverCpu0;
  const selfCpuMs = processCpuMs("self") - selfCpu0;
  const otherCpuPercent = foreignCpuPercent(cpuBefore, cpuSnapshot(pids));
  const rssMB = server.memory().byPhase[phase] ?? null;
  const lagSummary = driver.takeLag().summary().p99;
  server.phase(`${phase}-after`);
  // Answers to requests sent within the window still count, however late.
  await driver.drain(35_000);

  const kinds = figuresOf(rec);
  const requests = Object.values(kinds).reduce((n, k) => n + k.count + k.errors, 0);
  const failedOn: string[] = [];
  for (const [kind, f] of Object.entries(kinds)) {
    if (f.errors) failedOn.push(`${kind}: ${f.errors} errors`);
    else if (heldToBound(kind) && f.p99 !== null && f.p99 >= opts.boundMs) failedOn.push(`${kind} p99 ${f.p99} ms`);
  }
  const withoutLearner = ctx.arrivals.withoutLearner - without0;
  if (withoutLearner > 0) failedOn.push(`${withoutLearner} arrivals found no learner left (dataset too small)`);
  const active = rec.activeSamples.length ? rec.activeSamples : [driver.activeCount];
  return {
    learners: level,
    pass: failedOn.length === 0,
    failedOn,
    activeMean: Math.round(active.reduce((a, b) => a + b, 0) / active.length),
    activeMin: Math.min(...active),
    activeMax: Math.max(...active),
    warmStarted,
    arrivals: ctx.arrivals.count - arrivals0,
    departures: ctx.departures() - departures0,
    arrivalsWithoutLearner: withoutLearner,
    requests,
    rps: round(requests / (elapsed / 1000), 1),
    heartbeatsPerSecond: round(((kinds.heartbeat?.count ?? 0) + (kinds.heartbeat?.errors ?? 0)) / (elapsed / 1000), 1),
    serverCpuPercent: round((serverCpuMs / elapsed) * 100, 1),
    serverCpuMsPerRequest: round(serverCpuMs / Math.max(1, requests), 3),
    serverRssMB: rssMB,
    generatorCpuPercent: round((selfCpuMs / elapsed) * 100, 1),
    generatorLagP99Ms: lagSummary,
    otherCpuPercent,
    seedSeconds,
    kinds,
    errorsSample: rec.errorsSample,
  };
}

/**
 * Which requests the latency bound holds: every learner's page and call. Not the downloads
 * (register CSV, certificate PDF: their time is their size), nor the admin's participants page,
 * whose time depends on how many people the company has, not on how many are training at once:
 * it has its own target (`adminParticipants.ms<N>k` of `npm run bench`) and its p99 is reported
 * with every step. Errors count for all of them.
 */
export function heldToBound(kind: string): boolean {
  return !DOWNLOADS.has(kind as never) && kind !== "adminParticipants";
}

/** The largest p99 among the pages and calls held to the bound. */
export function worstPageP99(kinds: Record<string, KindFigures>): number | null {
  const p99s = Object.entries(kinds)
    .filter(([k, f]) => heldToBound(k) && f.p99 !== null)
    .map(([, f]) => f.p99!);
  return p99s.length ? Math.max(...p99s) : null;
}

/** One request of each kind a learner makes, before anything is measured: the lesson route fetches its prerendered pages once. */
async function warmUp(origin: string, data: Dataset, cookies: string[], adminCookie: string, course: CourseInfo): Promise<void> {
  const ready = data.learners.findIndex((l) => l.completedLessons === course.lessonSlugs.length);
  const cookie = cookies[Math.max(0, ready)]!;
  const get = async (p: string, c: string) => {
    const res = await fetch(origin + p, { headers: { cookie: c }, redirect: "manual", signal: AbortSignal.timeout(60_000) });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`warm-up GET ${p}: ${res.status} ${res.headers.get("location") ?? ""}`);
  };
  await get(`/courses/${course.slug}`, cookie);
  for (const slug of course.lessonSlugs) await get(`/courses/${course.slug}/${slug}`, cookie);
  if (course.finalId) await get(`/courses/${course.slug}/quiz/${course.finalId}`, cookie);
  await get(`/sign-in`, "");
  await get(`/admin/reports/participants?course=${course.slug}`, adminCookie);
}

function mixOutput(ctx: {
  runs: RunResult[];
  opts: MixOptions;
  data: Dataset;
  lengths: { mean: number; max: number };
  build: { built: boolean; buildSeconds: number };
  loadBefore: number[];
  wallStart: number;
  grid: number;
}) {
  const { runs, opts } = ctx;
  const atMax = runs.map((r) => r.steps.find((s) => s.learners === r.maxLearners && s.pass) ?? null);
  const kinds = [...new Set(atMax.flatMap((s) => (s ? Object.keys(s.kinds) : [])))].sort();
  const paths = Object.fromEntries(
    kinds.map((k) => [
      k,
      {
        ...withSpread("p50", atMax.map((s) => s?.kinds[k]?.p50), 1),
        ...withSpread("p99", atMax.map((s) => s?.kinds[k]?.p99), 1),
        ...withSpread("count", atMax.map((s) => s?.kinds[k]?.count), 0),
        download: DOWNLOADS.has(k as never),
        heldToBound: heldToBound(k),
      },
    ]),
  );
  return {
    ...gitState(),
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    loadavgBefore: ctx.loadBefore.map((x) => round(x, 2)),
    scale: {
      mode: opts.quick ? "quick" : "full",
      learners: ctx.data.learners.length,
      runs: runs.length,
      settleSeconds: opts.settleSeconds,
      windowSeconds: opts.windowSeconds,
      boundMs: opts.boundMs,
      sockets: opts.sockets,
      grid: ctx.grid,
      client: "node:http keep-alive agent (same machine, loopback)",
      staticLoad: `${STATIC_FILE} with autocannon, ${opts.staticLoad.connections} connections, ${opts.staticLoad.seconds} s after ${opts.staticLoad.warmupSeconds} s of warm-up, on each run's idle server before its first step`,
    },
    model: {
      think: THINK,
      lessonsPerSitting: LESSONS_PER_SITTING,
      meanSittingMinutes: round(ctx.lengths.mean / 60, 1),
      admin: "per measured window: two participants pages and one register CSV download",
      latencyBound:
        "p99 of every learner's page and call below boundMs, no errors; the downloads (register CSV, certificate PDF) and the admin's participants page are reported but not held to it (the page has its own target by company size), their errors count",
    },
    runs: runs.length,
    ...withSpread("maxLearners", runs.map((r) => r.maxLearners), 0),
    capped: runs.some((r) => r.capped),
    ...withSpread("p99Ms", atMax.map((s) => (s ? worstPageP99(s.kinds) : null)), 1),
    ...withSpread("rps", atMax.map((s) => s?.rps), 1),
    ...withSpread("heartbeatsPerSecond", atMax.map((s) => s?.heartbeatsPerSecond), 1),
    ...withSpread("serverCpuPercent", atMax.map((s) => s?.serverCpuPercent), 1),
    ...withSpread("serverCpuMsPerRequest", atMax.map((s) => s?.serverCpuMsPerRequest), 3),
    ...withSpread("serverRssMB", atMax.map((s) => s?.serverRssMB), 1),
    /** The machine's ceiling in the same runs: the static file's req/s (scale.staticLoad says how). */
    ...withSpread("staticRps", runs.map((r) => r.static.rps), 1),
    ...withSpread("staticP99Ms", runs.map((r) => r.static.p99), 1),
    paths,
    /** What failed at the first level above each run's answer. */
    limitedBy: runs.map((r) => r.steps.filter((s) => !s.pass && s.learners > r.maxLearners).sort((a, b) => a.learners - b.learners)[0]?.failedOn ?? null),
    runDetails: runs,
    benchSeconds: round((performance.now() - ctx.wallStart) / 1000, 1),
    build: ctx.build,
  };
}

/** Merges the mix into bench/results.json (results-quick.json for a quick run), keeping the paths' figures. */
function writeMix(quick: boolean, mix: ReturnType<typeof mixOutput>): void {
  const file = path.join(ROOT, "bench", quick ? "results-quick.json" : "results.json");
  const existing = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>) : {};
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...existing, mix }, null, 2) + "\n");
  log(`wrote the mix into ${path.relative(ROOT, file)}`);
}

function printMix(runs: RunResult[], opts: MixOptions): void {
  const lines = runs.map(
    (r) => `run ${r.run}: ${r.maxLearners}${r.capped ? "+" : ""} learners (${r.steps.map((s) => `${s.learners}${s.pass ? "✓" : "✗"}`).join(" ")}) in ${r.seconds} s; static file ${r.static.rps.toFixed(0)} req/s`,
  );
  const ceiling = withSpread("rps", runs.map((r) => r.static.rps), 0);
  console.log(`\n${lines.join("\n")}`);
  console.log(`median ${median(runs.map((r) => r.maxLearners))} learners active at once with every page's p99 < ${opts.boundMs} ms and no errors`);
  console.log(`machine's ceiling in the same runs: static file ${ceiling.rps} req/s (${ceiling.rpsMin}–${ceiling.rpsMax})\n`);
}
