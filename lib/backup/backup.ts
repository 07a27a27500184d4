import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { freeBackupName, listBackups, unverifiedName, type BackupKind } from "./names";
import { checkDatabaseFile, type DatabaseCheck } from "./verify";

export const DEFAULT_BACKUP_DIR = "./data/backups";
export const DEFAULT_BACKUP_KEEP = 14;

export type BackupResult =
  | { ok: true; file: string; bytes: number; check: DatabaseCheck; pruned: string[] }
  /** The copy was written but failed verification: kept under `file` (`….unverified.db`), nothing pruned. */
  | { ok: false; file: string; check: DatabaseCheck };

/** Opens a directory and fsyncs it, so a rename inside it survives a power cut. */
export function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A consistent copy of a live database, safe while the server runs and writes.
 *
 * 1. SQLite's online backup API (better-sqlite3 `db.backup`) from a read-only connection, in
 *    one step: in WAL mode the copy is one read snapshot and writers are never blocked;
 * 2. the copy is switched to rollback-journal mode, so it is one self-contained file;
 * 3. it is checked read-only (`checkDatabaseFile`: integrity, migrations, audit chain);
 * 4. only then is `.binomio-….db.partial` renamed to `binomio-YYYYMMDD-HHMMSS.db` (mode 0600:
 *    it holds personal data), so a file with a backup's name is always complete and verified;
 * 5. older backups beyond the newest `keep` are deleted — never the one just written, and
 *    never after a failed verification.
 *
 * @throws when the database file does not exist or the copy cannot be written
 */
export async function createBackup(opts: { databaseFile: string; dir: string; keep?: number; now?: Date }): Promise<BackupResult> {
  const databaseFile = path.resolve(opts.databaseFile);
  const dir = path.resolve(opts.dir);
  const keep = opts.keep ?? DEFAULT_BACKUP_KEEP;
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError("BACKUP_KEEP must be a whole number ≥ 1");
  if (!fs.existsSync(databaseFile)) throw new Error(`no database at ${databaseFile}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });

  const name = freeBackupName(dir, opts.now ?? new Date());
  const partial = path.join(dir, `.${name}.partial`);
  fs.rmSync(partial, { force: true });
  const source = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    // All remaining pages in each step: one read snapshot, no restart when the server writes meanwhile.
    await source.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const copy = new Database(partial);
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  fs.chmodSync(partial, 0o600);
  fsyncFile(partial);

  const check = await checkDatabaseFile(partial);
  if (!check.ok) {
    const kept = path.join(dir, unverifiedName(name, "db"));
    fs.renameSync(partial, kept);
    return { ok: false, file: kept, check };
  }
  const file = path.join(dir, name);
  fs.renameSync(partial, file);
  fsyncDir(dir);
  const pruned = pruneBackups(dir, keep, name);
  return { ok: true, file, bytes: fs.statSync(file).size, check, pruned };
}

/**
 * Deletes the backups of one kind in `dir` beyond the newest `keep`, never `protect` (the file
 * just written, whatever the clock says). SQLite copies and PostgreSQL archives in one folder
 * are counted apart. @returns the deleted file names
 */
export function pruneBackups(dir: string, keep: number, protect: string, kind: BackupKind = "db"): string[] {
  const others = listBackups(dir, kind).filter((n) => n !== protect);
  const doomed = others.slice(Math.max(0, keep - 1));
  for (const n of doomed) fs.rmSync(path.join(dir, n), { force: true });
  return doomed;
}
