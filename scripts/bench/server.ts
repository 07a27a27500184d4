/**
 * The production server under test, started as `npm start` starts it (scripts/serve.mjs, one
 * child process on 127.0.0.1): its cold start to the first 200 of /api/health, its memory (VmRSS sampled from /proc, plus VmHWM),
 * and a watch for esbuild processes (compiling a lesson starts one: none may appear).
 * `stop()` is idempotent and also runs when the bench process exits or is interrupted.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { SERVER_SCRIPT, serverMallocEnv, serverNodeFlags } from "../runtime";
import fs from "node:fs";
import net from "node:net";

export type ServerOptions = {
  port: number;
  /** The SQLite file; or a PostgreSQL database in `databaseUrl` (`npm run bench -- --postgres`). */
  databasePath?: string;
  databaseUrl?: string;
  authSecret: string;
  /** Write a V8 CPU profile of the server into this folder (`node --cpu-prof`). */
  cpuProfileDir?: string;
  /** Extra Node flags for the server (experiments: heap sizes…). */
  nodeOptions?: string;
  startTimeoutMs?: number;
};

export type MemoryStats = { peakMB: number; hwmMB: number | null; samples: number; byPhase: Record<string, number>; treePeakMB: number };

export type BenchServer = {
  pid: number;
  origin: string;
  coldStartMs: number;
  /** performance.now() when the process was spawned (a CPU profile starts then). */
  spawnedAt: number;
  /** Names the phase that following RSS samples are attributed to. */
  phase(name: string): void;
  memory(): MemoryStats;
  /** esbuild processes seen under the server since start (pid → command line). */
  esbuildSeen(): Map<number, string>;
  /** The server's last lines of output (for error messages). */
  logTail(): string;
  /** How the server process ended, or null while it runs. */
  exitStatus(): { code: number | null; signal: string | null } | null;
  stop(): Promise<void>;
};

/** A free port in 3400–3499 (the range this project's benchmark may use). */
export async function freePort(preferred = 3457): Promise<number> {
  const candidates = [preferred, ...Array.from({ length: 100 }, (_, i) => 3400 + i).filter((p) => p !== preferred)];
  for (const port of candidates) {
    const ok = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error("no free port in 3400–3499");
}

function readStatusKb(pid: number, key: "VmRSS" | "VmHWM"): number | null {
  try {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Descendants of `root` (pid → parent), read from /proc. */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // Field 4 (ppid) follows the parenthesised command name, which may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parent.set(Number(entry), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const [child, p] of parent) {
      if (p !== pid) continue;
      out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim();
  } catch {
    return "";
  }
}

/** Clock ticks of the whole machine (busy, all) and of given processes, from /proc. */
export type CpuSnapshot = { busy: number; total: number; procs: number };

function procTicks(pid: number | "self"): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime, stime, cutime, cstime are fields 14–17 (11–14 after the command name).
    return Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  } catch {
    return 0;
  }
}

/** CPU time (user + system, ms) a process has used so far (clock ticks are 10 ms on Linux). */
export function processCpuMs(pid: number | "self"): number {
  return procTicks(pid) * 10;
}

export function cpuSnapshot(pids: (number | "self")[]): CpuSnapshot {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = line.reduce((a, b) => a + b, 0);
  const idle = (line[3] ?? 0) + (line[4] ?? 0);
  return { busy: total - idle, total, procs: pids.reduce<number>((s, p) => s + procTicks(p), 0) };
}

/**
 * Share of the machine's CPU used by processes other than the server and the benchmark
 * between two snapshots (another build or test run on the same cores distorts the figures).
 */
export function foreignCpuPercent(a: CpuSnapshot, b: CpuSnapshot): number {
  const total = b.total - a.total;
  if (total <= 0) return 0;
  const foreign = b.busy - a.busy - (b.procs - a.procs);
  return Math.max(0, Math.round((foreign / total) * 1000) / 10);
}

const live = new Set<ChildProcess>();
let exitHooked = false;
function hookExit() {
  if (exitHooked) return;
  exitHooked = true;
  // Last resort: never leave a server behind, whatever ends the bench.
  process.on("exit", () => {
    for (const c of live) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  });
}

