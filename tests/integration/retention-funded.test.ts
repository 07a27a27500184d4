import { execFileSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { insertPlan, type PlanRecord } from "@/db/queries/plans";
import { createUserIfMissing } from "@/db/queries/users";
import { companies } from "@/db/schema";
import { rollUpHeartbeats } from "@/lib/retention/heartbeats";
import { retentionReport } from "@/lib/retention/report";
import { orm } from "@/db/engine/orm";
import { openTestDb, type TestDb } from "./support/test-db";

const OLD = Math.floor(Date.parse("2019-05-10T09:00:00Z") / 1000);
const NOW = new Date("2026-11-25T00:00:00Z");

const plan = (over: Partial<PlanRecord>): PlanRecord => ({
  fund: "fondimpresa",
  avviso: null,
  title: "Piano",
  protocol: null,
  projectTitle: null,
  cup: null,
  startsOn: null,
  endsOn: null,
  attendanceThreshold: null,
  finalTestRequired: null,
  signerName: null,
  signerRole: null,
  ...over,
});

/**
 * One company, plans in every retention state, and learners who take part in them in every way a
 * participation is recorded (enrolment by name, by rule, later cycle, completion), each with 3
 * old heartbeats per course.
 */
async function seed(t: TestDb) {
  const companyId = (await orm(t).insert(companies).values({ name: "Ritenzioni S.p.A." }).returning().get()).id;
  const plans = {
    closed2020: await insertPlan(t, companyId, null, plan({ title: "Chiuso 2020", endsOn: "2020-06-30" }), ["c1", "c4"]),
    closed2015: await insertPlan(t, companyId, null, plan({ title: "Chiuso 2015", fund: "forte", endsOn: "2015-06-30" }), ["c1", "c5"]),
    open: await insertPlan(t, companyId, null, plan({ title: "Aperto", endsOn: null }), ["c3"]),
    unfunded: await insertPlan(t, companyId, null, plan({ title: "Interno", fund: "non-finanziato", endsOn: null }), ["c1"]),
  };
  const user = async (key: string) =>
    (await createUserIfMissing(t, { email: `${key}@example.com`, firstName: key, lastName: "L", passwordHash: null, roles: ["learner"], companyId })).user.id;
  const enrol = (u: number, course: string, planId: number | null) => t.run("INSERT INTO enrolments (user_id, course_slug, plan_id) VALUES (?, ?, ?)", [u, course, planId]);
  const beats = async (u: number, course: string) => {
    for (let i = 0; i < 3; i++) await t.run("INSERT INTO heartbeats (user_id, course_slug, lesson_slug, received_at, credited_seconds) VALUES (?, ?, 'l', ?, 30)", [u, course, OLD + i * 30]);
  };
  const complete = (u: number, course: string, planId: number) =>
    t.run(
      "INSERT INTO course_completions (user_id, course_slug, course_version, completed_at, active_seconds, planned_minutes, attendance_percent, lesson_hashes, cycle, plan_id) VALUES (?, ?, '1', ?, 600, 10, 100, '{}', 1, ?)",
      [u, course, OLD + 600, planId],
    );

  const anna = await user("anna"); // c1 in the plan closed in 2020 (by name); c2 outside any plan
  await enrol(anna, "c1", plans.closed2020);
  await enrol(anna, "c2", null);
  await beats(anna, "c1");
  await beats(anna, "c2");
  const bruno = await user("bruno"); // c3 through the open plan's rule
  await t.run("INSERT INTO enrolment_rules (course_slug, scope, company_id, plan_id) VALUES ('c3', 'everyone', ?, ?)", [companyId, plans.open]);
  await beats(bruno, "c3");
  const carla = await user("carla"); // c1 in the unfunded plan only
  await enrol(carla, "c1", plans.unfunded);
  await beats(carla, "c1");
  const dario = await user("dario"); // c4: first cycle without a plan, second cycle in the plan closed in 2020
  await enrol(dario, "c4", null);
  await t.run("INSERT INTO enrolment_cycles (user_id, course_slug, cycle, plan_id, opened_at) VALUES (?, 'c4', 2, ?, ?)", [dario, plans.closed2020, OLD]);
  await beats(dario, "c4");
  const elisa = await user("elisa"); // c5 completed in the plan closed in 2015: its ten years are over
  await enrol(elisa, "c5", null);
  await complete(elisa, "c5", plans.closed2015);
  await beats(elisa, "c5");
  const fabio = await user("fabio"); // c1 completed in the 2015 plan, but enrolled now in the 2020 one: held by the later
  await enrol(fabio, "c1", plans.closed2020);
  await complete(fabio, "c1", plans.closed2015);
  await beats(fabio, "c1");
  // The rule enrols everyone of the company in c3; only Bruno has heartbeats on it.
  return { companyId, plans, users: { anna, bruno, carla, dario, elisa, fabio } };
}

const left = async (t: TestDb) =>
  (await t.all<{ who: string; course: string; n: number }>("SELECT u.first_name AS who, h.course_slug AS course, count(*) AS n FROM heartbeats h JOIN users u ON u.id = h.user_id GROUP BY 1, 2 ORDER BY 1, 2")).map(
    (r) => `${r.who}/${r.course}:${r.n}`,
  );

describe("retention of funded plans' evidence", () => {
  let t: TestDb;
  afterEach(() => t.close());

  it("rolls up only what no funded plan holds, and says what it kept back per plan", async () => {
    t = await openTestDb();
    const s = await seed(t);
    const auditBefore = await t.get("SELECT count(*) AS n FROM audit_events");
    const r = await rollUpHeartbeats(t, 400, NOW);
    // Held: anna/c1 and fabio/c1 and dario/c4 (2020 plan, kept through 2030), bruno/c3 (open plan).
    expect(await left(t)).toEqual(["anna/c1:3", "bruno/c3:3", "dario/c4:3", "fabio/c1:3"]);
    // Rolled up: anna's course outside plans, the unfunded plan, the plan whose ten years are over.
    expect(r.rolledUp).toBe(9);
    expect(await t.all("SELECT u.first_name AS who, d.course_slug AS course, d.beats FROM heartbeat_daily d JOIN users u ON u.id = d.user_id ORDER BY 1")).toEqual([
      { who: "anna", course: "c2", beats: 3 },
      { who: "carla", course: "c1", beats: 3 },
      { who: "elisa", course: "c5", beats: 3 },
    ]);
    expect(r.kept).toBe(12);
    expect(r.heldPlans.map((p) => ({ id: p.id, keptThrough: p.keptThrough, heartbeats: p.heartbeats }))).toEqual([
      { id: s.plans.closed2020, keptThrough: "2030-06-30", heartbeats: 9 },
      { id: s.plans.open, keptThrough: null, heartbeats: 3 },
    ]);
    const report = retentionReport(r, 400);
    expect(report).toContain("9 rolled up into daily totals");
    expect(report).toContain("Kept back 12 heartbeats older than 400 days");
    expect(report).toContain(`plan ${s.plans.closed2020} "Chiuso 2020" (company ${s.companyId}, Fondimpresa; ends 2020-06-30, kept through 2030-06-30): 9 heartbeats kept back`);
    expect(report).toContain(`plan ${s.plans.open} "Aperto" (company ${s.companyId}, Fondimpresa; no end date: open, kept): 3 heartbeats kept back`);
    expect(report).not.toContain("Chiuso 2015");
    expect(report).toContain("audit events are never deleted");
    expect(await t.get("SELECT count(*) AS n FROM audit_events")).toEqual(auditBefore);
    // Again: nothing more to do, the same held back.
    const again = await rollUpHeartbeats(t, 400, NOW);
    expect([again.rolledUp, again.kept]).toEqual([0, 12]);
  });

  it("releases a plan's evidence only after the last day of its ten years (Rome time)", async () => {
    t = await openTestDb();
    await seed(t);
    // 30 June 2030, 23:30 in Rome: still held.
    expect((await rollUpHeartbeats(t, 400, new Date("2030-06-30T21:30:00Z"))).heldPlans.map((p) => p.title)).toEqual(["Chiuso 2020", "Aperto"]);
    expect(await left(t)).toEqual(["anna/c1:3", "bruno/c3:3", "dario/c4:3", "fabio/c1:3"]);
    // 1 July 2030, 00:30 in Rome: the 2020 plan's evidence follows the ordinary retention; the open plan keeps its own.
    const r = await rollUpHeartbeats(t, 400, new Date("2030-06-30T22:30:00Z"));
    expect(r.heldPlans.map((p) => p.title)).toEqual(["Aperto"]);
    expect(r.rolledUp).toBe(9);
    expect(await left(t)).toEqual(["bruno/c3:3"]);
  });

  it("npm run db:retention prints what it kept back, on the database the configuration names", async () => {
    t = await openTestDb();
    const s = await seed(t);
    const out = execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/db-retention.ts"], {
      env: { ...process.env, ...t.location, HEARTBEAT_RETENTION_DAYS: "400" },
      encoding: "utf8",
    });
    expect(out).toContain("9 rolled up into daily totals");
    expect(out).toMatch(new RegExp(`plan ${s.plans.closed2020} "Chiuso 2020" .*kept through 2030-06-30\\): 9 heartbeats kept back`));
    expect(out).toMatch(new RegExp(`plan ${s.plans.open} "Aperto" .*no end date: open, kept\\): 3 heartbeats kept back`));
    const again = await t.reopen();
    expect(await again.get("SELECT count(*) AS n FROM heartbeats")).toEqual({ n: 12 });
  });
});
