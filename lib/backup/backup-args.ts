import fs from "node:fs";

/** What `npm run db:backup` was asked to do. */
export type BackupCommand = { kind: "backup"; dir?: string } | { kind: "verify"; file: string } | { kind: "usage"; error?: string };

export const BACKUP_USAGE = [
  "Usage: npm run db:backup [dir]                 make and verify a backup (into dir, else BACKUP_DIR, else ./data/backups)",
  "       npm run db:backup -- --verify <file>    verify an existing backup (a .db copy, or a .dump archive with DATABASE_URL)",
].join("\n");

/** Parses the command line (`process.argv.slice(2)`): no argument, a folder, or `--verify <file>`. */
export function parseBackupArgs(argv: readonly string[]): BackupCommand {
  const [first, second, ...rest] = argv;
  if (first === undefined) return { kind: "backup" };
  if (first === "--help" || first === "-h") return { kind: "usage" };
  if (first === "--verify") {
    if (!second || second.startsWith("-")) return { kind: "usage", error: "--verify needs the backup file to check" };
    if (rest.length) return { kind: "usage", error: `unexpected argument(s): ${rest.join(" ")}` };
    return { kind: "verify", file: second };
  }
  if (first.startsWith("-")) return { kind: "usage", error: `unknown option ${first}` };
  if (second !== undefined) return { kind: "usage", error: `unexpected argument(s): ${[second, ...rest].join(" ")}` };
  return { kind: "backup", dir: first };
}

/** Which kind of backup a file is, by its first bytes (the name may have been changed on the way). */
export function backupFileKind(file: string): "sqlite" | "pg_dump" | "unknown" {
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, "r");
  let n: number;
  try {
    n = fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  const bytes = head.subarray(0, n);
  if (bytes.toString("latin1") === "SQLite format 3\0") return "sqlite";
  if (bytes.subarray(0, 5).toString("latin1") === "PGDMP") return "pg_dump";
  return "unknown";
}
