/**
 * `npm run db:migrate-to-postgres` (lib/postgres-migration): the demo database, with a logo, a
 * re-parented department and unicode added, copied into a real PostgreSQL database — counts,
 * checksums, the audit chain and the rows themselves as the app reads them; refusals that change
 * nothing; a failure mid-copy rolled back; a tampered copy caught by the verifier; the CLI itself.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, type PgDatabase } from "@/db/pg/open";
import { postgresEngine } from "@/db/engine/postgres";
import { sqliteEngine } from "@/db/engine/sqlite";
import type { Engine } from "@/db/engine/types";
import { insertRow, selectRows } from "@/db/engine/rows";
import { users, companies, departments } from "@/db/schema";
import { setCompanyLogo } from "@/db/queries/companies";
import { openSqliteSnapshot } from "@/db/sqlite-snapshot";
import { PG_ONLY_RELATIONS, tablesWithRows, userRelations } from "@/db/pg/copy-target";
import { copyPlan } from "@/lib/postgres-migration/plan";
import { migrateSqliteToPostgres, type MigrationOutcome } from "@/lib/postgres-migration/run";
import { verifyCopy } from "@/lib/postgres-migration/verify";
import { createTestPgDatabase } from "../support/pg-test-db";
import { writeServerLock } from "@/lib/runtime/server-lock";
import { seededDemoDb } from "./support/demo-db";

const ROOT = path.resolve(".");
const plan = copyPlan();
const LOGO = Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
const UNICODE_NAME = "Zoë Ñuñez-Łukasz 李雷 👩‍💻";

type Demo = Awaited<ReturnType<typeof seededDemoDb>>;

/** A copy of the seeded file (VACUUM INTO: one consistent file, no WAL), to spoil on purpose. */
function copyOf(demo: Demo, name: string): string {
  const file = path.join(demo.dir, name);
  demo.sqlite.prepare("VACUUM INTO ?").run(file);
  return file;
}

async function openPg(url: string): Promise<{ db: PgDatabase; engine: Engine }> {
  const db = await openPostgres(url, { migrate: false });
  return { db, engine: postgresEngine(db.pool) };
}

function expectStatus<S extends MigrationOutcome["status"]>(r: MigrationOutcome, status: S): Extract<MigrationOutcome, { status: S }> {
  expect(r.status, JSON.stringify(r).slice(0, 2000)).toBe(status);
  return r as Extract<MigrationOutcome, { status: S }>;
}

let demo: Demo;
beforeAll(async () => {
  demo = await seededDemoDb();
}, 180_000);
afterAll(() => demo?.close());

