/**
 * `npm run db:backup [dir]`: a consistent online backup of DATABASE_PATH (safe while the site
 * runs) into `dir`, else BACKUP_DIR, else ./data/backups, named `binomio-YYYYMMDD-HHMMSS.db`
 * (UTC). The copy is verified (integrity, migrations, audit chain) before it gets that name;
 * then only the newest BACKUP_KEEP (default 14) backups are kept.
 * Exit 0 when verified, 1 when the copy failed verification (kept as `….unverified.db`, nothing
 * pruned), 2 when no backup could be made. Meant for cron (see the README).
 */
import path from "node:path";
import { createBackup, DEFAULT_BACKUP_DIR, DEFAULT_BACKUP_KEEP } from "@/lib/backup/backup";
import { env, type Env } from "@/lib/env";

async function main(): Promise<number> {
  let config: Env;
  try {
    config = env();
  } catch (e) {
    console.error(`db:backup: ${(e as Error).message}`);
    return 2;
  }
  const databaseFile = path.resolve(config.DATABASE_PATH);
  const dir = path.resolve(process.argv[2] || config.BACKUP_DIR || DEFAULT_BACKUP_DIR);
  const keep = config.BACKUP_KEEP ?? DEFAULT_BACKUP_KEEP;
  const started = performance.now();
  const r = await createBackup({ databaseFile, dir, keep });
  if (!r.ok) {
    console.error(`db:backup: the copy FAILED verification and was kept as ${r.file}:`);
    for (const p of r.check.problems) console.error(`  - ${p}`);
    console.error("No older backup was deleted. Check the live database (npm run audit:verify).");
    return 1;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const events = r.check.audit?.ok ? r.check.audit.count : 0;
  console.log(`Backup written and verified: ${r.file} (${(r.bytes / 1024).toFixed(0)} KiB, ${events} audit events, ${seconds} s).`);
  if (r.pruned.length) console.log(`Removed ${r.pruned.length} old backup(s) beyond the newest ${keep}: ${r.pruned.join(", ")}`);
  return 0;
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
