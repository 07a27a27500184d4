import Database from "better-sqlite3";
import { attachDatabase } from "@/db/open";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { MIGRATIONS_FOLDER } from "@/db/migrate";
import { verifyAuditChain, type AuditChainResult } from "@/lib/audit/trail";

export type DatabaseCheck = {
  ok: boolean;
  /** Readable reasons the file is not a usable Binomio database; empty when `ok`. */
  problems: string[];
  /** `PRAGMA integrity_check` output ("ok" when sound), or null when the file could not be opened. */
  integrity: string | null;
  audit: AuditChainResult | null;
  /** Rows in drizzle's `__drizzle_migrations`, or null when the table is missing. */
  migrations: number | null;
};

/**
 * Checks a database file without changing it (opened read-only): SQLite's
 * `PRAGMA integrity_check` and `foreign_key_check`, the migrations table (present, and no
 * migration newer than this code knows), and the audit hash chain (`verifyAuditChain`).
 * Open it in rollback-journal mode (as backups are written): a WAL file would need its
 * `-shm` beside it.
 */
export async function checkDatabaseFile(file: string, migrationsFolder = MIGRATIONS_FOLDER): Promise<DatabaseCheck> {
  const problems: string[] = [];
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    return { ok: false, problems: [`cannot open it as SQLite: ${(e as Error).message}`], integrity: null, audit: null, migrations: null };
  }
  let integrity: string | null = null;
  let audit: AuditChainResult | null = null;
  let migrations: number | null = null;
  try {
    try {
      const rows = sqlite.pragma("integrity_check") as { integrity_check: string }[];
      integrity = rows.map((r) => r.integrity_check).join("; ");
    } catch (e) {
      integrity = (e as Error).message;
    }
    if (integrity !== "ok") problems.push(`integrity_check: ${integrity}`);
    else {
      const fk = sqlite.pragma("foreign_key_check") as unknown[];
      if (fk.length) problems.push(`foreign_key_check: ${fk.length} row(s) point to missing rows`);
    }

    const table = (name: string) => sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    if (integrity === "ok") {
      if (!table("__drizzle_migrations")) problems.push("no __drizzle_migrations table: not a Binomio database");
      else {
        const m = sqlite.prepare(`SELECT count(*) AS n, max(created_at) AS last FROM "__drizzle_migrations"`).get() as { n: number; last: number | null };
        migrations = m.n;
        const known = readMigrationFiles({ migrationsFolder }).at(-1)?.folderMillis ?? 0;
        if (m.n === 0) problems.push("__drizzle_migrations is empty: not a Binomio database");
        else if (Number(m.last) > known) problems.push("it was written by a newer version of Binomio (it has migrations this code does not know)");
      }
      if (!table("audit_events")) problems.push("no audit_events table");
      else {
        audit = await verifyAuditChain(attachDatabase(sqlite));
        if (!audit.ok) problems.push(`audit chain broken at event #${audit.firstBadId}: ${audit.reason}`);
      }
    }
  } catch (e) {
    problems.push((e as Error).message);
  } finally {
    sqlite.close();
  }
  return { ok: problems.length === 0, problems, integrity, audit, migrations };
}
