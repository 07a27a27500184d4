import { createHash } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { companies } from "@/db/schema";
import { orm } from "@/db/engine/orm";
import { setCompanyText } from "@/db/queries/company-texts";
import { addEnrolmentRule } from "@/db/queries/enrolment";
import { createUserIfMissing } from "@/db/queries/users";
import { listCourseProgress } from "@/db/queries/progress";
import { courseOverview, listRegisterPage } from "@/db/queries/register";
import { currentCycleInfo } from "@/db/queries/cycles";
import { verifyAuditChain } from "@/lib/audit/trail";
import { verifyCertificate } from "@/lib/certificates/load";
import { clearCatalogCache } from "@/lib/content/catalog";
import { getCourse, publishedLessons } from "@/lib/content/lookup";
import { addMonths, romeToday } from "@/lib/dates";
import { DemoLearner } from "@/lib/demo/journey";
import { CYCLE_LEAD_DAYS } from "@/lib/enrolment/cycles";
import { resetEnvCache } from "@/lib/env";
import { courseStatus } from "@/lib/progress/complete-course";
import { sendReminders } from "@/lib/reminders/send";
import { courseParams } from "@/lib/reports/register";
import { registerClock } from "@/lib/reports/register-clock";
import { companyTextRows } from "../support/company-texts";
import { setMailEnv, useSmtpSink } from "./support/smtp-sink";
import { openTestDb, type TestDb } from "./support/test-db";

/**
 * A yearly campaign end to end, on a real database (SQLite or PostgreSQL) and through the app's own write paths:
 * the learner completes the course (its certificate expires after the course's validity), time
 * passes, the reminders run opens the second cycle a month before the expiry, chases it once
 * "due soon" and once "overdue", the learner completes it again — and the first cycle's
 * evidence is the same, byte for byte, at the end.
 */

const COURSE = "lavoro-e-social-media";
const DAY = 86_400_000;
const course = () => getCourse(COURSE)!;

