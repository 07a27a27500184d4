/**
 * `npm run db:restore <backup-file>`: replaces DATABASE_PATH with a backup. Refuses while a
 * server uses the database; checks the backup first (integrity, migrations, audit chain); keeps
 * the current database as `<name>.before-restore-<UTC timestamp>`; swaps atomically.
 * Exit 0 restored, 1 refused (in use, or the backup failed its checks), 2 usage or I/O error.
 * With DATABASE_URL (PostgreSQL) it restores nothing: it prints the pg_restore procedure and exits 2.
 */
import path from "node:path";
import { env } from "@/lib/env";
import { pgRestoreProcedure } from "@/lib/backup/pg-restore-procedure";
import { restoreBackup } from "@/lib/backup/restore";

async function main(): Promise<number> {
  const backup = process.argv[2];
  const url = env().DATABASE_URL;
  if (url) {
    console.error(pgRestoreProcedure(url, backup));
    return 2;
  }
  if (!backup) {
    console.error("Usage: npm run db:restore <backup-file>   (restores into DATABASE_PATH, default ./data/binomio.db)");
    return 2;
  }
  const databaseFile = path.resolve(env().DATABASE_PATH);
  const r = await restoreBackup({ backupFile: backup, databaseFile });
  if (!r.ok) {
    console.error(`db:restore refused: ${r.message}`);
    return r.reason === "no-backup" ? 2 : 1;
  }
  if (r.warning) console.warn(`db:restore: ${r.warning}.`);
  if (r.previous) console.log(`The previous database is kept as ${r.previous}.`);
  const events = r.check.audit?.ok ? r.check.audit.count : 0;
  console.log(`Restored ${path.resolve(backup)} into ${r.databaseFile} (integrity ok, ${events} audit events verified). Start the server again.`);
  return 0;
}

// No top-level await: the scripts run as CommonJS (tsx).
main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`db:restore failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);
