import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_FOLDER } from "@/db/migrate";
import { openDatabase, type AppDatabase } from "@/db/open";
import { openReadConnection } from "@/db/queries/read-connection";
import { iterateRegister, type CourseParams, type RegisterDbRow } from "@/db/queries/register";
import { verifyAuditChain } from "@/lib/audit/trail";
import { registerClock } from "@/lib/reports/register-clock";
import { sendReminders } from "@/lib/reminders/send";

/**
 * The upgrade of a real installation of the previous release (one company per installation,
 * migrations 0000–0009): `tests/fixtures/previous-release/` (its README says how it was written).
 * The current migrations run on a copy; nothing the old release recorded may be lost or altered,
 * beyond what the tenancy migration means to change (roles, new columns, the company's plan).
 */

const FIXTURE = path.join(process.cwd(), "tests/fixtures/previous-release/binomio-7a8bc44.db");
const OLD_REGISTER = JSON.parse(fs.readFileSync(FIXTURE.replace(/\.db$/, ".register.json"), "utf8")) as {
  now: string;
  course: CourseParams;
  rows: (Record<string, unknown> & { userId: number })[];
};

type Row = Record<string, unknown>;
type Dump = Map<string, { columns: string[]; rows: Row[] }>;

/** Every table of the file (but drizzle's bookkeeping), with its columns and rows. */
function dump(sqlite: Database.Database): Dump {
  const out: Dump = new Map();
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) {
    const columns = (sqlite.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]).map((c) => c.name);
    out.set(name, { columns, rows: sqlite.prepare(`SELECT * FROM "${name}"`).all() as Row[] });
  }
  return out;
}

/** Rows projected on some columns, as sorted canonical strings (a multiset: rowids may change when a table is rebuilt). */
function projected(rows: Row[], columns: string[]): string[] {
  return rows.map((r) => JSON.stringify(columns.map((c) => r[c]))).sort();
}

const sequences = (sqlite: Database.Database) =>
  Object.fromEntries((sqlite.prepare("SELECT name, seq FROM sqlite_sequence").all() as { name: string; seq: number }[]).map((r) => [r.name, r.seq]));

const one = <T>(d: AppDatabase, sql: string, ...params: unknown[]) => d.sqlite.prepare(sql).get(...params) as T;
const all = <T>(d: AppDatabase, sql: string, ...params: unknown[]) => d.sqlite.prepare(sql).all(...params) as T[];

