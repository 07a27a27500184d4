import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createUserIfMissing } from "@/db/queries/users";
import { getCourse } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import { resetEnvCache } from "@/lib/env";
import { sendReminders } from "@/lib/reminders/send";
import { setMailEnv, useSmtpSink } from "./support/smtp-sink";
import { openTestDb, type TestDb } from "./support/test-db";

const COURSE = "lavoro-e-social-media";
/** 10:00 in Rome on 10 March 2027. */
const NOW = new Date("2027-03-10T09:00:00Z");

describe("sendReminders() over a real SMTP server", () => {
  const smtp = useSmtpSink();
  let t: TestDb;
  let companyId: number;

  beforeEach(async () => {
    setMailEnv({ SMTP_URL: smtp.url(), PUBLIC_BASE_URL: "https://binomio.example" });
    resetEnvCache();
    t = await openTestDb();
    companyId = (await t.get<{ id: number }>("INSERT INTO companies (name) VALUES ('Officine Test S.r.l.') RETURNING id"))!.id;
  });
  afterEach(() => t.close());

  async function learner(email: string, opts: { locale?: "it" | "en"; roles?: ("learner" | "trainer" | "company_admin")[]; department?: string } = {}): Promise<number> {
    const id = (await createUserIfMissing(t, {
      companyId,
      email,
      firstName: email.split("@")[0]!,
      lastName: "Test",
      passwordHash: null,
      roles: opts.roles ?? ["learner"],
      department: opts.department ?? null,
    })).user.id;
    if (opts.locale) await t.run("UPDATE users SET locale = ? WHERE id = ?", [opts.locale, id]);
    return id;
  }
  const enrol = (userId: number, dueDate: string | null, course = COURSE) =>
    t.run("INSERT INTO enrolments (user_id, course_slug, due_date) VALUES (?, ?, ?)", [userId, course, dueDate]);
  const rule = (dueDate: string | null, department: string | null = null) =>
    t.run("INSERT INTO enrolment_rules (company_id, course_slug, scope, department, due_date) VALUES (?, ?, ?, ?, ?)", [
      companyId,
      COURSE,
      department ? "department" : "everyone",
      department,
      dueDate,
    ]);
  const complete = (userId: number) =>
    t.run(
      `INSERT INTO course_completions (user_id, course_slug, course_version, completed_at, active_seconds, planned_minutes, attendance_percent, lesson_hashes)
       VALUES (?, ?, '1', ?, 3600, 60, 100, '{}')`,
      [userId, COURSE, Math.floor(NOW.getTime() / 1000) - 86_400],
    );
  const log = () => t.all('SELECT user_id AS "userId", kind, due_date AS "dueDate" FROM reminder_log ORDER BY user_id, kind');
  const to = (email: string) => smtp.received.filter((m) => m.to.includes(email));

  it("sends due-soon within the window and overdue after the date, once each across runs", async () => {
    const soon = await learner("soon@example.com");
    const today = await learner("today@example.com");
    const late = await learner("late@example.com");
    const far = await learner("far@example.com");
    const none = await learner("nodate@example.com");
    await enrol(soon, "2027-03-17"); // 7 days: inside the default window
    await enrol(today, "2027-03-10"); // the last day: still due soon
    await enrol(late, "2027-03-09"); // yesterday: overdue
    await enrol(far, "2027-03-18"); // 8 days: not yet
    await enrol(none, null);

    const first = await sendReminders(t, NOW);
    expect(first).toEqual({ cyclesOpened: 0, dueSoon: 2, overdue: 1, alreadySent: 0, delivery: { sent: 3, failed: 0, held: 0 } });
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(["late@example.com", "soon@example.com", "today@example.com"]);
    expect(await log()).toEqual([
      { userId: soon, kind: "due-soon", dueDate: "2027-03-17" },
      { userId: today, kind: "due-soon", dueDate: "2027-03-10" },
      { userId: late, kind: "overdue", dueDate: "2027-03-09" },
    ]);

    const title = localized(getCourse(COURSE)!.title, "it");
    const dueSoonMail = to("soon@example.com")[0]!;
    expect(dueSoonMail.subject).toBe(`Promemoria: completa il corso «${title}» entro il 17 marzo 2027`);
    expect(dueSoonMail.text).toContain(`https://binomio.example/courses/${COURSE}`);
    expect(to("late@example.com")[0]!.subject).toBe(`Corso da completare: «${title}» era da terminare entro il 9 marzo 2027`);

    const second = await sendReminders(t, NOW);
    expect(second).toEqual({ cyclesOpened: 0, dueSoon: 0, overdue: 0, alreadySent: 3, delivery: { sent: 0, failed: 0, held: 0 } });
    expect(smtp.received).toHaveLength(3);

    // A week later the due-soon learners are overdue: one more mail each, then nothing again.
    const weekLater = new Date(NOW.getTime() + 8 * 86_400_000);
    const third = await sendReminders(t, weekLater);
    expect(third).toMatchObject({ dueSoon: 1, overdue: 2, alreadySent: 1 });
    expect(to("soon@example.com").map((m) => m.subject.split(":")[0])).toEqual(["Promemoria", "Corso da completare"]);
    expect(to("far@example.com")).toHaveLength(1);
    expect((await sendReminders(t, weekLater)).dueSoon + (await sendReminders(t, weekLater)).overdue).toBe(0);
  });

  it("skips learners who completed the course, deactivated people and non-learners", async () => {
    const done = await learner("done@example.com");
    const off = await learner("off@example.com");
    const admin = await learner("boss@example.com", { roles: ["company_admin"] });
    const ok = await learner("ok@example.com");
    for (const id of [done, off, admin, ok]) await enrol(id, "2027-03-12");
    await complete(done);
    await t.run("UPDATE users SET active = false WHERE id = ?", [off]);

    const r = await sendReminders(t, NOW);
    expect(r.dueSoon).toBe(1);
    expect(smtp.received.map((m) => m.to)).toEqual([["ok@example.com"]]);
    expect(await log()).toEqual([{ userId: ok, kind: "due-soon", dueDate: "2027-03-12" }]);
  });

  it("skips a learner who can no longer complete: every final-test attempt used without a pass ('non formato')", async () => {
    const spent = await learner("spent@example.com");
    const open = await learner("open@example.com");
    await enrol(spent, "2027-03-01");
    await enrol(open, "2027-03-01");
    const max = getCourse(COURSE)!.finalTest!.maxAttempts;
    const start = Math.floor(NOW.getTime() / 1000) - 7200;
    for (let n = 1; n <= max; n++) {
      await t.run(
        `INSERT INTO quiz_attempts (user_id, course_slug, quiz_id, kind, attempt_number, quiz_content_hash, questions, started_at, submitted_at, score_percent, correct_count, total_questions, passed)
         VALUES (?, ?, 'final', 'final', ?, 'h', '[]', ?, ?, 10, 1, 10, false)`,
        [spent, COURSE, n, start + n * 60, start + n * 60 + 30],
      );
    }
    await sendReminders(t, NOW);
    expect(to("spent@example.com")).toHaveLength(0);
    expect(to("open@example.com")).toHaveLength(1);
  });

  it("takes the earliest due date across direct enrolments and rules, once per person and course", async () => {
    const sales = await learner("sales@example.com", { department: "Vendite" });
    const other = await learner("other@example.com", { department: "Acquisti" });
    await enrol(sales, "2027-04-30");
    await rule("2027-03-15", "Vendite");
    await rule("2027-03-16");
    await rule(null);

    const r = await sendReminders(t, NOW);
    expect(r.dueSoon).toBe(2);
    expect(await log()).toEqual([
      { userId: sales, kind: "due-soon", dueDate: "2027-03-15" },
      { userId: other, kind: "due-soon", dueDate: "2027-03-16" },
    ]);
    expect(to("sales@example.com")).toHaveLength(1);
  });

  it("writes in the learner's language and honours REMINDER_DAYS_BEFORE", async () => {
    const en = await learner("john@example.com", { locale: "en" });
    await enrol(en, "2027-03-13");
    setMailEnv({ SMTP_URL: smtp.url(), PUBLIC_BASE_URL: "https://binomio.example", REMINDER_DAYS_BEFORE: "2" });
    resetEnvCache();
    expect((await sendReminders(t, NOW)).dueSoon).toBe(0);
    expect((await sendReminders(t, new Date("2027-03-11T09:00:00Z"))).dueSoon).toBe(1);
    const title = localized(getCourse(COURSE)!.title, "en");
    expect(smtp.received[0]!.subject).toBe(`Reminder: complete the course “${title}” by 13 March 2027`);
    expect(smtp.received[0]!.text).toContain("Dear john Test,");
  });

  it("with no SMTP_URL records the reminders and keeps the mails in the outbox", async () => {
    setMailEnv({ PUBLIC_BASE_URL: "https://binomio.example" });
    resetEnvCache();
    await enrol(await learner("quiet@example.com"), "2027-03-01");
    const r = await sendReminders(t, NOW);
    expect(r).toEqual({ cyclesOpened: 0, dueSoon: 0, overdue: 1, alreadySent: 0, delivery: { sent: 0, failed: 0, held: 1 } });
    expect(smtp.received).toHaveLength(0);
    expect(await t.all("SELECT to_address, kind, sent_at FROM outbox")).toEqual([
      { to_address: "quiet@example.com", kind: "reminder-overdue", sent_at: null },
    ]);
  });
});
