/**
 * `npm run bench -- --postgres`: the same paths on both engines, side by side (issue #24).
 *
 * Three set-ups, each on a fresh copy of one dataset, in every run:
 * - `sqlite`: one `next start` process on an SQLite file (the default installation);
 * - `postgres`: one process on a PostgreSQL 15 database (a throwaway cluster on 127.0.0.1);
 * - `postgres×2`: two processes on that database behind a round-robin proxy (what several app
 *   servers look like; on one machine they share its cores with PostgreSQL and the load client).
 * Per set-up: the static file through the same front door (the ceiling, in the same run), the
 * authenticated no-op, a lesson page, heartbeats from every learner, final-test submissions and the
 * register CSV. Every figure is the median of the runs with its spread; bench/results-engines.json
 * (bench/results-engines-quick.json with --quick) keeps them.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateSqliteToPostgres } from "@/lib/postgres-migration/run";
import { openServerDatabase } from "../../tests/support/database-location";
import { startPgCluster, type PgCluster } from "../../tests/support/pg-cluster";
import { startRoundRobinProxy, type RoundRobinProxy } from "../../tests/support/round-robin-proxy";
import { prepareAttempts } from "./attempts";
import { heartbeatSpec, pickLessonLearner, submitSpec } from "./specs";
import { mintCookie, mintCookies } from "./cookies";
import { generateDataset, type Dataset } from "./dataset";
import { gitState, log, prepareBuild, stopOnSignal } from "./common";
import { measure, type LoadFigures, type LoadSpec } from "./load";
import { freePort, processCpuMs, startServer, type BenchServer } from "./server";
import { STATIC_FILE } from "./server-load";
import { median, spread, type Spread } from "./stats";
import { download, round } from "./tasks";
import { table } from "./report";

export type EnginesOptions = { quick: boolean; learners: number; duration: number; warmup: number; connections: number; runs: number; noBuild: boolean; keep: boolean };

const SETUPS = [
  { name: "sqlite", engine: "sqlite", processes: 1 },
  { name: "postgres", engine: "postgres", processes: 1 },
  { name: "postgres×2", engine: "postgres", processes: 2 },
] as const;
type Setup = (typeof SETUPS)[number];
/** The PostgreSQL copy of the dataset every run's database is cloned from. */
const PRISTINE = "pristine";

/** One load run's figures: throughput, latency, failures, and the app processes' CPU per answer. */
type PathFigures = { rps: number; p50: number; p99: number; failures: number; appCpuMsPerRequest: number };
type RunFigures = Record<string, PathFigures | number>;

/** The servers of one set-up and the origin the load goes to (a process, or the proxy in front of two). */
type Front = { origin: string; servers: BenchServer[]; proxy: RoundRobinProxy | null; stop: () => Promise<void> };