describe.each([
  { label: "without FUNDING_*", environment: {} as Record<string, string>, plan: { fund: "non-finanziato", title: "Piano formativo aziendale", avviso: null, protocol: null } },
  {
    label: "with FUNDING_*",
    environment: { FUNDING_PLAN: "Piano Fondimpresa 2026 — Officine", FUNDING_AVVISO: "Avviso 1/2026", FUNDING_PROTOCOL: "AVS/001/26" },
    plan: { fund: "altro", title: "Piano Fondimpresa 2026 — Officine", avviso: "Avviso 1/2026", protocol: "AVS/001/26" },
  },
])("upgrading a database of the previous release ($label)", ({ environment, plan }) => {
  let dir = "";
  const opened: AppDatabase[] = [];
  afterEach(() => {
    for (const o of opened) if (o.sqlite.open) o.sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A copy of the fixture, its contents before, and the upgraded connection. */
  function upgrade() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-upgrade-"));
    const file = path.join(dir, "binomio.db");
    fs.copyFileSync(FIXTURE, file);
    const old = new Database(file, { readonly: true });
    const before = dump(old);
    const seqBefore = sequences(old);
    const migrationsBefore = (old.prepare('SELECT count(*) AS n FROM "__drizzle_migrations"').get() as { n: number }).n;
    old.close();
    const d = openDatabase(file, { migrate: false });
    opened.push(d);
    const applied = applyMigrations(d.sqlite, MIGRATIONS_FOLDER, environment);
    return { file, d, before, seqBefore, migrationsBefore, applied };
  }

  it("applies the migrations the old file lacks, once; a second run changes nothing", () => {
    const { d, file, migrationsBefore, applied } = upgrade();
    const total = fs.readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith(".sql")).length;
    expect(migrationsBefore).toBe(10);
    expect(applied).toBe(total - migrationsBefore);
    const after = dump(d.sqlite);
    const schema = d.sqlite.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").all();

    expect(applyMigrations(d.sqlite, MIGRATIONS_FOLDER, environment)).toBe(0);
    // Also from a fresh connection, the way the server opens it (process.env, not the test's).
    const again = openDatabase(file);
    opened.push(again);
    expect(dump(again.sqlite)).toEqual(after);
    expect(again.sqlite.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").all()).toEqual(schema);
    expect(again.sqlite.prepare('SELECT count(*) AS n FROM "__drizzle_migrations"').get()).toEqual({ n: total });
  });

  it("keeps every row of every table; only roles change, and only what the migration adds grows", () => {
    const { d, before, seqBefore } = upgrade();
    const after = dump(d.sqlite);
    for (const [table, old] of before) {
      const now = after.get(table);
      expect(now, `${table} still exists`).toBeDefined();
      // Every old column is still there (new ones are added, none dropped or renamed).
      expect(now!.columns.slice(0, old.columns.length), table).toEqual(old.columns);
      let expected = old.rows;
      if (table === "user_roles") expected = old.rows.map((r) => (r.role === "admin" ? { ...r, role: "provider_admin" } : r));
      if (table === "departments") {
        // Grown: the department names people already had become departments of their company.
        const oldNames = new Set(old.rows.map((r) => r.name));
        const added = now!.rows.filter((r) => !oldNames.has(r.name));
        const peopleDepartments = [...new Set(before.get("users")!.rows.map((u) => u.department as string | null).filter((x): x is string => !!x))];
        expect(added.map((r) => r.name).sort()).toEqual(peopleDepartments.filter((n) => !oldNames.has(n)).sort());
        expect(projected(now!.rows.filter((r) => oldNames.has(r.name)), old.columns), table).toEqual(projected(expected, old.columns));
        continue;
      }
      expect(projected(now!.rows, old.columns), table).toEqual(projected(expected, old.columns));
    }
    // No counter went backwards (a reused id would let a new row pose as an old one).
    const seqAfter = sequences(d.sqlite);
    for (const [name, seq] of Object.entries(seqBefore)) expect(seqAfter[name], name).toBeGreaterThanOrEqual(seq);
    expect(seqAfter.audit_events).toBe(seqBefore.audit_events);
  });

  it("the audit hash chain still verifies, with all its events", async () => {
    const { d, before } = upgrade();
    expect(await verifyAuditChain(d)).toEqual({ ok: true, count: before.get("audit_events")!.rows.length });
  });

  it("puts everyone in the one company, makes admins provider admins, one plan holds everything", () => {
    const { d, before } = upgrade();
    const companies = all<{ id: number; name: string }>(d, "SELECT id, name FROM companies");
    expect(companies).toEqual([{ id: 1, name: "Officine Demo S.r.l." }]);
    expect(all(d, "SELECT DISTINCT company_id AS c FROM users")).toEqual([{ c: 1 }]);
    expect(all(d, "SELECT DISTINCT company_id AS c FROM departments")).toEqual([{ c: 1 }]);
    expect(all(d, "SELECT DISTINCT company_id AS c FROM enrolment_rules")).toEqual([{ c: 1 }]);
    expect(all(d, "SELECT DISTINCT company_id AS c FROM people_imports")).toEqual([{ c: 1 }]);
    expect(all(d, "SELECT DISTINCT company_id AS c FROM outbox")).toEqual([{ c: 1 }]);

    const oldAdmins = before.get("user_roles")!.rows.filter((r) => r.role === "admin").map((r) => r.user_id);
    expect(oldAdmins.length).toBeGreaterThan(0);
    expect(all<{ user_id: number }>(d, "SELECT user_id FROM user_roles WHERE role = 'provider_admin' ORDER BY user_id").map((r) => r.user_id)).toEqual(oldAdmins);
    expect(one(d, "SELECT count(*) AS n FROM user_roles WHERE role = 'admin'")).toEqual({ n: 0 });

    const plans = all<Row>(d, "SELECT id, company_id, fund, title, avviso, protocol FROM funding_plans");
    expect(plans).toEqual([{ id: 1, company_id: 1, ...plan }]);
    expect(all(d, "SELECT plan_id, course_slug FROM funding_plan_courses")).toEqual([{ plan_id: 1, course_slug: OLD_REGISTER.course.slug }]);
    for (const table of ["enrolments", "enrolment_rules", "course_completions"]) {
      expect(all(d, `SELECT DISTINCT plan_id AS p FROM ${table}`), table).toEqual([{ p: 1 }]);
    }
    expect(one(d, "SELECT count(*) AS n FROM effective_enrolments WHERE plan_id IS NOT 1")).toEqual({ n: 0 });
    // Every earlier participation is the first cycle; no later one was opened.
    for (const table of ["lesson_progress", "quiz_attempts", "course_completions"]) expect(all(d, `SELECT DISTINCT cycle AS c FROM ${table}`), table).toEqual([{ c: 1 }]);
    expect(one(d, "SELECT count(*) AS n FROM enrolment_cycles")).toEqual({ n: 0 });
    // Certificates issued before expiry existed do not expire.
    expect(all(d, "SELECT DISTINCT expires_at AS e FROM certificates")).toEqual([{ e: null }]);
  });

  it("the upgraded register says what the old one said, row by row", () => {
    const { d } = upgrade();
    const conn = openReadConnection(d);
    const rows = [...iterateRegister(conn, { course: OLD_REGISTER.course, scope: { companyId: 1, departments: null }, clock: registerClock(new Date(OLD_REGISTER.now)) })];
    conn.close();
    expect(OLD_REGISTER.rows.length).toBe(5);
    const byUser = new Map(rows.map((r) => [r.userId, r]));
    expect(rows.every((r) => r.cycle === 1)).toBe(true);
    expect(byUser.size).toBe(rows.length);
    let compared = 0;
    for (const old of OLD_REGISTER.rows) {
      const now = byUser.get(old.userId) as (RegisterDbRow & Row) | undefined;
      expect(now, `${old.lastName} is still in the register`).toBeDefined();
      for (const [key, value] of Object.entries(old)) {
        expect(key in now!, `${key} is still a register field`).toBe(true);
        expect(now![key], `${old.lastName}: ${key}`).toEqual(value);
        compared++;
      }
      expect(now!.planId).toBe(1);
    }
    expect(compared).toBe(5 * Object.keys(OLD_REGISTER.rows[0]!).length);
    // The old register listed who had started; the new one also lists who is enrolled and has not.
    const extra = rows.filter((r) => !OLD_REGISTER.rows.some((o) => o.userId === r.userId));
    for (const r of extra) expect([r.lastName, r.status, r.completionId, r.attendedSeconds, r.active]).toEqual([r.lastName, "non-iniziato", null, 0, 1]);
    const enrolledLearners = one<{ n: number }>(
      d,
      "SELECT count(DISTINCT e.user_id) AS n FROM effective_enrolments e JOIN users u ON u.id = e.user_id AND u.active = 1 WHERE e.course_slug = ?",
      OLD_REGISTER.course.slug,
    ).n;
    const started = new Set(OLD_REGISTER.rows.map((o) => o.userId));
    expect(extra.length).toBe(
      all<{ user_id: number }>(d, "SELECT DISTINCT e.user_id FROM effective_enrolments e JOIN users u ON u.id = e.user_id AND u.active = 1 WHERE e.course_slug = ?", OLD_REGISTER.course.slug).filter(
        (r) => !started.has(r.user_id),
      ).length,
    );
    expect(enrolledLearners).toBeGreaterThan(0);
  });

  it("the reminders run of the upgraded file sends nothing the old release already sent", async () => {
    const { d } = upgrade();
    const log = d.sqlite.prepare("SELECT user_id, course_slug, kind, due_date FROM reminder_log").all();
    expect(log.length).toBe(1);
    // The old release's run of 21 November, again: the same person, course, kind and due date.
    const report = await sendReminders(d, new Date("2026-11-21T08:00:00Z"), { daysBefore: 7 });
    expect(report).toMatchObject({ cyclesOpened: 0, dueSoon: 0, overdue: 0, alreadySent: 1 });
    expect(d.sqlite.prepare("SELECT user_id, course_slug, kind, due_date FROM reminder_log").all()).toEqual(log);
  });

  it("completions, certificates, attempts and audit events stay immutable", () => {
    const { d } = upgrade();
    const attempts: [string, RegExp][] = [
      ["UPDATE course_completions SET active_seconds = active_seconds + 1 WHERE id = 1", /never updated/],
      ["UPDATE course_completions SET plan_id = NULL WHERE id = 1", /never updated/],
      ["DELETE FROM course_completions WHERE id = 1", /./],
      ["UPDATE certificates SET issued_at = issued_at + 1 WHERE id = 1", /only be revoked/],
      ["UPDATE certificates SET expires_at = 1 WHERE id = 1", /only be revoked/],
      ["UPDATE certificates SET revoked_at = 1 WHERE id = 2", /only be revoked/],
      ["DELETE FROM certificates WHERE id = 1", /./],
      ["UPDATE quiz_attempts SET score_percent = 100 WHERE submitted_at IS NOT NULL", /./],
      ["DELETE FROM quiz_attempts", /./],
      ["UPDATE audit_events SET type = 'x' WHERE id = 1", /./],
      ["DELETE FROM audit_events WHERE id = 20", /./],
    ];
    for (const [sql, message] of attempts) expect(() => d.sqlite.exec(sql), sql).toThrow(message);
    // The one change a certificate may still take: its revocation, once.
    expect(d.sqlite.prepare("UPDATE certificates SET revoked_at = 1, revoked_reason = 'x' WHERE id = 1").run().changes).toBe(1);
  });
});