describe("a recertification campaign (rule recurring every 12 months)", () => {
  const smtp = useSmtpSink();
  let t: TestDb;
  let userId = 0;
  let companyId = 0;
  const scope = () => ({ companyId, departments: null });
  /** The learner's evidence of cycle 1: every column of every row, as stored. */
  const cycleOneEvidence = async () => {
    // The database's own rendering of every stored value as a literal: SQLite's quote() keeps types
    // and blobs apart; PostgreSQL's columns have one type each, and quote_nullable() renders its text.
    const quote = t.dialect === "sqlite" ? "quote" : "quote_nullable";
    const rendered = await t.all(
      `SELECT 'c' AS t, ${quote}(c.id) || ${quote}(c.code) || ${quote}(c.completion_id) || ${quote}(c.issued_at) || ${quote}(c.expires_at) || ${quote}(c.revoked_at) AS v
         FROM certificates c JOIN course_completions cc ON cc.id = c.completion_id WHERE c.user_id = @u AND cc.cycle = 1
       UNION ALL SELECT 'q', ${quote}(q.id) || ${quote}(q.questions) || ${quote}(q.answers) || ${quote}(q.score_percent) || ${quote}(q.started_at) || ${quote}(q.submitted_at) || ${quote}(q.results)
         FROM quiz_attempts q WHERE q.user_id = @u AND q.cycle = 1
       UNION ALL SELECT 'cc', ${quote}(cc.id) || ${quote}(cc.completed_at) || ${quote}(cc.active_seconds) || ${quote}(cc.attendance_percent) || ${quote}(cc.final_score_percent) || ${quote}(cc.lesson_hashes)
         FROM course_completions cc WHERE cc.user_id = @u AND cc.cycle = 1
       ORDER BY 1, 2`,
      { u: userId },
    );
    return {
      lessons: await t.all("SELECT * FROM lesson_progress WHERE user_id = ? AND cycle = 1 ORDER BY id", [userId]),
      attempts: await t.all("SELECT * FROM quiz_attempts WHERE user_id = ? AND cycle = 1 ORDER BY id", [userId]),
      completion: await t.all("SELECT * FROM course_completions WHERE user_id = ? AND cycle = 1", [userId]),
      certificate: await t.all("SELECT c.* FROM certificates c JOIN course_completions cc ON cc.id = c.completion_id WHERE c.user_id = ? AND cc.cycle = 1", [userId]),
      bytes: createHash("sha256").update(JSON.stringify(rendered)).digest("hex"),
    };
  };
  let before: Awaited<ReturnType<typeof cycleOneEvidence>>;
  let completedAt = 0;
  let expiresAt = 0;
  let firstCode = "";

  beforeAll(async () => {
    setMailEnv({ SMTP_URL: smtp.url(), PUBLIC_BASE_URL: "https://binomio.example" });
    resetEnvCache();
    clearCatalogCache();
    t = await openTestDb();
    companyId = (await orm(t).insert(companies).values({ name: "Cooperativa Test" }).returning())[0]!.id;
    for (const row of companyTextRows(path.resolve("content"))) await setCompanyText(t, { companyId, ...row, updatedBy: null, now: new Date("2026-01-01T00:00:00Z") });
    userId = (await createUserIfMissing(t, { companyId, email: "socia@example.com", firstName: "Marta", lastName: "Socia", passwordHash: null, roles: ["learner"], department: null })).user.id;
    await addEnrolmentRule(t, { companyId, courseSlug: COURSE, scope: "everyone", department: null, dueDate: "2026-02-28", recurMonths: 12, createdBy: null });
  });
  afterAll(() => t.close());

  /** Reads every lesson, acknowledges the policy, passes the final test — from `start`, in sessions. */
  async function takeCourse(start: Date): Promise<void> {
    const lessons = publishedLessons(course()).map((l) => l.slug);
    const j = await new DemoLearner(t, { id: userId, companyId }, start).signIn();
    for (const slug of lessons) {
      await j.readLesson(course(), slug, 0.95);
      await j.takeLessonCheck(course(), slug, "all");
    }
    await j.acknowledgePolicy(course());
    await j.takeFinalTest(course(), 1);
    await j.signOut();
  }

  it("the course sets a validity, so the certificate of cycle 1 expires after it", async () => {
    expect(course().certificate?.validMonths).toBe(12);
    await takeCourse(new Date("2026-01-12T08:00:00Z"));
    const rows = await t.all<{ cycle: number; completedAt: number; code: string; expiresAt: number }>(
      'SELECT cc.cycle, cc.completed_at AS "completedAt", c.code, c.expires_at AS "expiresAt" FROM course_completions cc JOIN certificates c ON c.completion_id = cc.id WHERE cc.user_id = ?',
      [userId],
    );
    expect(rows.length).toBe(1);
    expect(rows[0]!.cycle).toBe(1);
    completedAt = rows[0]!.completedAt;
    expiresAt = rows[0]!.expiresAt;
    firstCode = rows[0]!.code;
    expect(expiresAt * 1000).toBe(addMonths(new Date(completedAt * 1000), 12).getTime());
    before = await cycleOneEvidence();
    expect(before.lessons.length).toBe(publishedLessons(course()).length);
    expect(before.attempts.length).toBeGreaterThan(1);
  });

  const at = (offsetDays: number) => new Date(expiresAt * 1000 + offsetDays * DAY);

  it("opens nothing until 30 days before the expiry; then cycle 2, once, due on the anniversary", async () => {
    const early = await sendReminders(t, at(-CYCLE_LEAD_DAYS - 1));
    expect(early).toMatchObject({ cyclesOpened: 0, dueSoon: 0, overdue: 0 });
    expect((await currentCycleInfo(t, userId, COURSE)).cycle).toBe(1);

    const open = await sendReminders(t, at(-CYCLE_LEAD_DAYS + 0.5));
    expect(open).toMatchObject({ cyclesOpened: 1, dueSoon: 0, overdue: 0, alreadySent: 0 });
    expect(await currentCycleInfo(t, userId, COURSE)).toEqual({ cycle: 2, planId: null, dueDate: romeToday(new Date(expiresAt * 1000)) });
    expect(await sendReminders(t, at(-CYCLE_LEAD_DAYS + 1))).toMatchObject({ cyclesOpened: 0, dueSoon: 0, overdue: 0 });
    expect(await t.get("SELECT count(*) AS n FROM audit_events WHERE type = 'admin.cycle-open'")).toEqual({ n: 1 });
  });

  it("cycle 2 starts from nothing: no lesson, no attempt, nothing completed", async () => {
    expect(await listCourseProgress(t, userId, COURSE)).toEqual([]);
    const s = await courseStatus(t, userId, course());
    expect(s.cycle).toBe(2);
    expect(s.finalAttempts).toBe(0);
    expect(s.activeSeconds).toBe(0);
    expect(s.evaluation.complete).toBe(false);
    const rows = (await listRegisterPage(t, { course: courseParams(course()), scope: scope(), page: 1, pageSize: 10, clock: registerClock(at(-20)) })).rows;
    expect(rows.map((r) => [r.cycle, r.status, r.certificateCode, r.attendedSeconds > 0, r.overdue])).toEqual([
      [1, "formato", firstCode, true, 0],
      [2, "non-iniziato", null, false, 0],
    ]);
  });

  it("sends 'due soon' once, then 'overdue' once after the expiry, each saying when the certificate expires", async () => {
    expect(await sendReminders(t, at(-5))).toMatchObject({ cyclesOpened: 0, dueSoon: 1, overdue: 0, alreadySent: 0 });
    expect(await sendReminders(t, at(-4))).toMatchObject({ cyclesOpened: 0, dueSoon: 0, overdue: 0, alreadySent: 1 });
    expect(await sendReminders(t, at(1))).toMatchObject({ cyclesOpened: 0, dueSoon: 0, overdue: 1, alreadySent: 0 });
    expect(await sendReminders(t, at(2))).toMatchObject({ cyclesOpened: 0, dueSoon: 0, overdue: 0, alreadySent: 1 });
    const mails = smtp.received.filter((m) => m.to.includes("socia@example.com"));
    expect(mails.length).toBe(2);
    expect(mails[0]!.text).toMatch(/Il tuo attestato scade (il |l')\d+ \S+ \d{4}/);
    expect(mails[1]!.text).toMatch(/Il tuo attestato è scaduto (il |l')\d+ \S+ \d{4}/);
    expect(await t.all('SELECT kind, due_date AS "dueDate" FROM reminder_log WHERE user_id = ? ORDER BY id', [userId])).toEqual([
      { kind: "due-soon", dueDate: romeToday(new Date(expiresAt * 1000)) },
      { kind: "overdue", dueDate: romeToday(new Date(expiresAt * 1000)) },
    ]);
    const overview = await courseOverview(t, { course: courseParams(course()), scope: scope() }, registerClock(at(2)));
    expect(overview).toMatchObject({ participants: 2, formati: 1, nonIniziati: 1, inProgress: 0, nonFormati: 0, overdue: 1 });
  });

  it("the expired certificate says so; its completion in cycle 2 issues a new one, which the old one points to", async () => {
    expect(await verifyCertificate(t, firstCode, at(2))).toMatchObject({ status: "expired", current: null });
    await takeCourse(at(3));
    const certs = await t.all<{ cycle: number; code: string; issuedAt: number; expiresAt: number }>(
      'SELECT cc.cycle, c.code, c.issued_at AS "issuedAt", c.expires_at AS "expiresAt" FROM certificates c JOIN course_completions cc ON cc.id = c.completion_id WHERE c.user_id = ? ORDER BY cc.cycle',
      [userId],
    );
    expect(certs.map((c) => c.cycle)).toEqual([1, 2]);
    const second = certs[1]!;
    expect(second.code).not.toBe(firstCode);
    expect(second.issuedAt * 1000).toBeGreaterThan(at(3).getTime());
    expect(second.expiresAt * 1000).toBe(addMonths(new Date(second.issuedAt * 1000), 12).getTime());
    const now = at(10);
    expect(await verifyCertificate(t, firstCode, now)).toMatchObject({ status: "expired", current: { code: second.code, expiresAt: second.expiresAt } });
    expect(await verifyCertificate(t, second.code, now)).toMatchObject({ status: "valid", current: null });
    // Cycle 2's attempts are numbered from 1 again: it started from nothing.
    expect(await t.get("SELECT min(attempt_number) AS first FROM quiz_attempts WHERE user_id = ? AND cycle = 2 AND kind = 'final'", [userId])).toEqual({ first: 1 });
  });

  it("cycle 1's lessons, attempts, completion and certificate are byte-identical; the audit chain holds", async () => {
    expect(await cycleOneEvidence()).toEqual(before);
    expect((await verifyAuditChain(t)).ok).toBe(true);
  });

  it("the register shows both cycles, formato each with its own certificate, and the counts add up", async () => {
    const clock = registerClock(at(10));
    const params = courseParams(course());
    const rows = (await listRegisterPage(t, { course: params, scope: scope(), page: 1, pageSize: 10, clock })).rows;
    const codes = (await t.all<{ code: string }>("SELECT code FROM certificates WHERE user_id = ? ORDER BY id", [userId])).map((r) => r.code);
    expect(rows.map((r) => [r.userId, r.cycle, r.status, r.certificateCode, r.overdue])).toEqual([
      [userId, 1, "formato", codes[0], 0],
      [userId, 2, "formato", codes[1], 0],
    ]);
    expect(rows[0]!.completedAt).toBe(completedAt);
    expect(rows[1]!.completedAt! > expiresAt).toBe(true);
    // Each cycle's own attended time and attempts, never summed across cycles.
    expect(rows[0]!.attendedSeconds).toBe((before.completion[0] as { active_seconds: number }).active_seconds);
    expect(rows[1]!.finalAttempts).toBe(1);
    const o = await courseOverview(t, { course: params, scope: scope() }, clock);
    expect(o).toMatchObject({ participants: 2, formati: 2, nonIniziati: 0, inProgress: 0, nonFormati: 0, overdue: 0, passed: 2, tested: 2 });
    expect(o.nonIniziati + o.inProgress + o.formati + o.nonFormati).toBe(o.participants);
  });
});

describe("a revoked certificate on the public check", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb();
  });
  afterAll(() => t.close());

  it("stays revoked once expired, and still points to the same person's current certificate", async () => {
    const company = (await orm(t).insert(companies).values({ name: "Officine" }).returning())[0]!.id;
    const user = (await createUserIfMissing(t, { companyId: company, email: "r@example.com", firstName: "R", lastName: "R", passwordHash: null, roles: ["learner"], department: null })).user.id;
    const completion = async (cycle: number, at: string) =>
      (await t.get<{ id: number }>(
        `INSERT INTO course_completions (user_id, course_slug, course_version, completed_at, active_seconds, planned_minutes, attendance_percent, lesson_hashes, cycle)
         VALUES (?, ?, '1', ?, 3600, 60, 100, '{}', ?) RETURNING id`,
        [user, COURSE, Math.floor(Date.parse(at) / 1000), cycle],
      ))!.id;
    const cert = (code: string, completionId: number, issued: string, expires: string) =>
      t.run("INSERT INTO certificates (code, user_id, course_slug, completion_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)", [
        code,
        user,
        COURSE,
        completionId,
        Math.floor(Date.parse(issued) / 1000),
        Math.floor(Date.parse(expires) / 1000),
      ]);
    await cert("AAAA-AAAA-AAAA-AAAA", await completion(1, "2025-03-01T10:00:00Z"), "2025-03-01T10:00:00Z", "2026-03-01T10:00:00Z");
    await cert("BBBB-BBBB-BBBB-BBBB", await completion(2, "2026-02-20T10:00:00Z"), "2026-02-20T10:00:00Z", "2027-02-20T10:00:00Z");
    await t.run("UPDATE certificates SET revoked_at = ?, revoked_reason = 'Errore' WHERE code = 'AAAA-AAAA-AAAA-AAAA'", [Math.floor(Date.parse("2025-06-01T00:00:00Z") / 1000)]);
    const now = new Date("2026-06-01T00:00:00Z");
    expect(await verifyCertificate(t, "aaaa aaaa aaaa aaaa", now)).toMatchObject({ status: "revoked", current: { code: "BBBB-BBBB-BBBB-BBBB" } });
    expect(await verifyCertificate(t, "BBBB-BBBB-BBBB-BBBB", now)).toMatchObject({ status: "valid", current: null });
    // Once the newer one has expired too, there is no current certificate to show.
    expect(await verifyCertificate(t, "AAAA-AAAA-AAAA-AAAA", new Date("2027-03-01T00:00:00Z"))).toMatchObject({ status: "revoked", current: null });
    expect(await verifyCertificate(t, "BBBB-BBBB-BBBB-BBBB", new Date("2027-03-01T00:00:00Z"))).toMatchObject({ status: "expired", current: null });
    expect(await verifyCertificate(t, "CCCC-CCCC-CCCC-CCCC", now)).toBeUndefined();
  });
});
