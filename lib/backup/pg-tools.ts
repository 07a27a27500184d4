import { spawn, type StdioOptions } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const VERSIONED_BIN = "/usr/lib/postgresql";

/**
 * The folder of PostgreSQL's client tools: the newest `/usr/lib/postgresql/<major>/bin` holding
 * pg_dump and pg_restore, else none (the tools are then looked up on PATH). Debian's
 * `/usr/bin/pg_dump` is a wrapper that picks a version from the local clusters' configuration; the
 * versioned binaries say which one runs. pg_dump must be of the server's major version or newer,
 * and the newest installed one is the best bet for a server on another machine.
 */
export function pgBinDir(root = VERSIONED_BIN): string | null {
  if (!fs.existsSync(root)) return null;
  const majors = fs
    .readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of majors) {
    const bin = path.join(root, v, "bin");
    if (fs.existsSync(path.join(bin, "pg_dump")) && fs.existsSync(path.join(bin, "pg_restore"))) return bin;
  }
  return null;
}

/** The command to run for a PostgreSQL client tool. */
export function pgTool(name: "pg_dump" | "pg_restore"): string {
  const dir = pgBinDir();
  return dir ? path.join(dir, name) : name;
}

/** The same server as `url`, another database on it. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** The database a URL names. */
export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}

/** A connection for libpq's tools: the URI without its password (the password goes through a 0600 passfile, never the command line). */
export type LibpqConnection = { uri: string; cleanup(): void };

/**
 * Turns a `postgres://` URL into what pg_dump/pg_restore take as `--dbname`: a command line is
 * visible to every user of the machine (`ps`), so a password moves to a passfile (libpq's
 * `passfile` parameter) in a private temp folder, removed by `cleanup()`.
 */
export function libpqConnection(url: string): LibpqConnection {
  const u = new URL(url);
  if (!u.password) return { uri: u.toString(), cleanup: () => {} };
  const password = decodeURIComponent(u.password);
  u.password = "";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-pgpass-"));
  const passfile = path.join(dir, "pgpass");
  // host:port:database:user:password, with `\` and `:` escaped in the password.
  fs.writeFileSync(passfile, `*:*:*:*:${password.replace(/[\\:]/g, (c) => `\\${c}`)}\n`, { mode: 0o600 });
  u.searchParams.set("passfile", passfile);
  return { uri: u.toString(), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** How a tool ended: its exit code, or the signal that ended it (`code` null). */
export type ToolRun = { code: number | null; signal?: NodeJS.Signals | null; stderr: string; stdout: string };

/**
 * Runs a client tool to its end. `stdout` may be a file descriptor (pg_dump writes the archive
 * there); otherwise it is collected. Never throws for a failing tool: the caller reads `code`.
 */
export function runTool(command: string, args: string[], opts: { stdout?: number } = {}): Promise<ToolRun> {
  return new Promise((resolve) => {
    const stdio: StdioOptions = ["ignore", opts.stdout ?? "pipe", "pipe"];
    const child = spawn(command, args, { stdio });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr!.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("error", (e) => resolve({ code: null, stdout, stderr: `${command}: ${e.message}` }));
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The last lines of a tool's error output, for a message. */
export function toolError(run: ToolRun): string {
  const lines = run.stderr.trim().split("\n").filter(Boolean);
  // pg_restore has been seen to crash (SIGSEGV) on an archive with damaged bytes in its table of contents.
  const ended = run.signal ? `it crashed (${run.signal}): a damaged archive` : `exit code ${run.code}`;
  return lines.slice(-3).join(" / ") || ended;
}
