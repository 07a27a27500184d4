import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createUserIfMissing } from "@/db/queries/users";
import { recordLessonCompleted, recordLessonOpened } from "@/db/queries/progress";
import { recordHeartbeat, startLearnerClock } from "@/lib/progress/heartbeat";
import { findQuiz, parseDrawn, questionsById, startAttempt, submitAttempt } from "@/lib/attempts/lifecycle";
import { completeCourseIfDue } from "@/lib/progress/complete-course";
import { clearCatalogCache } from "@/lib/content/catalog";
import { verifyAuditChain } from "@/lib/audit/trail";
import { openTestDb, type TestDb } from "./support/test-db";
import { addEnrolmentRule } from "@/db/queries/enrolment";

const ROOT = path.resolve("tests/fixtures/content");
const COURSE = "valid-course";

describe("course completion (real database)", () => {
  let t: TestDb;
  let anna: number;
  const t0 = Date.parse("2026-05-04T08:00:00Z");

  beforeEach(async () => {
    clearCatalogCache();
    t = await openTestDb();
    const companyId = (await t.get<{ id: number }>("INSERT INTO companies (name) VALUES ('Azienda') RETURNING id"))!.id;
    await addEnrolmentRule(t, { companyId, courseSlug: "valid-course", scope: "everyone", department: null, dueDate: null, createdBy: null });
    anna = (await createUserIfMissing(t, { email: "anna@example.com", firstName: "Anna", lastName: "Neri", passwordHash: null, roles: ["learner"], companyId })).user.id;
  });
  afterEach(() => t.close());

  const lessons = ["first-steps", "second-look"];
  async function readLessons() {
    for (const lessonSlug of lessons) {
      await recordLessonOpened(t, { userId: anna, courseSlug: COURSE, lessonSlug, contentHash: "h" });
      await recordLessonCompleted(t, { userId: anna, courseSlug: COURSE, lessonSlug, contentHash: "h" });
    }
  }
  /** Steady heartbeats every 30 s on the first lesson, as a visible, active page sends them. */
  async function attend(seconds: number) {
    await startLearnerClock(t, anna, t0);
    for (let s = 30; s <= seconds; s += 30) {
      await recordHeartbeat(t, { userId: anna, sessionId: null, courseSlug: COURSE, lessonSlug: "first-steps", nowMs: t0 + s * 1000 });
    }
  }
  async function passFinal() {
    const s = await startAttempt(t, { userId: anna, sessionId: null, courseSlug: COURSE, quizId: "final", contentRoot: ROOT });
    if (!s.ok) throw new Error(s.code);
    const byId = questionsById(findQuiz(COURSE, "final", ROOT)!.quiz);
    const answers = Object.fromEntries(parseDrawn(s.attempt).map((d) => [d.questionId, byId.get(d.questionId)!.options.filter((o) => o.correct).map((o) => o.id)]));
    return submitAttempt(t, { userId: anna, attemptId: s.attempt.id, answers, answersAs: "authored", contentRoot: ROOT });
  }
  const completions = () => t.all<Record<string, unknown>>("SELECT * FROM course_completions");

  it("is written by the event that meets the last requirement, once, with hours, score and hashes", async () => {
    await readLessons();
    await attend(630); // 70 % of 15 planned minutes
    expect(await completeCourseIfDue(t, { userId: anna, courseSlug: COURSE, contentRoot: ROOT })).toBeNull(); // test not passed yet
    const submitted = await passFinal(); // the submit completes the course in its own transaction
    expect(submitted.ok).toBe(true);
    const [c] = await completions();
    expect(c).toMatchObject({ user_id: anna, course_slug: COURSE, active_seconds: 630, planned_minutes: 15, attendance_percent: 70, final_score_percent: 100 });
    expect(Object.keys(JSON.parse(c!.lesson_hashes as string))).toEqual(lessons);
    expect(await completeCourseIfDue(t, { userId: anna, courseSlug: COURSE, contentRoot: ROOT })).toBeNull();
    expect(await completions()).toHaveLength(1);
    await expect(t.run("UPDATE course_completions SET active_seconds = 99999")).rejects.toThrow(/never updated/);
    expect((await verifyAuditChain(t)).ok).toBe(true);
  });

  it("attendance below the threshold keeps the course open until heartbeats reach it", async () => {
    await readLessons();
    await attend(600);
    expect((await passFinal()).ok).toBe(true);
    expect(await completions()).toHaveLength(0);
    await recordHeartbeat(t, { userId: anna, sessionId: null, courseSlug: COURSE, lessonSlug: "first-steps", nowMs: t0 + 630_000 });
    expect((await completeCourseIfDue(t, { userId: anna, courseSlug: COURSE, contentRoot: ROOT }))?.activeSeconds).toBe(630);
  });

  it("concurrent triggering events write a single record", async () => {
    await readLessons();
    await attend(660);
    expect((await passFinal()).ok).toBe(true);
    // Already complete from the submit; two more connections racing change nothing.
    const other = await t.reopen();
    await completeCourseIfDue(other, { userId: anna, courseSlug: COURSE, contentRoot: ROOT });
    await completeCourseIfDue(t, { userId: anna, courseSlug: COURSE, contentRoot: ROOT });
    expect(await completions()).toHaveLength(1);
    const events = await t.get<{ n: number }>("SELECT count(*) AS n FROM audit_events WHERE type = 'course.complete'");
    expect(events?.n).toBe(1);
  });

  it("a flood of heartbeats credits no more than real time", async () => {
    await readLessons();
    await startLearnerClock(t, anna, t0);
    for (let i = 0; i < 100; i++) await recordHeartbeat(t, { userId: anna, sessionId: null, courseSlug: COURSE, lessonSlug: "first-steps", nowMs: t0 + 30_000 + i * 10 });
    const { s } = (await t.get<{ s: number }>("SELECT sum(active_seconds) AS s FROM lesson_progress WHERE user_id = ?", [anna]))!;
    expect(s).toBeLessThanOrEqual(31);
  });

  it("a heartbeat for a lesson never opened credits nothing", async () => {
    expect(await recordHeartbeat(t, { userId: anna, sessionId: null, courseSlug: COURSE, lessonSlug: "second-look", nowMs: t0 })).toEqual({ ok: false, code: "not_opened" });
  });
});
