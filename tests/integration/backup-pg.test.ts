/**
 * `npm run db:backup` / `db:restore` with DATABASE_URL, against a real PostgreSQL 15 cluster
 * (tests/support/pg-test-db.ts): a pg_dump archive made while the database is written to,
 * verified by a restore into a scratch database that is dropped afterwards; tampered, truncated
 * and unverifiable archives refused; pruning per kind; db:restore refusing with the procedure.
 */
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/open";
import { postgresEngine } from "@/db/engine/postgres";
import { PG_MIGRATIONS_FOLDER } from "@/db/pg/migrate";
import { openPostgres, type PgDatabase } from "@/db/pg/open";
import { appendAuditEvent } from "@/lib/audit/trail";
import { backupNamePattern, listBackups } from "@/lib/backup/names";
import { pgExpectations } from "@/lib/backup/pg-schema-expectations";
import { createTestPgDatabase, sharedPgCluster } from "../support/pg-test-db";

const ROOT = path.resolve(".");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const DUMP_NAME = backupNamePattern("dump");
/** What a verified archive of this code's schema reports: its migrations and foreign keys (3 and 56 when written). */
const SCHEMA = `${readMigrationFiles({ migrationsFolder: PG_MIGRATIONS_FOLDER }).length} migrations, ${pgExpectations().foreignKeys.length} foreign keys valid`;

type CliResult = { code: number | null; stdout: string; stderr: string };

