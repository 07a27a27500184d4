/**
 * `npm run db:backup [dir]`: a consistent online backup into `dir`, else BACKUP_DIR, else
 * ./data/backups, verified before it gets its name; then only the newest BACKUP_KEEP (default
 * 14) backups of that kind are kept.
 * - SQLite (DATABASE_PATH): a copy of the file, `binomio-YYYYMMDD-HHMMSS.db` (UTC), checked for
 *   integrity, migrations and audit chain.
 * - PostgreSQL (DATABASE_URL): a `pg_dump --format=custom` archive, `binomio-YYYYMMDD-HHMMSS.dump`,
 *   restored into a scratch database and checked there (lib/backup/pg-verify.ts).
 * `npm run db:backup -- --verify <file>` checks an existing backup the same way, making none
 * (a `.dump` needs DATABASE_URL: the server to restore it into).
 * Exit 0 when verified, 1 when verification failed or could not be done (a new backup is kept
 * as `….unverified.db|dump`, nothing pruned), 2 when no backup could be made or checked at all.
 * Meant for cron (see the README).
 */
import fs from "node:fs";
import path from "node:path";
import { createBackup, DEFAULT_BACKUP_DIR, DEFAULT_BACKUP_KEEP } from "@/lib/backup/backup";
import { BACKUP_USAGE, backupFileKind, parseBackupArgs } from "@/lib/backup/backup-args";
import { createPgBackup } from "@/lib/backup/pg-dump";
import { checkPgArchive, type PgArchiveCheck } from "@/lib/backup/pg-verify";
import { checkDatabaseFile } from "@/lib/backup/verify";
import { env, type Env } from "@/lib/env";

const POSTGRES_NOTE = [
  "On PostgreSQL the primary protection is PostgreSQL's own: continuous archiving of the WAL with base",
  "backups (pg_basebackup) for point-in-time recovery, and a streaming replica. This command makes and",
  "verifies a logical pg_dump archive: the fund's evidence, and a copy to keep off-site.",
].join("\n");

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

function describePg(check: PgArchiveCheck): string {
  const events = check.audit?.ok ? check.audit.count : 0;
  const rows = check.rowCountsCompared ? ", row counts equal to the database at dump time" : "";
  return `${events} audit events, ${check.migrations ?? 0} migrations, ${check.foreignKeys} foreign keys valid${rows}`;
}

function reportProblems(what: string, problems: string[]): void {
  console.error(what);
  for (const p of problems) console.error(`  - ${p}`);
}

async function backupPostgres(url: string, dir: string, keep: number): Promise<number> {
  console.log(POSTGRES_NOTE);
  const started = performance.now();
  const r = await createPgBackup({ url, dir, keep });
  for (const w of r.check.warnings) console.error(`db:backup: ${w}`);
  if (!r.ok) {
    const verdict = r.check.scratchRefused ? "could NOT be verified" : "FAILED verification";
    reportProblems(`db:backup: the archive ${verdict} and was kept as ${r.file}:`, r.check.problems);
    console.error("No older backup was deleted. Check the live database (npm run audit:verify).");
    return 1;
  }
  console.log(`Backup written and verified: ${r.file} (${(r.bytes / 1024).toFixed(0)} KiB, ${describePg(r.check)}, ${seconds(started)} s).`);
  if (r.pruned.length) console.log(`Removed ${r.pruned.length} old backup(s) beyond the newest ${keep}: ${r.pruned.join(", ")}`);
  return 0;
}

async function backupSqlite(databaseFile: string, dir: string, keep: number): Promise<number> {
  const started = performance.now();
  const r = await createBackup({ databaseFile, dir, keep });
  if (!r.ok) {
    reportProblems(`db:backup: the copy FAILED verification and was kept as ${r.file}:`, r.check.problems);
    console.error("No older backup was deleted. Check the live database (npm run audit:verify).");
    return 1;
  }
  const events = r.check.audit?.ok ? r.check.audit.count : 0;
  console.log(`Backup written and verified: ${r.file} (${(r.bytes / 1024).toFixed(0)} KiB, ${events} audit events, ${seconds(started)} s).`);
  if (r.pruned.length) console.log(`Removed ${r.pruned.length} old backup(s) beyond the newest ${keep}: ${r.pruned.join(", ")}`);
  return 0;
}

async function verifyFile(file: string, url: string | undefined): Promise<number> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    console.error(`db:backup --verify: no backup file at ${file}`);
    return 2;
  }
  const kind = backupFileKind(file);
  if (kind === "unknown") {
    console.error(`db:backup --verify: ${file} FAILED verification: it is neither a pg_dump custom-format archive nor a SQLite database.`);
    return 1;
  }
  if (kind === "sqlite") {
    const check = await checkDatabaseFile(file);
    if (!check.ok) {
      reportProblems(`db:backup --verify: ${file} FAILED verification:`, check.problems);
      return 1;
    }
    console.log(`Verified: ${file} (integrity ok, ${check.audit?.ok ? check.audit.count : 0} audit events, ${check.migrations ?? 0} migrations).`);
    return 0;
  }
  if (!url) {
    console.error("db:backup --verify: a pg_dump archive is verified by restoring it into a scratch database: set DATABASE_URL to a PostgreSQL server (any database on it).");
    return 2;
  }
  const check = await checkPgArchive({ url, file });
  for (const w of check.warnings) console.error(`db:backup: ${w}`);
  if (!check.ok) {
    reportProblems(`db:backup --verify: ${file} ${check.scratchRefused ? "could NOT be verified" : "FAILED verification"}:`, check.problems);
    return 1;
  }
  console.log(`Verified: ${file} (restored into a scratch database, since dropped: ${describePg(check)}).`);
  return 0;
}

async function main(): Promise<number> {
  const command = parseBackupArgs(process.argv.slice(2));
  if (command.kind === "usage") {
    if (command.error) console.error(`db:backup: ${command.error}`);
    console.error(BACKUP_USAGE);
    return command.error ? 2 : 0;
  }
  let config: Env;
  try {
    config = env();
  } catch (e) {
    console.error(`db:backup: ${(e as Error).message}`);
    return 2;
  }
  if (command.kind === "verify") return verifyFile(path.resolve(command.file), config.DATABASE_URL);
  const dir = path.resolve(command.dir || config.BACKUP_DIR || DEFAULT_BACKUP_DIR);
  const keep = config.BACKUP_KEEP ?? DEFAULT_BACKUP_KEEP;
  if (config.DATABASE_URL) return backupPostgres(config.DATABASE_URL, dir, keep);
  return backupSqlite(path.resolve(config.DATABASE_PATH), dir, keep);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`db:backup failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);
