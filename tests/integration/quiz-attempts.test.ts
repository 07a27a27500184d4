import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createUserIfMissing } from "@/db/queries/users";
import { recordLessonCompleted } from "@/db/queries/progress";
import { findQuiz, parseDrawn, questionsById, startAttempt, submitAttempt } from "@/lib/attempts/lifecycle";
import { mulberry32 } from "@/lib/quiz/draw";
import { clearCatalogCache } from "@/lib/content/catalog";
import { verifyAuditChain } from "@/lib/audit/trail";
import type { QuizAttempt } from "@/db/schema";
import { openTestDb, type TestDb } from "./support/test-db";
import { addEnrolmentRule } from "@/db/queries/enrolment";
import { groupCommit } from "@/db/group-commit";
import { AccommodationSchema, grantTestTimeExtra } from "@/lib/people/accommodation";
import { attemptReviewJson, reviewShowsKeys } from "@/lib/attempts/review";
import { listAttempts } from "@/db/queries/quiz-attempts";

const ROOT = path.resolve("tests/fixtures/content");
const COURSE = "valid-course";

describe("quiz attempt lifecycle (real database)", () => {
  let t: TestDb;
  let anna: number;
  let bruno: number;
  let companyId: number;
  beforeEach(async () => {
    clearCatalogCache();
    t = await openTestDb();
    companyId = (await t.get<{ id: number }>("INSERT INTO companies (name) VALUES ('Azienda') RETURNING id"))!.id;
    await addEnrolmentRule(t, { companyId, courseSlug: "valid-course", scope: "everyone", department: null, dueDate: null, createdBy: null });
    const mk = async (email: string) => (await createUserIfMissing(t, { email, firstName: "X", lastName: "Y", passwordHash: null, roles: ["learner"], companyId })).user.id;
    anna = await mk("anna@example.com");
    bruno = await mk("bruno@example.com");
  });
  afterEach(() => t.close());

  const completeLessons = async (userId: number) => {
    for (const lessonSlug of ["first-steps", "second-look"]) await recordLessonCompleted(t, { userId, courseSlug: COURSE, lessonSlug, contentHash: "h" });
  };
  const start = async (userId: number, quizId: string, now = new Date(), seed = 1) =>
    startAttempt(t, { userId, sessionId: null, courseSlug: COURSE, quizId, now, rng: mulberry32(seed), contentRoot: ROOT });
  const submit = async (userId: number, attemptId: number, answers: unknown, now = new Date()) =>
    submitAttempt(t, { userId, attemptId, answers, answersAs: "authored", now, contentRoot: ROOT });

  /** The right (or a wrong) answer to every question of the attempt, computed from the bank. */
  function answersFor(attempt: QuizAttempt, right: boolean): Record<string, string[]> {
    const byId = questionsById(findQuiz(attempt.courseSlug, attempt.quizId, ROOT)!.quiz);
    return Object.fromEntries(
      parseDrawn(attempt).map((d) => {
        const q = byId.get(d.questionId)!;
        const correct = q.options.filter((o) => o.correct).map((o) => o.id);
        const wrong = q.options.find((o) => !o.correct)!.id;
        return [d.questionId, right ? correct : [wrong]];
      }),
    );
  }
  const getSubmitted = async (id: number) => (await listAttempts(t, anna, COURSE, "final")).find((a) => a.id === id)!;
  const rowCount = async () => (await t.get<{ n: number }>("SELECT count(*) AS n FROM quiz_attempts"))!.n;
  const row = async (id: number) => (await t.get<Record<string, unknown>>("SELECT * FROM quiz_attempts WHERE id = ?", [id]))!;

  it("gives a learner the extra time an admin granted (audited), and only that learner, from the next attempt", async () => {
    await completeLessons(anna);
    await completeLessons(bruno);
    const admin = (await createUserIfMissing(t, { email: "hr@example.com", firstName: "H", lastName: "R", passwordHash: null, roles: ["company_admin"], companyId })).user.id;
    const scope = { companyId, departments: null };
    // Another company's admin: not found, and nothing granted.
    expect(await grantTestTimeExtra(t, admin, { companyId: companyId + 1, departments: null }, { userId: anna, extraPercent: 50 })).toBe("not_found");
    expect(await grantTestTimeExtra(t, admin, scope, { userId: anna, extraPercent: 50 })).toBe("saved");
    expect(await grantTestTimeExtra(t, admin, scope, { userId: anna, extraPercent: 50 })).toBe("unchanged");
    const now = new Date("2026-12-04T10:00:00Z");
    const a = await start(anna, "final", now);
    const b = await start(bruno, "final", now);
    if (!a.ok || !b.ok) throw new Error("start refused");
    const limit = findQuiz(COURSE, "final", ROOT)!.course.finalTest!.timeLimitMinutes * 60_000;
    expect(b.attempt.expiresAt!.getTime() - now.getTime()).toBe(limit);
    expect(a.attempt.expiresAt!.getTime() - now.getTime()).toBe(limit * 1.5);
    const events = await t.all<{ type: string; actor: number; subject: string; data: string }>(
      "SELECT type, actor_user_id AS actor, subject, data FROM audit_events WHERE type IN ('admin.accommodation', 'attempt.start') ORDER BY id",
    );
    expect(events.filter((e) => e.type === "admin.accommodation")).toEqual([{ type: "admin.accommodation", actor: admin, subject: `user:${anna}`, data: JSON.stringify({ before: 0, testTimeExtraPercent: 50 }) }]);
    expect(JSON.parse(events.find((e) => e.type === "attempt.start" && e.actor === anna)!.data)).toMatchObject({ timeExtraPercent: 50 });
    expect(AccommodationSchema.safeParse({ userId: anna, extraPercent: "33" }).success).toBe(false);
    expect((await verifyAuditChain(t)).ok).toBe(true);
  });

  it("stores the draw at start and grades against it", async () => {
    await completeLessons(anna);
    const s = await start(anna, "final");
    if (!s.ok) throw new Error(s.code);
    const drawn = parseDrawn(s.attempt);
    expect(drawn).toHaveLength(3);
    const r = await submit(anna, s.attempt.id, answersFor(s.attempt, true));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.attempt.scorePercent).toBe(100);
      expect(r.attempt.passed).toBe(true);
      expect(JSON.parse(r.attempt.questions)).toEqual(drawn);
    }
  });

  it("the final test stays locked until every lesson is completed (forced sequence)", async () => {
    expect(await start(anna, "final")).toEqual({ ok: false, code: "locked" });
    expect(await rowCount()).toBe(0);
  });

  it("a failed attempt, then a passed one; the record of both stays", async () => {
    await completeLessons(anna);
    const first = await start(anna, "final");
    if (!first.ok) throw new Error(first.code);
    const failed = await submit(anna, first.attempt.id, answersFor(first.attempt, false));
    expect(failed.ok && failed.attempt.passed).toBe(false);
    const second = await start(anna, "final", new Date(), 2);
    if (!second.ok) throw new Error(second.code);
    expect(second.attempt.attemptNumber).toBe(2);
    const passed = await submit(anna, second.attempt.id, answersFor(second.attempt, true));
    expect(passed.ok && passed.attempt.passed).toBe(true);
    expect(await rowCount()).toBe(2);
    expect(await row(first.attempt.id)).toMatchObject({ passed: 0, attempt_number: 1 });
    expect(await start(anna, "final")).toEqual({ ok: false, code: "already_passed" });
  });

  it("a failed final attempt's review withholds the key until a pass or the last attempt (finalTest.reviewKeys)", async () => {
    await completeLessons(anna);
    const ref = findQuiz(COURSE, "final", ROOT)!;
    expect(ref.course.finalTest!.reviewKeys).toBe("when-finished");
    expect(ref.course.finalTest!.maxAttempts).toBe(2);
    const byId = questionsById(ref.quiz);
    const review = async (attempt: QuizAttempt) => {
      const show = reviewShowsKeys(ref, await listAttempts(t, anna, COURSE, "final"));
      return { show, json: JSON.parse(attemptReviewJson(attempt, byId, "it", show)) as { keysShown: boolean; review: Record<string, unknown>[] } };
    };
    const first = await start(anna, "final");
    if (!first.ok) throw new Error("start refused");
    expect((await submit(anna, first.attempt.id, answersFor(first.attempt, false))).ok).toBe(true);
    const early = await review(await getSubmitted(first.attempt.id));
    expect(early.show).toBe(false);
    expect(early.json.keysShown).toBe(false);
    for (const q of early.json.review) {
      expect(q).not.toHaveProperty("explanation");
      expect(q.correct).toBe(false);
      for (const o of q.options as Record<string, unknown>[]) expect(Object.keys(o).sort()).toEqual(["id", "selected", "text"]);
    }
    // The same grades with the key shown carry it: the withheld view only hides.
    const full = JSON.parse(attemptReviewJson(await getSubmitted(first.attempt.id), byId, "it", true)) as { review: { explanation: string; options: { correct: boolean }[] }[] };
    expect(full.review.every((q) => q.explanation.length > 0 && q.options.some((o) => o.correct))).toBe(true);
    // "always": every review shows it.
    expect(reviewShowsKeys({ ...ref, course: { ...ref.course, finalTest: { ...ref.course.finalTest!, reviewKeys: "always" } } }, await listAttempts(t, anna, COURSE, "final"))).toBe(true);

    // The last attempt (2 of 2), failed too: now the key is shown, for both attempts.
    const second = await start(anna, "final");
    if (!second.ok) throw new Error("start refused");
    expect((await submit(anna, second.attempt.id, answersFor(second.attempt, false))).ok).toBe(true);
    expect((await review(await getSubmitted(first.attempt.id))).json.keysShown).toBe(true);

    // A pass shows it at once, on the first attempt.
    await completeLessons(bruno);
    const b = await start(bruno, "final");
    if (!b.ok) throw new Error("start refused");
    expect((await submit(bruno, b.attempt.id, answersFor(b.attempt, true))).ok).toBe(true);
    expect(reviewShowsKeys(ref, await listAttempts(t, bruno, COURSE, "final"))).toBe(true);
    // Lesson checks are practice: always.
    expect(reviewShowsKeys(findQuiz(COURSE, "first-steps-check", ROOT)!, [])).toBe(true);
  });

  it("refuses a new attempt beyond the limit with a clear code", async () => {
    await completeLessons(anna);
    for (let i = 0; i < 2; i++) {
      const s = await start(anna, "final", new Date(), i + 10);
      if (!s.ok) throw new Error(s.code);
      await submit(anna, s.attempt.id, answersFor(s.attempt, false));
    }
    expect(await start(anna, "final")).toEqual({ ok: false, code: "limit_reached", used: 2, max: 2 });
    expect(await rowCount()).toBe(2);
  });

  it("resumes the open attempt instead of drawing a new one", async () => {
    await completeLessons(anna);
    const a = await start(anna, "final");
    const b = await start(anna, "final", new Date(), 99);
    expect(a.ok && b.ok && b.resumed && b.attempt.id === a.attempt.id).toBe(true);
  });

  describe("tampering: refused, nothing recorded", () => {
    let attempt: QuizAttempt;
    let before: Record<string, unknown>;
    beforeEach(async () => {
      await completeLessons(anna);
      const s = await start(anna, "final");
      if (!s.ok) throw new Error(s.code);
      attempt = s.attempt;
      before = await row(attempt.id);
    });
    const unchanged = async () => expect(await row(attempt.id)).toEqual(before);

    it("someone else's attempt is not found", async () => {
      expect(await submit(bruno, attempt.id, answersFor(attempt, true))).toEqual({ ok: false, code: "not_found" });
      await unchanged();
    });
    it("an unknown attempt is not found", async () => {
      expect(await submit(anna, 987654, {})).toEqual({ ok: false, code: "not_found" });
    });
    it("an expired attempt is refused", async () => {
      const late = new Date(attempt.expiresAt!.getTime() + 5 * 60_000);
      expect(await submit(anna, attempt.id, answersFor(attempt, true), late)).toEqual({ ok: false, code: "expired" });
      await unchanged();
    });
    it("answers for a question not in the attempt are refused", async () => {
      const answers = { ...answersFor(attempt, true), "not-in-this-attempt": ["a"] };
      const r = await submit(anna, attempt.id, answers);
      expect(r).toMatchObject({ ok: false, code: "invalid" });
      if (!r.ok && r.code === "invalid") expect(r.errors.map((e) => e.code)).toContain("not-in-attempt");
      await unchanged();
    });
    it.each([
      ["a string", "nope"],
      ["null", null],
      ["numbers as option ids", { x: [1, 2] }],
      ["a prototype-pollution key", JSON.parse('{"__proto__": ["a"]}')],
    ])("a malformed payload (%s) is refused", async (_label, payload) => {
      expect(await submit(anna, attempt.id, payload)).toMatchObject({ ok: false, code: "invalid" });
      await unchanged();
    });
    it("a missing answer is refused, naming the question", async () => {
      const answers = answersFor(attempt, true);
      const dropped = Object.keys(answers)[0]!;
      delete answers[dropped];
      const r = await submit(anna, attempt.id, answers);
      expect(r).toMatchObject({ ok: false, code: "invalid" });
      if (!r.ok && r.code === "invalid") expect(r.errors).toContainEqual(expect.objectContaining({ code: "missing", questionId: dropped }));
      await unchanged();
    });
    it("an already submitted attempt cannot be submitted again, and its row cannot be changed", async () => {
      expect((await submit(anna, attempt.id, answersFor(attempt, false))).ok).toBe(true);
      const graded = await row(attempt.id);
      expect(await submit(anna, attempt.id, answersFor(attempt, true))).toEqual({ ok: false, code: "already_submitted" });
      expect(await row(attempt.id)).toEqual(graded);
      await expect(t.run("UPDATE quiz_attempts SET passed = TRUE WHERE id = ?", [attempt.id])).rejects.toThrow(/cannot change/);
      await expect(t.run("DELETE FROM quiz_attempts WHERE id = ?", [attempt.id])).rejects.toThrow(/never deleted/);
    });
  });

  it("two concurrent submits of the same attempt: exactly one is graded", async () => {
    await completeLessons(anna);
    const s = await start(anna, "final");
    if (!s.ok) throw new Error(s.code);
    // Two requests of one server at once (two processes: tests/integration/multi-process.test.ts).
    const results = await Promise.all([submit(anna, s.attempt.id, answersFor(s.attempt, true)), submit(anna, s.attempt.id, answersFor(s.attempt, false))]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === "already_submitted")).toHaveLength(1);
    const submits = await t.get<{ n: number }>("SELECT count(*) AS n FROM audit_events WHERE type = 'attempt.submit'");
    expect(submits?.n).toBe(1);
    expect((await verifyAuditChain(t)).ok).toBe(true);
  });

  it("two submits of the same attempt in one group commit: the first is graded, the second refused, both answered after COMMIT", async () => {
    await completeLessons(anna);
    const s = await start(anna, "final");
    if (!s.ok) throw new Error(s.code);
    const other = await t.reopen();
    const [first, second] = await Promise.all([
      groupCommit(t, () => submit(anna, s.attempt.id, answersFor(s.attempt, true))),
      groupCommit(t, () => submit(anna, s.attempt.id, answersFor(s.attempt, false))),
    ]);
    expect(first.ok && first.attempt.passed).toBe(true);
    expect(second).toEqual({ ok: false, code: "already_submitted" });
    // Committed when answered: another connection sees the graded attempt and one submit event.
    expect((await other.get<{ passed: number }>("SELECT passed FROM quiz_attempts WHERE id = ?", [s.attempt.id]))?.passed).toBe(1);
    expect((await other.get<{ n: number }>("SELECT count(*) AS n FROM audit_events WHERE type = 'attempt.submit'"))?.n).toBe(1);
    expect((await verifyAuditChain(other)).ok).toBe(true);
  });

  it("lesson checks: unlimited attempts, gated by the lesson's sequence", async () => {
    const s1 = await start(anna, "first-steps-check");
    if (!s1.ok) throw new Error(s1.code);
    expect(s1.attempt.kind).toBe("lesson-check");
    expect(s1.attempt.expiresAt).toBeNull();
    for (let i = 0; i < 4; i++) {
      const s = await start(anna, "first-steps-check", new Date(), i);
      if (!s.ok) throw new Error(s.code);
      expect((await submit(anna, s.attempt.id, answersFor(s.attempt, i % 2 === 0))).ok).toBe(true);
    }
    expect(await rowCount()).toBe(4);
  });

  it("an unknown or unsafe quiz id is not found", async () => {
    expect(await start(anna, "nope")).toEqual({ ok: false, code: "not_found" });
    expect(await start(anna, "../final")).toEqual({ ok: false, code: "not_found" });
  });
});