export async function runEngines(opts: EnginesOptions): Promise<number> {
  const wallStart = performance.now();
  delete process.env.CONTENT_DIR;
  const loadBefore = os.loadavg();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-bench-engines-"));
  const pristine = path.join(tmp, "pristine.db");
  const authSecret = crypto.randomBytes(32).toString("base64url");
  let cluster: PgCluster | null = null;
  let front: Front | null = null;
  const cleanUp = async () => {
    await front?.stop();
    front = null;
    await cluster?.stop();
    cluster = null;
    if (!opts.keep) fs.rmSync(tmp, { recursive: true, force: true });
  };
  stopOnSignal(cleanUp);
  try {
    log(`engines side by side: ${opts.learners} learners, ${opts.duration} s per load run, ${opts.connections} connections, ${opts.runs} run(s) of ${SETUPS.map((s) => s.name).join(", ")}`);
    const data = await generateDataset(pristine, { learners: opts.learners, extraSessions: 0 });
    log(`dataset: ${data.learners.length} learners in ${data.seconds.toFixed(1)} s`);
    prepareBuild(opts.noBuild);

    // The same dataset on PostgreSQL, copied by the command an operator runs (npm run db:migrate-to-postgres).
    cluster = await startPgCluster();
    const pristineUrl = await cluster.createDatabase(PRISTINE);
    const copied = await migrateSqliteToPostgres({ from: pristine, to: pristineUrl });
    if (copied.status !== "verified") throw new Error(`copying the dataset to PostgreSQL: ${JSON.stringify(copied)}`);
    log(`dataset copied to PostgreSQL and verified: ${copied.rows} rows in ${copied.seconds.toFixed(1)} s`);

    const cookies = await mintCookies(
      authSecret,
      data.learners.map((l) => ({ userId: l.id, email: l.email, name: `${l.firstName} ${l.lastName}`, sessionId: l.sessionId })),
    );
    const cookieOf = new Map(data.learners.map((l, i) => [l.id, cookies[i]!]));
    const adminCookie = await mintCookie(authSecret, { userId: data.admin.id, email: data.admin.email, name: "Alessandra Conti", sessionId: data.admin.sessionId });

    const perSetup = new Map<string, RunFigures[]>(SETUPS.map((s) => [s.name, []]));
    for (let run = 1; run <= opts.runs; run++) {
      for (const setup of SETUPS) {
        log(`run ${run} of ${opts.runs}: ${setup.name}`);
        // A fresh copy per set-up and run: every set-up starts from the same data.
        const database =
          setup.engine === "sqlite"
            ? { databasePath: copyFile(pristine, path.join(tmp, `run-${run}.db`)) }
            : // A template copy: seconds, not a reload.
              { databaseUrl: await cluster.createDatabase(`run_${run}_${setup.processes}`, PRISTINE) };
        front = await startFront(setup, database, authSecret);
        perSetup.get(setup.name)!.push(await measurePaths(front, setup, database, data, { cookieOf, adminCookie, opts }));
        await front.stop();
        front = null;
        if (database.databasePath && !opts.keep) fs.rmSync(database.databasePath, { force: true });
      }
    }

    const summary = Object.fromEntries([...perSetup].map(([name, runs]) => [name, summarise(runs)]));
    const output = {
      schema: 1,
      runs: opts.runs,
      git: gitState(),
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      loadavgBefore: loadBefore.map((x) => round(x, 2)),
      scale: { mode: opts.quick ? "quick" : "full", learners: data.learners.length, durationSeconds: opts.duration, connections: opts.connections },
      setups: SETUPS,
      notes: [
        "every figure: the median of the runs, with min and max",
        "static: the ceiling of each set-up, measured in the same run through the same front door (the proxy for postgres×2)",
        "appCpuMsPerRequest: CPU of the app processes only; PostgreSQL, the proxy and the load client share the same cores",
        "PostgreSQL runs with fsync and synchronous_commit off, as the test clusters do: compare the app's own work, not disk durability",
      ],
      figures: summary,
      benchSeconds: round((performance.now() - wallStart) / 1000, 1),
    };
    const outFile = path.join(process.cwd(), "bench", opts.quick ? "results-engines-quick.json" : "results-engines.json");
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, JSON.stringify(output, null, 2) + "\n");
    printTable(summary);
    log(`wrote ${path.relative(process.cwd(), outFile)} (${output.benchSeconds} s in all)`);
    return 0;
  } finally {
    await cleanUp();
    if (opts.keep) log(`kept ${tmp}`);
  }
}

function copyFile(from: string, to: string): string {
  fs.copyFileSync(from, to);
  return to;
}

