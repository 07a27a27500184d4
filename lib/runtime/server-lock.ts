/**
 * The server's lock file: `<DATABASE_PATH>.server.pid`, written by the Next server process at
 * start-up (instrumentation.ts) and removed when it exits. `npm run db:restore` refuses to
 * replace a database whose lock names a live process. A server killed with SIGKILL leaves a
 * stale lock behind; the pid it names is then dead, which is how a stale lock is told apart.
 *
 * Several server processes may share one database (issue #24). Each also keeps a lock of its
 * own, `<DATABASE_PATH>.server.pid.<pid>`, and the main lock names one of them: a process that
 * exits while the main lock names it hands the main lock to another live one, and removes it only
 * when none is left — so stopping one of two servers never makes the database look unused.
 */
import fs from "node:fs";
import path from "node:path";

export type ServerLock = { pid: number; startedAt: string; alive: boolean };

export function serverLockPath(databaseFile: string): string {
  return `${path.resolve(/*turbopackIgnore: true*/ databaseFile)}.server.pid`;
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Writes `content` to `file` through a temp file and a rename, so a reader never sees half of it. */
function writeAtomically(file: string, content: string, pid: number): void {
  const tmp = `${file}.${pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o644 });
  fs.renameSync(tmp, file);
}

/** The per-process locks beside the main one: `<main>.<pid>` files. */
function processLocks(databaseFile: string): { pid: number; file: string }[] {
  const main = serverLockPath(databaseFile);
  const prefix = `${path.basename(main)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(main));
  } catch {
    return [];
  }
  return names.filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length))).map((n) => ({ pid: Number(n.slice(prefix.length)), file: path.join(path.dirname(main), n) }));
}

/** Writes the lock for this process, its own and the main one. */
export function writeServerLock(databaseFile: string, pid = process.pid, now = new Date()): string {
  const file = serverLockPath(databaseFile);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const content = `${JSON.stringify({ pid, startedAt: now.toISOString() })}\n`;
  writeAtomically(`${file}.${pid}`, content, pid);
  writeAtomically(file, content, pid);
  return file;
}

/** The lock, if any, and whether its process still runs. An unreadable lock counts as held by an unknown live process. */
export function readServerLock(databaseFile: string): ServerLock | null {
  const file = serverLockPath(databaseFile);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  try {
    const parsed = JSON.parse(text) as { pid?: unknown; startedAt?: unknown };
    const pid = Number(parsed.pid);
    return { pid, startedAt: String(parsed.startedAt ?? ""), alive: isProcessAlive(pid) };
  } catch {
    return { pid: NaN, startedAt: "", alive: true };
  }
}

/**
 * Removes this process's lock. The main lock, when it names this process, goes to another
 * server still running on the database, or is removed when there is none (another server may
 * also have taken it over already: then it is left alone).
 */
export function removeServerLock(databaseFile: string, pid = process.pid): void {
  const file = serverLockPath(databaseFile);
  fs.rmSync(`${file}.${pid}`, { force: true });
  let ours = false;
  try {
    ours = Number((JSON.parse(fs.readFileSync(file, "utf8")) as { pid?: unknown }).pid) === pid;
  } catch {
    // Missing or unreadable: nothing of ours to remove.
  }
  if (!ours) return;
  for (const other of processLocks(databaseFile)) {
    if (!isProcessAlive(other.pid)) {
      fs.rmSync(other.file, { force: true });
      continue;
    }
    try {
      writeAtomically(file, fs.readFileSync(other.file, "utf8"), pid);
      return;
    } catch {
      // It exited meanwhile: try the next one.
    }
  }
  fs.rmSync(file, { force: true });
}
