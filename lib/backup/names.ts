import fs from "node:fs";
import path from "node:path";

/** What a backup file ends with: `db` for a copy of the SQLite file, `dump` for a `pg_dump` custom-format archive. */
export type BackupKind = "db" | "dump";

/** `binomio-YYYYMMDD-HHMMSS.db` (UTC), with `-2`, `-3`… when two backups fall in the same second. */
export const BACKUP_NAME = backupNamePattern("db");

/** The name pattern of one kind of backup (`binomio-YYYYMMDD-HHMMSS[-N].<kind>`). */
export function backupNamePattern(kind: BackupKind): RegExp {
  return new RegExp(`^binomio-(\\d{8})-(\\d{6})(?:-(\\d+))?\\.${kind}$`);
}

/** Where a backup that failed verification is kept: `binomio-….unverified.<kind>` (never pruned: it matches no backup name). */
export function unverifiedName(name: string, kind: BackupKind): string {
  return name.replace(new RegExp(`\\.${kind}$`), `.unverified.${kind}`);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The UTC timestamp used in backup names and in `.before-restore-<ts>` files: `YYYYMMDD-HHMMSS`. */
export function utcStamp(now: Date): string {
  return (
    `${pad(now.getUTCFullYear(), 4)}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}-` +
    `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`
  );
}

/** A backup file name for `now` that does not exist yet in `dir`. */
export function freeBackupName(dir: string, now: Date, kind: BackupKind = "db"): string {
  const base = `binomio-${utcStamp(now)}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${base}.${kind}` : `${base}-${n}.${kind}`;
    if (!fs.existsSync(path.join(dir, name))) return name;
  }
}

/** The backups of one kind in `dir` (files named like {@link backupNamePattern}), newest first. */
export function listBackups(dir: string, kind: BackupKind = "db"): string[] {
  if (!fs.existsSync(dir)) return [];
  const pattern = backupNamePattern(kind);
  const key = (name: string) => {
    const m = pattern.exec(name)!;
    return `${m[1]}${m[2]}${(m[3] ?? "1").padStart(6, "0")}`;
  };
  return fs
    .readdirSync(dir)
    .filter((n) => pattern.test(n) && fs.statSync(path.join(dir, n)).isFile())
    .sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
}
