import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { DEFAULT_BACKUP_KEEP, fsyncDir, pruneBackups } from "./backup";
import { freeBackupName, unverifiedName } from "./names";
import { pgExpectations } from "./pg-schema-expectations";
import { libpqConnection, pgTool, runTool, toolError } from "./pg-tools";
import { checkPgArchive, countRows, type PgArchiveCheck, type RowCounts } from "./pg-verify";

export type PgBackupResult =
  | { ok: true; file: string; bytes: number; check: PgArchiveCheck; pruned: string[] }
  /** The archive was written but not verified: kept under `file` (`….unverified.dump`), nothing pruned. */
  | { ok: false; file: string; check: PgArchiveCheck };

/**
 * Dumps the database at `url` into the open file descriptor `fd` and counts its rows, both in
 * one snapshot: a REPEATABLE READ transaction exports its snapshot (`pg_export_snapshot`),
 * `pg_dump --snapshot` dumps exactly what that transaction sees, and the same transaction then
 * counts each table. The counts are what the restored copy must hold, whatever was written meanwhile.
 * @throws when the server cannot be reached or pg_dump fails
 */
async function dumpWithCounts(url: string, fd: number): Promise<RowCounts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The scratch database the verification needs cannot be created on a standby.
    if ((await client.query<{ standby: boolean }>("SELECT pg_is_in_recovery() AS standby")).rows[0]!.standby) {
      throw new Error("DATABASE_URL names a standby (it is in recovery): run db:backup against the primary, where pg_dump blocks no writer and the archive can be verified");
    }
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const snapshot = (await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]!.id;
    const conn = libpqConnection(url);
    let dump;
    try {
      dump = await runTool(pgTool("pg_dump"), ["--format=custom", `--snapshot=${snapshot}`, `--dbname=${conn.uri}`], { stdout: fd });
    } finally {
      conn.cleanup();
    }
    if (dump.code !== 0) throw new Error(`pg_dump failed: ${toolError(dump)}`);
    const present = (await client.query<{ name: string }>("SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')")).rows.map(
      (r) => r.name,
    );
    const counts = await countRows(client, pgExpectations().tables.filter((t) => present.includes(t)));
    await client.query("COMMIT");
    return counts;
  } finally {
    await client.end();
  }
}

/**
 * A logical backup of the PostgreSQL database at `url`, verified like a SQLite backup.
 *
 * 1. `pg_dump --format=custom` writes one consistent snapshot (no downtime, writers are never
 *    blocked) to `.binomio-….dump.partial`, created with mode 0600 before any byte is written;
 * 2. the rows of each table are counted in that same snapshot;
 * 3. the archive is restored into a scratch database and checked (`checkPgArchive`);
 * 4. only then is it renamed `binomio-YYYYMMDD-HHMMSS.dump`; a failed (or impossible)
 *    verification keeps it as `….unverified.dump` and deletes nothing;
 * 5. older `.dump` backups beyond the newest `keep` are deleted, never the one just written.
 *
 * @throws when no archive could be made (server unreachable, pg_dump failed); nothing is left behind
 */
export async function createPgBackup(opts: { url: string; dir: string; keep?: number; now?: Date }): Promise<PgBackupResult> {
  const dir = path.resolve(opts.dir);
  const keep = opts.keep ?? DEFAULT_BACKUP_KEEP;
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError("BACKUP_KEEP must be a whole number ≥ 1");
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });

  const now = opts.now ?? new Date();
  const name = freeBackupName(dir, now, "dump");
  const partial = path.join(dir, `.${name}.partial`);
  fs.rmSync(partial, { force: true });
  const fd = fs.openSync(partial, "wx", 0o600);
  let expectedRows: RowCounts;
  try {
    expectedRows = await dumpWithCounts(opts.url, fd);
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(partial, { force: true });
    throw e;
  }
  fs.closeSync(fd);

  const check = await checkPgArchive({ url: opts.url, file: partial, expectedRows, now });
  if (!check.ok) {
    const kept = path.join(dir, unverifiedName(name, "dump"));
    fs.renameSync(partial, kept);
    fsyncDir(dir);
    return { ok: false, file: kept, check };
  }
  const file = path.join(dir, name);
  fs.renameSync(partial, file);
  fsyncDir(dir);
  const pruned = pruneBackups(dir, keep, name, "dump");
  return { ok: true, file, bytes: fs.statSync(file).size, check, pruned };
}
