import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listExerciseAttempts, listGradedAttempts } from "@/db/queries/analytics";
import { courseMisconceptions, misconceptionRows, TOO_SMALL } from "@/lib/analytics/course-misconceptions";
import { MIN_RESPONSES_FOR_FLAGS } from "@/lib/analytics/item-analysis";
import { itemReport } from "@/lib/analytics/item-report";
import { MIN_GROUP_SIZE } from "@/lib/analytics/misconceptions";
import { verifyAuditChain } from "@/lib/audit/trail";
import { clearCatalogCache } from "@/lib/content/catalog";
import { getCourse } from "@/lib/content/lookup";
import { COHORT_DEPARTMENTS, seedAssessmentCohort } from "@/lib/demo/assessment-cohort";
import { openTestDb, type TestDb } from "./support/test-db";
import path from "node:path";
import { companies } from "@/db/schema";
import { orm } from "@/db/engine/orm";
import { setCompanyText } from "@/db/queries/company-texts";
import { companyTextRows } from "../support/company-texts";

const COURSE = "lavoro-e-social-media";
const NOW = new Date("2026-06-15T09:00:00Z");

/**
 * The demo cohort for the analytics pages, written through the app's own write paths into a
 * real database (SQLite or PostgreSQL), and what the pages then show (the invariants the screenshots rely on).
 */