describe("db:migrate-to-postgres", () => {
  let url: string;
  let target: { db: PgDatabase; engine: Engine };
  let outcome: MigrationOutcome;

  beforeAll(async () => {
    const s = demo.sqlite;
    // What the demo lacks: a logo (every byte value), unicode beyond Italian, a deactivated person,
    // and a department moved under one created after it (its parent has the higher id).
    const company = s.prepare("SELECT min(id) AS id FROM companies").get() as { id: number };
    await setCompanyLogo(demo, company.id, { bytes: LOGO, type: "image/png" });
    s.prepare("UPDATE users SET first_name = ?, active = 0, deactivated_at = unixepoch() WHERE id = (SELECT max(id) FROM users WHERE company_id IS NOT NULL)").run(UNICODE_NAME);
    const late = s.prepare("INSERT INTO departments (name, company_id) VALUES ('Sede centrale — Direzione', ?)").run(company.id).lastInsertRowid;
    s.prepare("UPDATE departments SET parent_id = ? WHERE id = (SELECT min(id) FROM departments WHERE company_id = ? AND parent_id IS NULL AND id <> ?)").run(late, company.id, late);
    url = await createTestPgDatabase();
    outcome = await migrateSqliteToPostgres({ from: demo.file, to: url });
    target = await openPg(url);
  }, 180_000);

  afterAll(async () => {
    await target?.db.close();
  });

  it("copies every table: row counts and checksums equal, the audit chain verifies with the same count", () => {
    const r = expectStatus(outcome, "verified");
    expect(r.verification.problems).toEqual([]);
    expect(r.verification.tables.map((t) => t.table)).toEqual(plan.map((t) => t.name));
    for (const t of r.verification.tables) {
      const count = (demo.sqlite.prepare(`SELECT count(*) AS n FROM "${t.table}"`).get() as { n: number }).n;
      expect([t.table, t.sourceRows, t.targetRows, t.ok]).toEqual([t.table, count, count, true]);
      expect(t.targetChecksum).toBe(t.sourceChecksum);
    }
    // The demo really exercises the copy: most tables hold rows, the evidence ones all do.
    const withRows = r.verification.tables.filter((t) => t.sourceRows > 0).map((t) => t.table);
    expect(withRows).toEqual(expect.arrayContaining(["audit_events", "companies", "users", "departments", "user_roles", "auth_sessions", "heartbeats", "lesson_progress", "quiz_attempts", "course_completions", "certificates", "funding_plans", "company_texts"]));
    const events = (demo.sqlite.prepare("SELECT count(*) AS n FROM audit_events").get() as { n: number }).n;
    expect(events).toBeGreaterThan(10);
    expect(r.verification.audit.source).toEqual({ ok: true, count: events });
    expect(r.verification.audit.target).toEqual({ ok: true, count: events });
  });

  it("stores the rows as the app reads them: a person, a company with its logo, the department tree", async () => {
    const source = sqliteEngine(demo);
    for (const [table, where] of [
      [users, "first_name = ?"],
      [companies, "logo IS NOT NULL AND length(name) > ?"],
    ] as const) {
      const arg = table === users ? UNICODE_NAME : 0;
      const mine = await selectRows(source, table, where, [arg]);
      const theirs = await selectRows(target.engine, table, where, [arg]);
      expect(mine).toHaveLength(1);
      expect(theirs).toEqual(mine);
    }
    const [company] = await selectRows(target.engine, companies, "logo IS NOT NULL");
    expect(Buffer.compare(company!.logo!, LOGO)).toBe(0);
    const [person] = await selectRows(target.engine, users, "first_name = ?", [UNICODE_NAME]);
    expect(person!.active).toBe(false);
    const tree = await target.engine.all<{ id: number; parent_id: number }>("SELECT id, parent_id FROM departments WHERE parent_id > id");
    expect(tree).toHaveLength(1);
    expect(await selectRows(target.engine, departments, "id > 0 ORDER BY id")).toEqual(await selectRows(source, departments, "id > 0 ORDER BY id"));
  });

  it("carries SQLite's counters: audit_chain_head equals sqlite_sequence, and the next insert takes a fresh id", async () => {
    const seq = (table: string) => (demo.sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = ?").get(table) as { seq: number }).seq;
    expect((await target.engine.get<{ n: number }>("SELECT last_id AS n FROM audit_chain_head"))!.n).toBe(seq("audit_events"));
    const maxUser = (demo.sqlite.prepare("SELECT max(id) AS n FROM users").get() as { n: number }).n;
    const created = await insertRow(target.engine, users, { email: "dopo.migrazione@example.com", firstName: "Dopo", lastName: "Migrazione" });
    expect(created.id).toBe(Math.max(maxUser, seq("users")) + 1);
    const attempt = await target.engine.get<{ id: number }>("INSERT INTO login_attempts (email, ip, attempted_at, outcome) VALUES ('x@example.com', '127.0.0.1', 1, 'failure') RETURNING id");
    expect(attempt!.id).toBeGreaterThan(0);
  });

  it("refuses a target that is not empty, changing nothing", async () => {
    const before = await tablesWithRows(target.engine, plan.map((t) => t.name));
    const r = expectStatus(await migrateSqliteToPostgres({ from: demo.file, to: url }), "refused");
    expect(r.message).toMatch(/target database is not empty \(rows in audit_events, companies/);
    expect(await tablesWithRows(target.engine, plan.map((t) => t.name))).toEqual(before);

    // Another application's table: refused before migrations are applied (no drizzle schema appears).
    const other = await createTestPgDatabase();
    const o = await openPg(other);
    try {
      await o.engine.run("CREATE TABLE invoices (id bigint PRIMARY KEY)");
      const refused = expectStatus(await migrateSqliteToPostgres({ from: demo.file, to: other }), "refused");
      expect(refused.message).toContain("tables Binomio does not create (public.invoices)");
      expect(await userRelations(o.engine)).toEqual(["public.invoices"]);
    } finally {
      await o.db.close();
    }
  });

  it("refuses a missing source without creating it, and a source with pending migrations", async () => {
    const missing = path.join(demo.dir, "absent", "binomio.db");
    const r = expectStatus(await migrateSqliteToPostgres({ from: missing, to: await createTestPgDatabase() }), "refused");
    expect(r.message).toContain(`no SQLite database at ${missing}`);
    expect(fs.existsSync(missing)).toBe(false);

    const old = copyOf(demo, "pending.db");
    const { default: Database } = await import("better-sqlite3");
    const raw = new Database(old);
    raw.prepare("DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)").run();
    raw.close();
    const pending = expectStatus(await migrateSqliteToPostgres({ from: old, to: await createTestPgDatabase() }), "refused");
    expect(pending.message).toContain("has pending migrations: run `DATABASE_PATH=");
    expect(pending.message).toContain("npm run db:migrate` first");
  });

  it("rolls the whole copy back when PostgreSQL refuses a value mid-copy (a NUL character pasted into a company text)", async () => {
    const spoiled = copyOf(demo, "nul.db");
    const { default: Database } = await import("better-sqlite3");
    const raw = new Database(spoiled);
    // SQLite stores it; PostgreSQL's text cannot hold a NUL.
    expect(raw.prepare("UPDATE company_texts SET value = value || char(0) WHERE rowid = (SELECT max(rowid) FROM company_texts)").run().changes).toBe(1);
    raw.close();
    const fresh = await createTestPgDatabase();
    const r = expectStatus(await migrateSqliteToPostgres({ from: spoiled, to: fresh }), "failed");
    expect(r.message).toMatch(/^copying company_texts \(the batch from company_id=\d+, key=\S+, locale=\S+\): invalid byte sequence for encoding "UTF8": 0x00/);
    const t = await openPg(fresh);
    try {
      // Tables copied before company_texts (audit_events, companies, users, auth_sessions…) were rolled back with it.
      expect(await tablesWithRows(t.engine, plan.map((x) => x.name))).toEqual([]);
      expect((await t.engine.get<{ n: number }>("SELECT last_id AS n FROM audit_chain_head"))!.n).toBe(0);
    } finally {
      await t.db.close();
    }
  });

  it("copies a truncated chain as it is: audit_chain_head takes SQLite's counter, so PostgreSQL shows the same cut", async () => {
    const cut = copyOf(demo, "truncated.db");
    const { default: Database } = await import("better-sqlite3");
    const raw = new Database(cut);
    raw.exec("DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)");
    const seq = (raw.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'").get() as { seq: number }).seq;
    raw.close();
    const fresh = await createTestPgDatabase();
    const r = expectStatus(await migrateSqliteToPostgres({ from: cut, to: fresh }), "verified");
    expect(r.verification.audit.source).toMatchObject({ ok: false, reason: "truncated", firstBadId: seq });
    expect(r.verification.audit.target).toMatchObject({ ok: false, reason: "truncated", firstBadId: seq });
    const t = await openPg(fresh);
    try {
      expect((await t.engine.get<{ n: number }>("SELECT last_id AS n FROM audit_chain_head"))!.n).toBe(seq);
    } finally {
      await t.db.close();
    }
  });

  it("finds a row changed on the target afterwards, and names its table and row", async () => {
    const person = (await target.engine.get<{ id: number }>("SELECT min(id) AS id FROM users"))!;
    await target.engine.run("UPDATE users SET last_name = last_name || '.' WHERE id = ?", [person.id]);
    const source = openSqliteSnapshot(demo.file);
    try {
      const v = await target.engine.read((tx) => verifyCopy(source, tx, plan));
      expect(v.ok).toBe(false);
      // The insert of the previous test shows too: a row PostgreSQL has and SQLite has not.
      expect(v.problems).toContain(`users: ${v.tables.find((t) => t.table === "users")!.sourceRows} rows in SQLite, ${v.tables.find((t) => t.table === "users")!.targetRows} in PostgreSQL`);
      const users = v.tables.find((t) => t.table === "users")!;
      expect(users.firstDifference).toBe(`id=${person.id}`);
      expect(v.tables.filter((t) => !t.ok).map((t) => t.table)).toEqual(["login_attempts", "users"]);
    } finally {
      source.close();
    }
  });

  it("knows every relation its migrations create (the emptiness check's list)", async () => {
    const relations = await userRelations(target.engine);
    expect(relations.sort()).toEqual([...plan.map((t) => `public.${t.name}`), ...PG_ONLY_RELATIONS.map((n) => `public.${n}`), "drizzle.__drizzle_migrations"].sort());
  });
});

describe("db:migrate-to-postgres, the command", () => {
  const cli = (...args: string[]) =>
    spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/db-migrate-to-postgres.ts", ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });

  it("copies and verifies (exit 0), prints a line per table, never the password; refuses a second run (exit 2)", async () => {
    const url = new URL(await createTestPgDatabase());
    url.password = "s3cr3t-pw"; // the test cluster trusts local connections: any password works
    const ok = cli("--from", demo.file, "--to", url.toString());
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^users\s+\d+\s+\d+\s+[0-9a-f]{16}\s+ok$/m);
    expect(ok.stdout).toMatch(/^audit chain: SQLite OK, \d+ events; PostgreSQL OK, \d+ events — same$/m);
    expect(ok.stdout).toContain("Copied and verified");
    expect(ok.stdout).toContain("postgres://postgres:***@127.0.0.1");
    const again = cli("--from", demo.file, "--to", url.toString());
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("refused: the target database is not empty");
    for (const out of [ok.stdout, ok.stderr, again.stdout, again.stderr]) expect(out).not.toContain("s3cr3t-pw");
  });

  it("exits 1 and rolls back when the copy does not verify (a trigger left on the target changes names)", async () => {
    const url = await createTestPgDatabase();
    const t = await openPostgres(url); // migrated and empty: accepted as a target
    try {
      await t.pool.query("CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.last_name := upper(NEW.last_name); RETURN NEW; END $$");
      await t.pool.query("CREATE TRIGGER shout BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION shout()");
      const r = cli("--from", demo.file, "--to", url);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stdout).toMatch(/^users\s+\d+\s+\d+\s+[0-9a-f]{16} ≠ [0-9a-f]{16}\s+MISMATCH$/m);
      expect(r.stderr).toMatch(/^MISMATCH users: checksums differ \(first different row: id=\d+\)$/m);
      expect(r.stderr).toContain("it was rolled back (the target holds no Binomio rows). Do not switch to it.");
      expect(await tablesWithRows(postgresEngine(t.pool), plan.map((x) => x.name))).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it("refuses while a server uses the file (exit 2)", () => {
    const lock = writeServerLock(demo.file, process.pid);
    try {
      const r = cli("--from", demo.file, "--to", "postgres://127.0.0.1:1/never-contacted");
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`is in use by a server (pid ${process.pid}`);
      expect(r.stderr).toContain("stop it first");
    } finally {
      fs.rmSync(lock);
    }
  });

  it("answers bad flags with the usage (exit 2)", () => {
    const unknown = cli("--from", demo.file, "--into", "postgres://x/y");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Usage: npm run db:migrate-to-postgres -- --from");
    const badUrl = cli("--from", demo.file, "--to", "mysql://user:hunter2@host/db");
    expect(badUrl.status).toBe(2);
    expect(badUrl.stderr).toContain("--to must be a PostgreSQL URL naming a database");
    expect(badUrl.stderr).not.toContain("hunter2");
    const noFrom = cli("--to", "postgres://localhost/binomio");
    expect(noFrom.status).toBe(2);
    expect(noFrom.stderr).toContain("--from is required");
  });
});
