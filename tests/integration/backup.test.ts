import Database from "better-sqlite3";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/open";
import { appendAuditEvent, verifyAuditChain } from "@/lib/audit/trail";
import { createBackup, pruneBackups } from "@/lib/backup/backup";
import { BACKUP_NAME, listBackups } from "@/lib/backup/names";
import { restoreBackup } from "@/lib/backup/restore";
import { checkDatabaseFile } from "@/lib/backup/verify";
import { serverLockPath, writeServerLock } from "@/lib/runtime/server-lock";

const ROOT = path.resolve(".");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const BETTER_SQLITE3 = createRequire(import.meta.url).resolve("better-sqlite3");

/** A migrated database with `n` audit events and `n` companies, closed again. */
async function seed(file: string, n: number, firstCompany = 1): Promise<void> {
  const d = openDatabase(file);
  try {
    for (let i = 0; i < n; i++) {
      d.sqlite.prepare("INSERT INTO companies (name) VALUES (?)").run(`Company ${firstCompany + i}`);
      await appendAuditEvent(d, { type: "auth.sign-in", actorUserId: null, subject: `company:${firstCompany + i}` });
    }
  } finally {
    d.sqlite.close();
  }
}

const companies = (file: string) => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM companies").get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** Runs a node snippet in its own process, with better-sqlite3 and the database path available. */
function node(code: string, file: string): ChildProcess {
  return spawn(process.execPath, ["-e", code], { env: { ...process.env, BSQ: BETTER_SQLITE3, DB: file }, stdio: ["ignore", "pipe", "inherit"] });
}

/** Resolves once the child printed `line` on stdout. */
function waitFor(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (b: Buffer) => {
      out += b.toString();
      if (out.includes(line)) resolve();
    });
    child.on("exit", (code) => reject(new Error(`child exited (${code}) before printing ${line}: ${out}`)));
  });
}