describe("demo assessment cohort (real database)", () => {
  let t: TestDb;
  let first: Awaited<ReturnType<typeof seedAssessmentCohort>>;
  const count = async (sql: string, ...args: number[]) => (await t.get<{ n: number }>(sql, args))!.n;

  beforeAll(async () => {
    clearCatalogCache();
    t = await openTestDb();
    // The company whose notice the learners acknowledge, with its texts filled as an admin would.
    const [company] = await orm(t).insert(companies).values({ name: "Coorte S.p.A." }).returning();
    for (const row of companyTextRows(path.resolve("content"))) await setCompanyText(t, { companyId: company!.id, ...row, updatedBy: null, now: NOW });
    first = await seedAssessmentCohort(t, () => NOW, { companyId: company!.id });
  }, 300_000);
  afterAll(() => t.close());

  it("creates at least 60 learners who all submitted attempts, dated before the clock", async () => {
    expect(first.learners).toBeGreaterThanOrEqual(60);
    expect(first.created).toBe(first.learners);
    expect(await count("SELECT COUNT(DISTINCT user_id) AS n FROM quiz_attempts WHERE submitted_at IS NOT NULL")).toBe(first.learners);
    expect(await count("SELECT COUNT(*) AS n FROM quiz_attempts WHERE submitted_at IS NOT NULL")).toBe(first.attempts);
    expect(await count("SELECT COUNT(*) AS n FROM quiz_attempts WHERE submitted_at >= ?", Math.floor(NOW.getTime() / 1000))).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM quiz_attempts WHERE submitted_at IS NULL")).toBe(0);
  });

  it("writes evidence the app itself would: privacy first, heartbeats inside open sessions, audit chain intact", async () => {
    // No learner is tracked before acknowledging the privacy notice.
    expect(
      await count(`SELECT COUNT(*) AS n FROM lesson_progress p JOIN privacy_acknowledgements a ON a.user_id = p.user_id WHERE p.first_opened_at < a.acknowledged_at`),
    ).toBe(0);
    expect(await count("SELECT COUNT(DISTINCT user_id) AS n FROM privacy_acknowledgements")).toBe(first.learners);
    // Every credited heartbeat belongs to a session and falls inside it.
    expect(await count("SELECT COUNT(*) AS n FROM heartbeats")).toBeGreaterThan(first.learners * 100);
    expect(
      await count(`SELECT COUNT(*) AS n FROM heartbeats h LEFT JOIN auth_sessions s ON s.id = h.auth_session_id
              WHERE s.id IS NULL OR h.received_at < s.login_at OR h.received_at > s.ended_at`),
    ).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM auth_sessions WHERE ended_at IS NULL")).toBe(0);
    // Every attempt start and submit has its audit event, and the chain verifies.
    expect(await count("SELECT COUNT(*) AS n FROM audit_events WHERE type = 'attempt.submit'")).toBe(first.attempts);
    expect((await verifyAuditChain(t)).ok).toBe(true);
  });

  it("gives the item analysis real flags, and flags only questions with enough responses", async () => {
    const course = getCourse(COURSE)!;
    const report = itemReport(course, await listGradedAttempts(t, COURSE), "it");
    const questions = report.flatMap((q) => q.questions);
    const flags = new Set(questions.flatMap((q) => q.stats.flags));
    expect([...flags].sort()).toEqual(expect.arrayContaining(["too-easy", "too-hard"]));
    expect(flags.has("low-discrimination") || flags.has("negative-discrimination")).toBe(true);
    for (const q of questions) {
      if (q.stats.responses < MIN_RESPONSES_FOR_FLAGS) expect(q.stats.flags, q.id).toEqual([]);
      if (q.stats.facility !== null) expect(q.stats.facility).toBeGreaterThanOrEqual(0);
      const rates = q.stats.options.reduce((s, o) => s + o.rate, 0);
      if (q.type !== "multiple" && q.stats.responses > 0) expect(rates, q.id).toBeCloseTo(1, 6);
    }
    // Every lesson check was answered by everybody.
    for (const quiz of report.filter((r) => r.kind === "lesson-check")) expect(quiz.attempts).toBe(first.learners);
    // Practice exercises feed the analysis too, one section each, everybody answered.
    const withExercises = itemReport(course, await listGradedAttempts(t, COURSE), "it", await listExerciseAttempts(t, COURSE));
    const exercises = withExercises.filter((r) => r.kind === "spot-the-risk" || r.kind === "rewrite");
    expect(exercises.length).toBe(course.exercises.length);
    expect(exercises.length).toBeGreaterThanOrEqual(6);
    for (const e of exercises) {
      expect(e.attempts, e.id).toBe(first.learners);
      for (const q of e.questions) expect(q.stats.responses, q.id).toBe(first.learners);
    }
  });

  it("fills the heatmap, withholds every figure of the group under 5 people, and names distractors only", async () => {
    const course = getCourse(COURSE)!;
    const report = courseMisconceptions(course, await listGradedAttempts(t, COURSE), "it");
    const small = COHORT_DEPARTMENTS.filter((d) => d.size < MIN_GROUP_SIZE).map((d) => d.name);
    expect(small.length).toBeGreaterThan(0);
    expect(report.groups).toEqual(expect.arrayContaining(COHORT_DEPARTMENTS.map((d) => d.name)));
    expect(report.risks.length).toBe(6);
    for (const c of report.cells) {
      if (small.includes(c.group ?? "")) expect(c).toEqual({ risk: c.risk, group: c.group, tooSmall: true, people: expect.any(Number) });
      else expect(c.tooSmall).toBe(false);
      if (!c.tooSmall) {
        expect(c.people).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
        expect(c.topWrong.length).toBeLessThanOrEqual(3);
        for (const w of c.topWrong) {
          const q = course.quizzes.flatMap((z) => z.questions).find((x) => x.id === w.questionId)!;
          expect(q.options.find((o) => o.id === w.optionId)!.correct).toBe(false);
        }
      }
    }
    // The department's misconception shows: Vendite is wrong more often about confidential information than everybody.
    const vendite = report.cells.find((c) => c.group === "Vendite" && c.risk === "confidential-info");
    const all = report.overall.find((c) => c.risk === "confidential-info");
    expect(vendite && !vendite.tooSmall && all && !all.tooSmall && vendite.wrongShare > all.wrongShare).toBe(true);
    // Exercises add their risk's wrong beliefs (e.g. "not marked as a risk: …").
    const withExercises = courseMisconceptions(course, await listGradedAttempts(t, COURSE), "it", await listExerciseAttempts(t, COURSE));
    const answers = (r: typeof report) => r.overall.reduce((n, c) => n + (c.tooSmall ? 0 : c.answers), 0);
    expect(answers(withExercises)).toBeGreaterThan(answers(report));
    // The export says "gruppo troppo piccolo" and carries no figure for it.
    for (const row of misconceptionRows(report).filter((r) => small.includes(r.group ?? ""))) expect(row.tooSmall).toBe(true);
    expect(TOO_SMALL).toBe("gruppo troppo piccolo");
  });

  it("is idempotent", async () => {
    const before = await count("SELECT COUNT(*) AS n FROM quiz_attempts");
    const again = await seedAssessmentCohort(t, () => NOW, { companyId: (await t.get<{ id: number }>("SELECT id FROM companies"))!.id });
    expect(again).toEqual({ learners: first.learners, created: 0, attempts: 0 });
    expect(await count("SELECT COUNT(*) AS n FROM quiz_attempts")).toBe(before);
  }, 120_000);
});