/** Runs an npm script's entry in its own process, without blocking this one (a writer may run meanwhile). */
function cli(script: "db-backup" | "db-restore", args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["--conditions=react-server", `scripts/${script}.ts`, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: "", DATABASE_PATH: "", BACKUP_DIR: "", BACKUP_KEEP: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A migrated database with `n` companies and `n` audit events. */
async function seeded(n: number): Promise<{ url: string; db: PgDatabase }> {
  const url = await createTestPgDatabase();
  const db = await openPostgres(url, { max: 3 });
  const engine = postgresEngine(db.pool);
  for (let i = 1; i <= n; i++) {
    await engine.run("INSERT INTO companies (name) VALUES (?)", [`Company ${i}`]);
    await appendAuditEvent(engine, { type: "auth.sign-in", subject: `company:${i}`, data: { i } });
  }
  return { url, db };
}

async function scratchDatabases(): Promise<string[]> {
  const client = new pg.Client({ connectionString: (await sharedPgCluster()).url("postgres") });
  await client.connect();
  try {
    return (await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'binomio_verify_%'")).rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe("db:backup on PostgreSQL", () => {
  let tmp: string;
  const open: PgDatabase[] = [];
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-pg-backup-"));
  });
  afterAll(async () => {
    await Promise.all(open.map((d) => d.close()));
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  const folder = (name: string) => path.join(tmp, name);

  it("dumps while the database is written to, verifies the archive in a scratch database it then drops; --verify agrees", async () => {
    const { url, db } = await seeded(25);
    open.push(db);
    const dir = folder("ok");
    // A writer inserts companies for the whole backup: the counts compared must be the dump's own snapshot's.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await db.pool.query("INSERT INTO companies (name) VALUES ('meanwhile')");
        written++;
      }
    })();
    const r = await cli("db-backup", [], { DATABASE_URL: url, BACKUP_DIR: dir });
    writing = false;
    await writer;

    expect(r.stdout).toContain("On PostgreSQL the primary protection is PostgreSQL's own");
    expect(r.stdout).toContain("base\nbackups (pg_basebackup)");
    expect(r.stdout).toContain("streaming replica");
    expect(r.stdout).toContain("verifies a logical pg_dump archive: the fund's evidence, and a copy to keep off-site");
    expect(r.stdout).toMatch(/Backup written and verified: .*binomio-\d{8}-\d{6}\.dump \(\d+ KiB, 25 audit events, /);
    expect(r.stdout).toContain(`25 audit events, ${SCHEMA}, row counts equal to the database at dump time, `);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(written).toBeGreaterThan(0);

    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(DUMP_NAME);
    const archive = path.join(dir, files[0]!);
    expect(mode(archive)).toBe(0o600);
    expect(fs.readFileSync(archive).subarray(0, 5).toString()).toBe("PGDMP");
    expect(await scratchDatabases()).toEqual([]);

    const v = await cli("db-backup", ["--verify", archive], { DATABASE_URL: url });
    expect(v.stdout).toContain(`.dump (restored into a scratch database, since dropped: 25 audit events, ${SCHEMA}).`);
    expect(v.code).toBe(0);
    expect(await scratchDatabases()).toEqual([]);

    // The archive of a pg_dump needs a server to be restored into.
    const noServer = await cli("db-backup", ["--verify", archive], {});
    expect(noServer.stderr).toContain("set DATABASE_URL to a PostgreSQL server");
    expect(noServer.code).toBe(2);

    // Truncated copies and a file that is no archive at all fail, naming why: cut in half, its table
    // of contents is unreadable; cut short by 50 bytes, the restore into the scratch database fails.
    const bytes = fs.readFileSync(archive);
    const half = path.join(tmp, "half.dump");
    fs.writeFileSync(half, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const h = await cli("db-backup", ["--verify", half], { DATABASE_URL: url });
    expect(h.stderr).toContain("half.dump FAILED verification:\n  - not a readable pg_dump archive: pg_restore: error: could not read from input file: end of file");
    expect(h.code).toBe(1);
    const cut = path.join(tmp, "cut.dump");
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length - 50));
    const t = await cli("db-backup", ["--verify", cut], { DATABASE_URL: url });
    expect(t.stderr).toContain("cut.dump FAILED verification:\n  - pg_restore failed: pg_restore: error: could not read from input file: end of file");
    expect(t.code).toBe(1);
    const garbage = path.join(tmp, "garbage.dump");
    fs.writeFileSync(garbage, "not a backup at all, just some text\n");
    const g = await cli("db-backup", ["--verify", garbage], { DATABASE_URL: url });
    expect(g.stderr).toContain("it is neither a pg_dump custom-format archive nor a SQLite database");
    expect(g.code).toBe(1);
    const missing = await cli("db-backup", ["--verify", path.join(tmp, "nothing.dump")], { DATABASE_URL: url });
    expect(missing.stderr).toContain("no backup file at");
    expect(missing.code).toBe(2);
    expect(await scratchDatabases()).toEqual([]);
  }, 120_000);

  it("keeps an archive whose audit chain is broken as .unverified.dump, deletes nothing, exits 1", async () => {
    const { url, db } = await seeded(12);
    open.push(db);
    await db.pool.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update");
    await db.pool.query(`UPDATE audit_events SET data = '{"i":999}' WHERE id = 7`);
    const dir = folder("tampered");
    fs.mkdirSync(dir);
    const older = ["binomio-20260101-020000.dump", "binomio-20260102-020000.dump"];
    for (const n of older) fs.writeFileSync(path.join(dir, n), "older");

    const r = await cli("db-backup", [], { DATABASE_URL: url, BACKUP_DIR: dir, BACKUP_KEEP: "1" });
    expect(r.stderr).toMatch(/the archive FAILED verification and was kept as .*binomio-\d{8}-\d{6}\.unverified\.dump:\n {2}- audit chain broken at event #7: hash-mismatch/);
    expect(r.stderr).toContain("No older backup was deleted.");
    expect(r.code).toBe(1);
    const files = fs.readdirSync(dir).sort();
    expect(files.filter((f) => older.includes(f))).toEqual(older);
    expect(files.filter((f) => f.endsWith(".unverified.dump"))).toHaveLength(1);
    expect(files).toHaveLength(3); // no .partial left
    expect(await scratchDatabases()).toEqual([]);
  }, 120_000);

  it("refuses an archive missing a table, with a foreign key never checked, or from a newer version, naming each", async () => {
    const { url, db } = await seeded(4);
    open.push(db);
    await db.pool.query("DROP TABLE reminder_log CASCADE");
    // An orphan row behind a key added NOT VALID: pg_dump keeps it NOT VALID, so the restore never checks it.
    await db.pool.query("ALTER TABLE company_email_domains DROP CONSTRAINT company_email_domains_company_id_companies_id_fk");
    await db.pool.query("INSERT INTO company_email_domains (domain, company_id) VALUES ('orphan.example', 424242)");
    await db.pool.query(
      "ALTER TABLE company_email_domains ADD CONSTRAINT company_email_domains_company_id_companies_id_fk FOREIGN KEY (company_id) REFERENCES companies(id) NOT VALID",
    );
    await db.pool.query("ALTER TABLE users DROP CONSTRAINT users_company_id_companies_id_fk");
    await db.pool.query("INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('from-the-future', 99999999999999)");
    const dir = folder("incomplete");

    const r = await cli("db-backup", [dir], { DATABASE_URL: url });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("it was written by a newer version of Binomio");
    expect(r.stderr).toContain("missing table(s): reminder_log");
    expect(r.stderr).toContain("missing foreign key(s): users.users_company_id_companies_id_fk");
    expect(r.stderr).toContain("foreign key(s) restored NOT VALID (never checked): company_email_domains.company_email_domains_company_id_companies_id_fk");
    expect(r.stderr).not.toContain("audit chain");
    expect(r.stderr).not.toContain("row counts differ");
    expect(fs.readdirSync(dir)).toEqual([expect.stringMatching(/^binomio-\d{8}-\d{6}\.unverified\.dump$/)]);
    expect(await scratchDatabases()).toEqual([]);
  }, 120_000);

  it("keeps the archive as .unverified.dump when the role may not create the scratch database", async () => {
    const { url, db } = await seeded(3);
    open.push(db);
    const role = `nocreatedb_${path.basename(tmp).replace(/\W/g, "").toLowerCase()}`;
    await db.pool.query(`CREATE ROLE ${role} LOGIN NOCREATEDB PASSWORD 'p:w\\d'`);
    await db.pool.query(`GRANT USAGE ON SCHEMA public, drizzle TO ${role}`);
    await db.pool.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public, drizzle TO ${role}`);
    await db.pool.query(`GRANT SELECT ON ALL SEQUENCES IN SCHEMA public, drizzle TO ${role}`);
    const asRole = new URL(url);
    asRole.username = role;
    asRole.password = "p:w\\d"; // goes to pg_dump through a passfile (its escaping is exercised)
    const dir = folder("refused");

    const r = await cli("db-backup", [dir], { DATABASE_URL: asRole.toString() });
    expect(r.stderr).toMatch(/the archive could NOT be verified and was kept as .*\.unverified\.dump:\n {2}- the archive could not be verified: this PostgreSQL role may not create databases/);
    expect(r.stderr).toContain("ALTER ROLE … CREATEDB");
    expect(r.code).toBe(1);
    const [kept] = fs.readdirSync(dir);
    expect(kept).toMatch(/\.unverified\.dump$/);
    expect(mode(path.join(dir, kept!))).toBe(0o600);

    // The same archive verifies on a server where the role may: here, as the cluster's superuser.
    const v = await cli("db-backup", ["--verify", path.join(dir, kept!)], { DATABASE_URL: url });
    expect(v.stdout).toContain("3 audit events");
    expect(v.code).toBe(0);
  }, 120_000);

  it("prunes .dump backups beyond BACKUP_KEEP, never the new one, and leaves SQLite copies alone", async () => {
    const { url, db } = await seeded(2);
    open.push(db);
    const dir = folder("prune");
    fs.mkdirSync(dir);
    const fake = ["binomio-20260101-020000.dump", "binomio-20260102-020000.dump", "binomio-20260103-020000.dump", "binomio-29990101-000000.dump"];
    for (const n of fake) fs.writeFileSync(path.join(dir, n), "old");
    fs.writeFileSync(path.join(dir, "binomio-20260101-020000.db"), "sqlite copy");

    const r = await cli("db-backup", [], { DATABASE_URL: url, BACKUP_DIR: dir, BACKUP_KEEP: "2" });
    expect(r.code).toBe(0);
    const made = /Backup written and verified: (\S+)/.exec(r.stdout)![1]!;
    // Newest first by name: the clock-skewed 2999 file, then today's. Keep 2 = the new one + the newest other.
    expect(listBackups(dir, "dump")).toEqual(["binomio-29990101-000000.dump", path.basename(made)]);
    expect(r.stdout).toContain("Removed 3 old backup(s) beyond the newest 2: binomio-20260103-020000.dump, binomio-20260102-020000.dump, binomio-20260101-020000.dump");
    expect(listBackups(dir, "db")).toEqual(["binomio-20260101-020000.db"]);
  }, 120_000);

  it("exits 2 and leaves nothing when the server cannot be reached", async () => {
    const cluster = await sharedPgCluster();
    const dir = folder("unreachable");
    // A database that does not exist on the running server: the connection is refused with a reason.
    const r = await cli("db-backup", [dir], { DATABASE_URL: cluster.url("no_such_database") });
    expect(r.stderr).toMatch(/db:backup failed: .*no_such_database.* does not exist/);
    expect(r.code).toBe(2);
    expect(fs.readdirSync(dir)).toEqual([]);
  }, 120_000);

  it("--verify checks a SQLite backup file with the SQLite verifier", async () => {
    const file = folder("copy.db");
    const d = openDatabase(file);
    await appendAuditEvent(d, { type: "auth.sign-in", actorUserId: null, subject: "x" });
    d.sqlite.pragma("journal_mode = DELETE");
    d.sqlite.close();
    const ok = await cli("db-backup", ["--verify", file], {});
    expect(ok.stdout).toMatch(/Verified: .*copy\.db \(integrity ok, 1 audit events, \d+ migrations\)/);
    expect(ok.code).toBe(0);
    const raw = new Database(file);
    raw.exec("DROP TRIGGER audit_events_no_update");
    raw.exec(`UPDATE audit_events SET subject = 'y' WHERE id = 1`);
    raw.close();
    const bad = await cli("db-backup", ["--verify", file], {});
    expect(bad.stderr).toMatch(/copy\.db FAILED verification:\n {2}- audit chain broken at event #1/);
    expect(bad.code).toBe(1);
  }, 120_000);

  it("refuses bad arguments with the usage and exit 2", async () => {
    for (const args of [["--verify"], ["--frobnicate"], ["a", "b"]]) {
      const r = await cli("db-backup", args, {});
      expect(r.stderr).toContain("Usage: npm run db:backup [dir]");
      expect(r.code).toBe(2);
    }
  }, 120_000);
});

describe("db:restore on PostgreSQL", () => {
  it("restores nothing: exits 2 and prints the pg_restore procedure", async () => {
    const url = "postgres://binomio:secret@db.example:5433/binomio";
    const r = await cli("db-restore", ["backups/binomio-20260301-021500.dump"], { DATABASE_URL: url });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("db:restore refused: DATABASE_URL is set");
    expect(r.stderr).toContain("stop every app server");
    expect(r.stderr).toContain("createdb -h db.example -p 5433 -U binomio -T template0 binomio_restored");
    expect(r.stderr).toContain("pg_restore -h db.example -p 5433 -U binomio --exit-on-error --no-owner -d binomio_restored backups/binomio-20260301-021500.dump");
    expect(r.stderr).toContain("npm run audit:verify");
    expect(r.stderr).not.toContain("secret");
    const none = await cli("db-restore", [], { DATABASE_URL: url });
    expect(none.stderr).toContain("pg_restore");
    expect(none.code).toBe(2);
  }, 120_000);
});
