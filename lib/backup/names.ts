import fs from "node:fs";
import path from "node:path";

/** `binomio-YYYYMMDD-HHMMSS.db` (UTC), with `-2`, `-3`… when two backups fall in the same second. */
export const BACKUP_NAME = /^binomio-(\d{8})-(\d{6})(?:-(\d+))?\.db$/;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The UTC timestamp used in backup names and in `.before-restore-<ts>` files: `YYYYMMDD-HHMMSS`. */
export function utcStamp(now: Date): string {
  return (
    `${pad(now.getUTCFullYear(), 4)}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}-` +
    `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`
  );
}

/** A backup file name for `now` that does not exist yet in `dir`. */
export function freeBackupName(dir: string, now: Date): string {
  const base = `binomio-${utcStamp(now)}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${base}.db` : `${base}-${n}.db`;
    if (!fs.existsSync(path.join(dir, name))) return name;
  }
}

/** The backups in `dir` (files named like {@link BACKUP_NAME}), newest first. */
export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const key = (name: string) => {
    const m = BACKUP_NAME.exec(name)!;
    return `${m[1]}${m[2]}${(m[3] ?? "1").padStart(6, "0")}`;
  };
  return fs
    .readdirSync(dir)
    .filter((n) => BACKUP_NAME.test(n) && fs.statSync(path.join(dir, n)).isFile())
    .sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
}
