/**
 * One measured load run against the benchmark's server, as both benchmarks take it (the paths
 * alone, run.ts; the training day, mix/run-mix.ts): an unmeasured warm-up, the measured run,
 * what the server's CPU spent per answer and what other processes took meanwhile. And the
 * static file, the machine's ceiling every other figure of a run is read against.
 */
import { log, waitQuiet } from "./common";
import { measure, type LoadFigures, type LoadSpec } from "./load";
import { cpuSnapshot, foreignCpuPercent, processCpuMs, type BenchServer } from "./server";
import { round } from "./tasks";

export type ServerLoadFigures = LoadFigures & {
  /** The server's CPU per answer: unlike req/s, it hardly moves when other processes share the cores. */
  serverCpuMsPerRequest: number;
  otherCpuPercent: number;
  /** Seconds waited for other processes to leave the CPUs first (`waitQuietSeconds`). */
  waitedForQuietSeconds: number;
  /** Where the measured run starts, in ms since the server was spawned (its CPU profile's skip-ms). */
  offsetMs: number;
};

export const describeLoad = (f: LoadFigures) =>
  `${f.rps.toFixed(0)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms  errors ${f.errors}  non-2xx ${f.non2xx}${f.non2xx ? ` ${JSON.stringify(f.statusCodes)}` : ""}`;

/** `warmup`: seconds, or a number of requests (`{ amount }`) when every one must pass once. */
export async function loadServer(server: BenchServer, name: string, spec: LoadSpec, o: { warmup: number | { amount: number }; waitQuietSeconds: number }): Promise<ServerLoadFigures> {
  server.phase(name);
  const pids: (number | "self")[] = [server.pid, "self"];
  const waitedForQuietSeconds = await waitQuiet(pids, o.waitQuietSeconds);
  if (typeof o.warmup === "object") await measure({ ...spec, amount: o.warmup.amount }, 0);
  else if (o.warmup > 0 && spec.amount === undefined) await measure({ ...spec, duration: o.warmup }, 0);
  const offsetMs = Math.round(performance.now() - server.spawnedAt);
  const before = cpuSnapshot(pids);
  const serverCpu = processCpuMs(server.pid);
  const f = await measure(spec, 0);
  const otherCpuPercent = foreignCpuPercent(before, cpuSnapshot(pids));
  const serverCpuMsPerRequest = round((processCpuMs(server.pid) - serverCpu) / Math.max(1, f.requests), 3);
  log(`${name.padEnd(10)} ${describeLoad(f)}  server CPU ${serverCpuMsPerRequest} ms/req  (other processes: ${otherCpuPercent} % CPU)`);
  return { ...f, serverCpuMsPerRequest, otherCpuPercent, waitedForQuietSeconds, offsetMs };
}

/** A static file Next serves without any of our code (public/bench.txt). */
export const STATIC_FILE = "/bench.txt";

/** How the static file is loaded: the path benchmark's connections and duration, used by both benchmarks so their ceilings compare. */
export type StaticLoad = { connections: number; seconds: number; warmupSeconds: number; waitQuietSeconds: number };

/** The machine's ceiling on this server, now: the static file under load. */
export async function loadStaticFile(server: BenchServer, origin: string, o: StaticLoad): Promise<ServerLoadFigures> {
  // A ceiling measured on error pages would be no ceiling.
  const res = await fetch(origin + STATIC_FILE, { signal: AbortSignal.timeout(30_000) });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET ${STATIC_FILE}: expected 200, got ${res.status}`);
  return loadServer(server, "static", { url: origin + STATIC_FILE, connections: o.connections, duration: o.seconds }, { warmup: o.warmupSeconds, waitQuietSeconds: o.waitQuietSeconds });
}
