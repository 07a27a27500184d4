/**
 * The server's lock file: `<DATABASE_PATH>.server.pid`, written by the Next server process at
 * start-up (instrumentation.ts) and removed when it exits. `npm run db:restore` refuses to
 * replace a database whose lock names a live process. A server killed with SIGKILL leaves a
 * stale lock behind; the pid it names is then dead, which is how a stale lock is told apart.
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

/** Writes the lock for this process (temp file + rename, so a reader never sees half of it). */
export function writeServerLock(databaseFile: string, pid = process.pid, now = new Date()): string {
  const file = serverLockPath(databaseFile);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify({ pid, startedAt: now.toISOString() })}\n`, { mode: 0o644 });
  fs.renameSync(tmp, file);
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

/** Removes the lock, but only when it is this process's (another server may have taken it over). */
export function removeServerLock(databaseFile: string, pid = process.pid): void {
  const file = serverLockPath(databaseFile);
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as { pid?: unknown };
    if (Number(parsed.pid) === pid) fs.rmSync(file, { force: true });
  } catch {
    // Missing or unreadable: nothing of ours to remove.
  }
}
