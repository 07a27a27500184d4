import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * A throwaway PostgreSQL cluster for tests: its own data directory and socket directory in a temp
 * dir, listening on 127.0.0.1 only, on a port of its own. It never touches another cluster of the
 * machine (no default data directory, no default socket, no service manager).
 */
export type PgCluster = {
  port: number;
  /** The temp dir holding the data directory (`data/`), the server log and the socket. */
  dir: string;
  url(db: string): string;
  /** Creates an empty database (a random name by default), or a copy of `template`, and returns its URL. */
  createDatabase(name?: string, template?: string): Promise<string>;
  /** Stops the server at once (`pg_ctl stop -m immediate`) and removes the temp dir. */
  stop(): Promise<void>;
};

export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

/** initdb refuses root: as root every server command runs as `postgres`; anyone else runs them as themselves. */
function asClusterOwner(cmd: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [cmd, args];
  const known = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  if (known.status !== 0) {
    throw new Error("Running as root, and there is no `postgres` user to own the test cluster: install postgresql-15 (apt-get install -y postgresql-15) or run as a non-root user.");
  }
  return ["runuser", ["-u", "postgres", "--", cmd, ...args]];
}

function run(cmd: string, args: string[], what: string, log?: string): void {
  const [c, a] = asClusterOwner(cmd, args);
  const r = spawnSync(c, a, { encoding: "utf8" });
  if (r.status !== 0) {
    const tail = log && fs.existsSync(log) ? `\n--- server log ---\n${fs.readFileSync(log, "utf8").slice(-2000)}` : "";
    throw new Error(`${what} failed (${c} ${a.join(" ")}): ${r.error?.message ?? ""}${r.stderr}${r.stdout}${tail}`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Stops the cluster at once when `pid` ends, however it ends (SIGKILL included): a detached shell
 * polls it. Exit hooks alone would leave a server behind a test process killed hard.
 */
function watchdog(pid: number, dataDir: string, dir: string): number | undefined {
  const [c, a] = asClusterOwner(path.join(PG_BIN, "pg_ctl"), ["stop", "-D", dataDir, "-m", "immediate"]);
  const stop = [c, ...a].map((s) => `'${s.replace(/'/g, `'\\''`)}'`).join(" ");
  const script = `while kill -0 ${pid} 2>/dev/null; do sleep 1; done; ${stop} >/dev/null 2>&1; rm -rf '${dir}'`;
  const child = spawn("sh", ["-c", script], { detached: true, stdio: "ignore" });
  child.unref();
  return child.pid;
}

export type StartOptions = {
  /** A fixed port (else PG_TEST_PORT, else a free one). */
  port?: number;
  /** The process whose end stops the cluster (default: this one). */
  ownerPid?: number;
  /** Stop it when this process exits (default true; false when another process owns it). */
  stopOnExit?: boolean;
};

/** Stops the cluster in `dir` at once, if running, and removes `dir`. */
export function stopClusterAt(dir: string): void {
  try {
    run(path.join(PG_BIN, "pg_ctl"), ["stop", "-D", path.join(dir, "data"), "-m", "immediate", "-w"], "pg_ctl stop");
  } catch {
    // Not running (start failed, or already gone): the directory still goes.
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Starts a PostgreSQL 15 cluster in a new temp dir (~2 s: initdb, then the server). */
export async function startPgCluster(opts: StartOptions = {}): Promise<PgCluster> {
  const initdb = path.join(PG_BIN, "initdb");
  if (!fs.existsSync(initdb)) {
    throw new Error(`No PostgreSQL at ${PG_BIN} (set PG_BIN, or install it: apt-get install -y postgresql-15; scripts/test.sh does).`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-pg-"));
  const dataDir = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  if (process.getuid?.() === 0) {
    asClusterOwner("true", []); // the clear error when there is no postgres user
    execFileSync("chown", ["postgres:postgres", dir]);
  }
  fs.chmodSync(dir, 0o700);
  let watcher: number | undefined;
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    stopClusterAt(dir);
    if (watcher) {
      try {
        process.kill(watcher);
      } catch {
        // Already gone.
      }
    }
    process.off("exit", stopNow);
  };
  try {
    run(initdb, ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C", "--no-instructions"], "initdb");
    if (opts.stopOnExit !== false) process.on("exit", stopNow);
    const fixed = opts.port ?? (process.env.PG_TEST_PORT ? Number(process.env.PG_TEST_PORT) : undefined);
    let port = 0;
    // A free port may be taken between the probe and the server's bind: try another one.
    for (let attempt = 1; ; attempt++) {
      port = fixed ?? (await freePort());
      const server = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        run(path.join(PG_BIN, "pg_ctl"), ["start", "-D", dataDir, "-w", "-t", "60", "-l", log, "-o", server], "pg_ctl start", log);
        break;
      } catch (e) {
        if (fixed || attempt >= 3) throw e;
      }
    }
    watcher = watchdog(opts.ownerPid ?? process.pid, dataDir, dir);
    return clusterHandle(port, dir, async () => stopNow());
  } catch (e) {
    stopNow();
    throw e;
  }
}

/** A handle on a running cluster (also built from the port alone, in a test worker that did not start it). */
export function clusterHandle(port: number, dir: string, stop: () => Promise<void> = async () => {}): PgCluster {
  const url = (db: string) => `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(db)}`;
  return {
    port,
    dir,
    url,
    stop,
    // Not from node:crypto: tests that seed its random stream (tests/support/seeded-crypto.ts) must draw the same values on both engines.
    async createDatabase(name = `t_${process.pid}_${process.hrtime.bigint()}`, template?: string) {
      const client = new pg.Client({ connectionString: url("postgres") });
      await client.connect();
      try {
        const quoted = (n: string) => `"${n.replace(/"/g, '""')}"`;
        await client.query(`CREATE DATABASE ${quoted(name)}${template ? ` TEMPLATE ${quoted(template)}` : ""}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
  };
}