async function startFront(setup: Setup, database: { databasePath?: string; databaseUrl?: string }, authSecret: string): Promise<Front> {
  const servers: BenchServer[] = [];
  let proxy: RoundRobinProxy | null = null;
  const stop = async () => {
    await proxy?.close();
    for (const s of servers) await s.stop();
  };
  try {
    // One after the other: the second process starts on a migrated database, as an operator's would.
    for (let i = 0; i < setup.processes; i++) servers.push(await startServer({ port: await freePort(3460 + i), ...database, authSecret }));
    if (setup.processes > 1) proxy = await startRoundRobinProxy({ port: await freePort(3470), upstreams: servers.map((s) => s.origin) });
    log(`${setup.name}: ${servers.map((s) => `pid ${s.pid} up in ${s.coldStartMs.toFixed(0)} ms`).join(", ")}${proxy ? ` behind ${proxy.origin}` : ""}`);
    return { origin: proxy?.origin ?? servers[0]!.origin, servers, proxy, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function measurePaths(
  front: Front,
  setup: Setup,
  database: { databasePath?: string; databaseUrl?: string },
  data: Dataset,
  ctx: { cookieOf: Map<number, string>; adminCookie: string; opts: EnginesOptions },
): Promise<RunFigures> {
  const { origin } = front;
  const { opts, cookieOf } = ctx;
  const learner = pickLessonLearner(data);
  const cookie = cookieOf.get(learner.id)!;
  const lessonPath = `/courses/${data.courseSlug}/${learner.currentLesson}`;
  const base = { connections: opts.connections, duration: opts.duration };
  // Every process loads each route's code once before anything is measured.
  for (const s of front.servers) {
    for (const [url, init] of [
      [STATIC_FILE, {}],
      ["/api/bench/noop", { headers: { cookie } }],
      [lessonPath, { headers: { cookie } }],
    ] as const) {
      const res = await fetch(s.origin + url, { ...init, signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${setup.name}: preflight ${url} answered ${res.status}`);
    }
  }
  const pids = front.servers.map((s) => s.pid);
  const load = async (name: string, spec: LoadSpec, warmup: number | { amount: number } = opts.warmup): Promise<PathFigures> => {
    if (typeof warmup === "object") await measure({ ...spec, amount: warmup.amount }, 0);
    else if (warmup > 0) await measure({ ...spec, duration: warmup }, 0);
    const cpuBefore = pids.reduce((n, p) => n + processCpuMs(p), 0);
    const f: LoadFigures = await measure(spec, 0);
    const cpu = pids.reduce((n, p) => n + processCpuMs(p), 0) - cpuBefore;
    const figures = { rps: round(f.rps, 1), p50: f.p50, p99: f.p99, failures: f.errors + f.non2xx, appCpuMsPerRequest: round(cpu / Math.max(1, f.requests), 3) };
    log(`${setup.name.padEnd(11)} ${name.padEnd(9)} ${figures.rps} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms  failures ${figures.failures}  app CPU ${figures.appCpuMsPerRequest} ms/req`);
    return figures;
  };

  const out: RunFigures = {};
  out.static = await load("static", { ...base, url: origin + STATIC_FILE });
  out.noop = await load("noop", { ...base, url: `${origin}/api/bench/noop`, headers: { cookie } });
  out.lesson = await load("lesson", { ...base, url: origin + lessonPath, headers: { cookie } });
  out.heartbeat = await load("heartbeat", heartbeatSpec(origin, data, cookieOf, base), { amount: 2 * data.learners.length });

  // Final-test submissions: each request submits an attempt of its own, started just before by the app's startAttempt.
  const d = await openServerDatabase(database.databaseUrl ?? database.databasePath!);
  const attempts = await prepareAttempts(d, data).finally(() => d.close());
  const warmCount = Math.min(opts.connections, Math.floor(attempts.items.length / 4));
  if (attempts.items.length - warmCount < 1) throw new Error("no learner may start a final-test attempt: use more --learners");
  if (warmCount) await measure(submitSpec(origin, attempts.items.slice(0, warmCount), cookieOf, opts.connections), 0);
  out.submit = await load("submit", submitSpec(origin, attempts.items.slice(warmCount), cookieOf, opts.connections), 0);

  // The register CSV of the whole course, as the admin downloads it (an idle server: the median of 3).
  // First one download per process, unmeasured: behind the proxy, the first two measured would
  // otherwise each reach a process that had not served an export yet (its modules cold), and the
  // median of 3 would be a cold one.
  const registerCsv = `${origin}/api/admin/reports/register.csv?course=${data.courseSlug}`;
  for (let i = 0; i < setup.processes; i++) await download(registerCsv, ctx.adminCookie);
  const seconds: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await download(registerCsv, ctx.adminCookie);
    if (r.status !== 200) throw new Error(`${setup.name}: register.csv answered ${r.status}`);
    seconds.push(r.seconds);
  }
  out.registerCsvSeconds = round(median(seconds), 3);
  log(`${setup.name.padEnd(11)} register.csv ${out.registerCsvSeconds} s`);
  return out;
}

/** Per path and figure: the median of the runs with min and max. */
function summarise(runs: RunFigures[]): Record<string, Record<string, Spread> | Spread> {
  const keys = Object.keys(runs[0] ?? {});
  return Object.fromEntries(
    keys.map((k) => {
      const first = runs[0]![k]!;
      if (typeof first === "number") return [k, spread(runs.map((r) => r[k] as number))];
      const fields = Object.keys(first) as (keyof PathFigures)[];
      return [k, Object.fromEntries(fields.map((f) => [f, spread(runs.map((r) => (r[k] as PathFigures)[f]))]))];
    }),
  );
}

function printTable(summary: Record<string, Record<string, Record<string, Spread> | Spread>>) {
  const cell = (s: Spread | undefined, digits = 0) => (s ? `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})` : "—");
  const names = Object.keys(summary);
  const rows: string[][] = [];
  for (const path of ["static", "noop", "lesson", "heartbeat", "submit"]) {
    rows.push([`${path} req/s`, ...names.map((n) => cell((summary[n]![path] as Record<string, Spread> | undefined)?.rps))]);
    rows.push([`${path} p99 ms`, ...names.map((n) => cell((summary[n]![path] as Record<string, Spread> | undefined)?.p99))]);
  }
  rows.push(["register CSV s", ...names.map((n) => cell(summary[n]!.registerCsvSeconds as Spread | undefined, 2))]);
  console.log("\n" + table(["median (min–max)", ...names], rows) + "\n");
}