function cli(script: "db-backup" | "db-restore", args: string[], env: Record<string, string>) {
  const r = spawnSync(TSX, ["--conditions=react-server", `scripts/${script}.ts`, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe("backups and restore", () => {
  let dir: string;
  let dbFile: string;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-backup-"));
    dbFile = path.join(dir, "data", "binomio.db");
  });
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("npm run db:backup copies a database while another process keeps writing to it, and verifies the copy", async () => {
    await seed(dbFile, 20);
    // A second process appends rows as fast as it can for the whole backup.
    const writer = node(
      `const db = new (require(process.env.BSQ))(process.env.DB); db.pragma("busy_timeout = 5000");
       const ins = db.prepare("INSERT INTO companies (name) VALUES ('w')"); let i = 0;
       setInterval(() => { for (let k = 0; k < 50; k++) ins.run(); if (++i === 3) console.log("writing"); }, 1);`,
      dbFile,
    );
    children.push(writer);
    await waitFor(writer, "writing");
    const backups = path.join(dir, "backups");
    const r = cli("db-backup", [backups], { DATABASE_PATH: dbFile });
    writer.kill("SIGKILL");
    expect(r.out).toMatch(/Backup written and verified: .*binomio-\d{8}-\d{6}\.db .*20 audit events/);
    expect(r.code).toBe(0);

    const [name] = listBackups(backups);
    expect(name).toMatch(BACKUP_NAME);
    // Named after the current UTC time.
    const m = BACKUP_NAME.exec(name!)!;
    const stamp = Date.UTC(+m[1]!.slice(0, 4), +m[1]!.slice(4, 6) - 1, +m[1]!.slice(6), +m[2]!.slice(0, 2), +m[2]!.slice(2, 4), +m[2]!.slice(4));
    expect(Math.abs(Date.now() - stamp)).toBeLessThan(60_000);
    const file = path.join(backups, name!);
    // Personal data: readable by the owner only; a single self-contained file, nothing left beside it.
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(backups)).toEqual([name]);
    const check = await checkDatabaseFile(file);
    expect(check).toMatchObject({ ok: true, integrity: "ok", audit: { ok: true, count: 20 } });
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
    copy.close();
    // The copy is one snapshot: at least the seed, at most what the writer had written by the end.
    expect(companies(file)).toBeGreaterThan(20);
    expect(companies(file)).toBeLessThanOrEqual(companies(dbFile));
  });

  it("keeps the newest BACKUP_KEEP backups and never deletes the one just written", async () => {
    await seed(dbFile, 3);
    const backups = path.join(dir, "backups");
    fs.mkdirSync(backups);
    const names = ["binomio-20260101-000000.db", "binomio-20260102-000000.db", "binomio-20260103-000000.db", "binomio-20260103-000000-2.db"];
    // One from a clock ahead of ours: it sorts as the newest, yet today's backup must survive.
    const future = "binomio-29991231-235959.db";
    for (const n of [...names, future]) fs.writeFileSync(path.join(backups, n), "old");
    fs.writeFileSync(path.join(backups, "notes.txt"), "not a backup");

    const r = await createBackup({ databaseFile: dbFile, dir: backups, keep: 3, now: new Date("2026-06-01T08:30:05Z") });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(path.basename(r.file)).toBe("binomio-20260601-083005.db");
    expect(r.pruned.sort()).toEqual(["binomio-20260101-000000.db", "binomio-20260102-000000.db", "binomio-20260103-000000.db"]);
    expect(fs.readdirSync(backups).sort()).toEqual(["binomio-20260103-000000-2.db", "binomio-20260601-083005.db", future, "notes.txt"].sort());

    // Same second again: a new name, not an overwrite; keep = 1 leaves only the one just written.
    const again = await createBackup({ databaseFile: dbFile, dir: backups, keep: 1, now: new Date("2026-06-01T08:30:05Z") });
    expect(again.ok && path.basename(again.file)).toBe("binomio-20260601-083005-2.db");
    expect(listBackups(backups)).toEqual(["binomio-20260601-083005-2.db"]);
    expect(pruneBackups(backups, 1, "binomio-20260601-083005-2.db")).toEqual([]);
  });

  it("a copy that fails verification keeps a telling name, deletes nothing and exits 1", async () => {
    await seed(dbFile, 5);
    const d = openDatabase(dbFile);
    d.sqlite.exec("DROP TRIGGER audit_events_no_update");
    d.sqlite.prepare("UPDATE audit_events SET subject = 'forged' WHERE id = 3").run();
    d.sqlite.close();
    const backups = path.join(dir, "backups");
    fs.mkdirSync(backups);
    fs.writeFileSync(path.join(backups, "binomio-20260101-000000.db"), "old");
    const r = cli("db-backup", [], { DATABASE_PATH: dbFile, BACKUP_DIR: backups, BACKUP_KEEP: "1" });
    expect(r.code).toBe(1);
    expect(r.out).toContain("FAILED verification");
    expect(r.out).toContain("audit chain broken at event #3: hash-mismatch");
    const files = fs.readdirSync(backups).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toBe("binomio-20260101-000000.db");
    expect(files[1]).toMatch(/^binomio-\d{8}-\d{6}\.unverified\.db$/);
    expect(cli("db-backup", [], { DATABASE_PATH: dbFile, BACKUP_KEEP: "zero" }).code).toBe(2);
  });

  it("restores a backup: the current file is kept (its WAL folded in), stale WAL files go, the swap is complete", async () => {
    await seed(dbFile, 10);
    const r = await createBackup({ databaseFile: dbFile, dir: path.join(dir, "backups") });
    if (!r.ok) throw new Error("backup failed");
    // After the backup: more rows, written by a process that dies without closing (its WAL stays).
    await seed(dbFile, 5, 11);
    const killed = node(
      `const db = new (require(process.env.BSQ))(process.env.DB); db.pragma("journal_mode = WAL"); db.pragma("wal_autocheckpoint = 0");
       for (let i = 0; i < 7; i++) db.prepare("INSERT INTO companies (name) VALUES ('after')").run();
       process.kill(process.pid, "SIGKILL");`,
      dbFile,
    );
    await new Promise((res) => killed.on("exit", res));
    expect(fs.statSync(`${dbFile}-wal`).size).toBeGreaterThan(0);

    const now = new Date("2026-07-01T10:00:00Z");
    const restored = await restoreBackup({ backupFile: r.file, databaseFile: dbFile, now });
    expect(restored).toMatchObject({ ok: true, previous: `${dbFile}.before-restore-20260701-100000` });
    // The old file, with what was only in its WAL: 10 + 5 + 7 companies.
    expect(companies(`${dbFile}.before-restore-20260701-100000`)).toBe(22);
    expect(fs.existsSync(`${dbFile}-wal`)).toBe(false);
    expect(fs.existsSync(`${dbFile}-shm`)).toBe(false);
    expect(fs.readdirSync(path.dirname(dbFile)).filter((f) => f.includes(".tmp"))).toEqual([]);
    // The restored database is the backup, and the app opens it (WAL again, migrations current).
    const d = openDatabase(dbFile);
    expect((d.sqlite.prepare("SELECT count(*) AS n FROM companies").get() as { n: number }).n).toBe(10);
    expect(await verifyAuditChain(d)).toEqual({ ok: true, count: 10 });
    expect(d.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    d.sqlite.close();
  });

  it("refuses while a server's lock names a live process, and ignores a stale lock", async () => {
    await seed(dbFile, 4);
    const backup = path.join(dir, "b.db");
    await seed(backup, 2);
    writeServerLock(dbFile, process.pid);
    const refused = await restoreBackup({ backupFile: backup, databaseFile: dbFile });
    expect(refused).toMatchObject({ ok: false, reason: "in-use" });
    expect(!refused.ok && refused.message).toContain(`pid ${process.pid}`);
    expect(companies(dbFile)).toBe(4);

    // A server killed with SIGKILL leaves its lock; the pid is dead, so it no longer counts.
    const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    writeServerLock(dbFile, Number(dead.stdout.trim()));
    expect(await restoreBackup({ backupFile: backup, databaseFile: dbFile })).toMatchObject({ ok: true });
    expect(companies(dbFile)).toBe(2);
    expect(fs.existsSync(serverLockPath(dbFile))).toBe(true);
  });

  it("refuses while another process has the database open, even idle, and the CLI says so", async () => {
    await seed(dbFile, 4);
    const backup = path.join(dir, "b.db");
    await seed(backup, 2);
    const holder = node(
      `const db = new (require(process.env.BSQ))(process.env.DB); db.prepare("SELECT count(*) FROM companies").get(); console.log("open"); setInterval(() => {}, 1000);`,
      dbFile,
    );
    children.push(holder);
    await waitFor(holder, "open");
    expect(await restoreBackup({ backupFile: backup, databaseFile: dbFile })).toMatchObject({ ok: false, reason: "in-use" });
    const r = cli("db-restore", [backup], { DATABASE_PATH: dbFile });
    expect(r.code).toBe(1);
    expect(r.out).toContain("could not be locked");
    expect(companies(dbFile)).toBe(4);
    holder.kill("SIGKILL");
    await new Promise((res) => holder.on("exit", res));
    const ok = cli("db-restore", [backup], { DATABASE_PATH: dbFile });
    expect(ok.out).toMatch(/Restored .* \(integrity ok, 2 audit events verified\)/);
    expect(ok.code).toBe(0);
    expect(companies(dbFile)).toBe(2);
    expect(cli("db-restore", [], { DATABASE_PATH: dbFile }).code).toBe(2);
  });

  it("refuses a damaged backup, a broken audit chain, a foreign database and a newer schema, changing nothing", async () => {
    await seed(dbFile, 4);
    const good = path.join(dir, "good.db");
    await seed(good, 3);

    const damaged = path.join(dir, "damaged.db");
    const bytes = fs.readFileSync(good);
    // Overwrite the middle of the file (table pages) with garbage.
    bytes.fill(0x5a, 4096 + 200, 4096 * 3);
    fs.writeFileSync(damaged, bytes);

    const tampered = path.join(dir, "tampered.db");
    await seed(tampered, 3);
    const t = new Database(tampered);
    t.exec("DROP TRIGGER audit_events_no_delete");
    t.prepare("DELETE FROM audit_events WHERE id = 2").run();
    t.close();

    const foreign = path.join(dir, "foreign.db");
    new Database(foreign).exec("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('hello');");

    const newer = path.join(dir, "newer.db");
    await seed(newer, 1);
    const n = new Database(newer);
    n.prepare(`INSERT INTO "__drizzle_migrations" (hash, created_at) VALUES ('future', ?)`).run(Date.now() + 10 * 365 * 86_400_000);
    n.close();

    const expectations: [string, RegExp][] = [
      [damaged, /integrity_check|malformed|not a database/],
      [tampered, /audit chain broken at event #2: gap/],
      [foreign, /no __drizzle_migrations table/],
      [newer, /newer version of Binomio/],
    ];
    expect(companies(dbFile)).toBe(4);
    // (Reading it read-only leaves -wal/-shm beside it: list the folder after that.)
    const before = fs.readdirSync(path.dirname(dbFile)).sort();
    for (const [file, why] of expectations) {
      const r = await restoreBackup({ backupFile: file, databaseFile: dbFile });
      expect(r, path.basename(file)).toMatchObject({ ok: false, reason: "invalid-backup" });
      expect(!r.ok && r.message, path.basename(file)).toMatch(why);
      expect(companies(dbFile)).toBe(4);
      expect(fs.readdirSync(path.dirname(dbFile)).sort(), path.basename(file)).toEqual(before);
    }
    expect(await restoreBackup({ backupFile: path.join(dir, "missing.db"), databaseFile: dbFile })).toMatchObject({ ok: false, reason: "no-backup" });
    expect(await restoreBackup({ backupFile: good, databaseFile: dbFile })).toMatchObject({ ok: true });
    expect(companies(dbFile)).toBe(3);
  });

  it("restores onto an empty data folder (disaster recovery)", async () => {
    await seed(dbFile, 6);
    const r = await createBackup({ databaseFile: dbFile, dir: path.join(dir, "backups") });
    if (!r.ok) throw new Error("backup failed");
    const target = path.join(dir, "new-machine", "binomio.db");
    expect(await restoreBackup({ backupFile: r.file, databaseFile: target })).toMatchObject({ ok: true, previous: null });
    expect(companies(target)).toBe(6);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
  });
});