export async function startServer(opts: ServerOptions): Promise<BenchServer> {
  hookExit();
  const origin = `http://127.0.0.1:${opts.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(opts.port),
    AUTH_URL: origin,
    AUTH_TRUST_HOST: "true",
    AUTH_SECRET: opts.authSecret,
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : { DATABASE_PATH: opts.databasePath }),
    BINOMIO_BENCH: "1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // The real content only (the build was made from it too).
  delete env.CONTENT_DIR;
  // The production server's memory settings (scripts/runtime.ts), then any the caller adds.
  Object.assign(env, serverMallocEnv(env));
  const nodeArgs = [...serverNodeFlags(env.NODE_OPTIONS), ...(opts.nodeOptions?.split(/\s+/).filter(Boolean) ?? []), ...(opts.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.cpuProfileDir}`] : [])];
  const args = [...nodeArgs, SERVER_SCRIPT];
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (tail.length > 200) tail.splice(0, tail.length - 200);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  // Set once the server answers; stop() may run before that.
  const timers: { rss?: NodeJS.Timeout; tree?: NodeJS.Timeout } = {};
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(timers.rss);
      clearInterval(timers.tree);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
        if (!killed) {
          child.kill("SIGKILL");
          await exited;
        }
      }
      live.delete(child);
    })();
    return stopping;
  };

  // Cold start: spawn → first 200 from /api/health.
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  let coldStartMs = -1;
  let nextNotice = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (Date.now() > nextNotice) {
      console.log(`[bench] still waiting for /api/health (server output: ${tail.slice(-3).join(" | ") || "none"})`);
      nextNotice += 15_000;
    }
    if (child.exitCode !== null) {
      throw new Error(`the server exited with code ${child.exitCode} before answering:\n${tail.slice(-30).join("\n")}`);
    }
    try {
      const res = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) {
        coldStartMs = performance.now() - t0;
        break;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  if (coldStartMs < 0) {
    await stop();
    throw new Error(`the server did not answer /api/health within ${(opts.startTimeoutMs ?? 60_000) / 1000} s:\n${tail.slice(-30).join("\n")}`);
  }

  const pid = child.pid!;
  let phase = "start";
  const byPhase: Record<string, number> = {};
  let peakKb = 0;
  let treePeakKb = 0;
  let samples = 0;
  const esbuild = new Map<number, string>();
  const sample = () => {
    const kb = readStatusKb(pid, "VmRSS");
    if (kb === null) return;
    samples++;
    peakKb = Math.max(peakKb, kb);
    byPhase[phase] = Math.max(byPhase[phase] ?? 0, kb);
  };
  const sampleTree = () => {
    let total = readStatusKb(pid, "VmRSS") ?? 0;
    for (const p of descendants(pid)) {
      total += readStatusKb(p, "VmRSS") ?? 0;
      const cmd = cmdline(p);
      if (/esbuild/.test(cmd)) esbuild.set(p, cmd);
    }
    treePeakKb = Math.max(treePeakKb, total);
  };
  sample();
  sampleTree();
  timers.rss = setInterval(sample, 200);
  timers.tree = setInterval(sampleTree, 1_000);
  timers.rss.unref();
  timers.tree.unref();

  const mb = (kb: number) => Math.round(kb / 102.4) / 10;
  return {
    pid,
    origin,
    coldStartMs,
    spawnedAt: t0,
    phase(name) {
      sample();
      phase = name;
    },
    memory() {
      sample();
      const hwm = readStatusKb(pid, "VmHWM");
      return {
        peakMB: mb(peakKb),
        hwmMB: hwm === null ? null : mb(hwm),
        samples,
        byPhase: Object.fromEntries(Object.entries(byPhase).map(([k, v]) => [k, mb(v)])),
        treePeakMB: mb(treePeakKb),
      };
    },
    esbuildSeen: () => new Map(esbuild),
    logTail: () => tail.slice(-40).join("\n"),
    exitStatus: () => (child.exitCode === null && child.signalCode === null ? null : { code: child.exitCode, signal: child.signalCode }),
    stop,
  };
}
