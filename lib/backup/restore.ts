import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { readServerLock } from "@/lib/runtime/server-lock";
import { fsyncDir } from "./backup";
import { utcStamp } from "./names";
import { checkDatabaseFile, type DatabaseCheck } from "./verify";

export type RestoreResult =
  | {
      ok: true;
      databaseFile: string;
      /** Where the replaced database was kept, or null when there was none. */
      previous: string | null;
      check: DatabaseCheck;
      /** Set when the replaced database could not be opened (kept byte for byte anyway). */
      warning?: string;
    }
  | { ok: false; reason: "no-backup" | "in-use" | "invalid-backup"; message: string; check?: DatabaseCheck };

/**
 * Is another connection using the database? A server holds its connection open (it opens it at
 * start-up), so an exclusive lock cannot be taken while it runs, even when it is idle. When the
 * lock is taken, the WAL is folded into the main file first, so a copy of that file is complete.
 * @returns "free", "busy", or the error that kept the file from being opened (damaged file)
 */
function probeAndCheckpoint(file: string): "free" | "busy" | Error {
  let probe: Database.Database | undefined;
  try {
    probe = new Database(file, { fileMustExist: true, timeout: 0 });
    probe.pragma("locking_mode = EXCLUSIVE");
    probe.exec("BEGIN EXCLUSIVE");
    probe.exec("COMMIT");
    if ((probe.pragma("journal_mode", { simple: true }) as string) === "wal") probe.pragma("wal_checkpoint(TRUNCATE)");
    return "free";
  } catch (e) {
    const code = (e as { code?: string }).code;
    return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED" ? "busy" : (e as Error);
  } finally {
    probe?.close();
  }
}

/**
 * Replaces the database with a backup, refusing while a server uses it.
 *
 * 1. Refuses when `<database>.server.pid` names a live process, or when an exclusive lock on
 *    the database cannot be taken (some process has it open).
 * 2. Copies the backup next to the database (`….restore-<ts>.tmp`) and checks that copy:
 *    integrity, migrations table, audit chain. A bad backup changes nothing.
 * 3. Keeps the current database as `<name>.before-restore-<ts>` (its WAL folded in first).
 * 4. Removes the old `-wal`, `-shm` and `-journal` (they belong to the old file and SQLite
 *    would replay them into the new one), then renames the copy over the database: a reader
 *    sees the old file or the new one, never half of one.
 *
 * Pending migrations (a backup from an older version) are applied when the server starts.
 */
export async function restoreBackup(opts: { backupFile: string; databaseFile: string; now?: Date }): Promise<RestoreResult> {
  const backupFile = path.resolve(opts.backupFile);
  const databaseFile = path.resolve(opts.databaseFile);
  const stamp = utcStamp(opts.now ?? new Date());
  if (!fs.existsSync(backupFile) || !fs.statSync(backupFile).isFile()) {
    return { ok: false, reason: "no-backup", message: `no backup file at ${backupFile}` };
  }
  const inUse = (): RestoreResult | null => {
    const lock = readServerLock(databaseFile);
    if (lock?.alive) {
      const who = Number.isFinite(lock.pid) ? `a server (pid ${lock.pid}, started ${lock.startedAt})` : "a server";
      return { ok: false, reason: "in-use", message: `${databaseFile} is in use by ${who}: stop it first (SIGTERM), then restore.` };
    }
    return null;
  };
  const locked = inUse();
  if (locked) return locked;

  let warning: string | undefined;
  const exists = fs.existsSync(databaseFile);
  if (exists) {
    const probe = probeAndCheckpoint(databaseFile);
    if (probe === "busy") {
      return { ok: false, reason: "in-use", message: `${databaseFile} is open in another process (it could not be locked): stop it first, then restore.` };
    }
    if (probe instanceof Error) warning = `the current database could not be opened (${probe.message}); it is kept as it was`;
  }

  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  const tmp = `${databaseFile}.restore-${stamp}.tmp`;
  fs.copyFileSync(backupFile, tmp);
  let check: DatabaseCheck;
  try {
    // A backup written by db:backup is already in rollback-journal mode; a raw copy of a WAL file is switched, so it can be checked read-only.
    const normalise = new Database(tmp, { fileMustExist: true });
    try {
      normalise.pragma("journal_mode = DELETE");
    } finally {
      normalise.close();
    }
    check = await checkDatabaseFile(tmp);
  } catch (e) {
    check = { ok: false, problems: [(e as Error).message], integrity: null, audit: null, migrations: null };
  }
  if (!check.ok) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) fs.rmSync(f, { force: true });
    return { ok: false, reason: "invalid-backup", message: `the backup failed its checks: ${check.problems.join("; ")}`, check };
  }

  // A server that started meanwhile wins: check again just before touching the database.
  const lockedNow = inUse();
  if (lockedNow) {
    fs.rmSync(tmp, { force: true });
    return lockedNow;
  }
  let previous: string | null = null;
  if (exists) {
    previous = `${databaseFile}.before-restore-${stamp}`;
    fs.copyFileSync(databaseFile, previous, fs.constants.COPYFILE_EXCL);
    // Only left when the old file could not be opened to fold its WAL in: keep it with its copy.
    if (fs.existsSync(`${databaseFile}-wal`) && fs.statSync(`${databaseFile}-wal`).size > 0) {
      fs.copyFileSync(`${databaseFile}-wal`, `${previous}-wal`, fs.constants.COPYFILE_EXCL);
    }
    fs.chmodSync(tmp, fs.statSync(databaseFile).mode & 0o777);
  } else {
    fs.chmodSync(tmp, 0o600);
  }
  for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
  fs.renameSync(tmp, databaseFile);
  fsyncDir(path.dirname(databaseFile));
  return { ok: true, databaseFile, previous, check, ...(warning ? { warning } : {}) };
}
