import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { companies } from "@/db/schema";
import { orm } from "@/db/engine/orm";
import { addEnrolmentRule } from "@/db/queries/enrolment";
import { createUserIfMissing } from "@/db/queries/users";
import { closeAccessSession, openAccessSession } from "@/lib/auth/access-log";
import { verifyAuditChain } from "@/lib/audit/trail";
import { getCourse, publishedLessons } from "@/lib/content/lookup";
import { createPlan, editPlan, PlanSchema, type PlanInput } from "@/lib/plans/plans";
import { answerCheck } from "@/lib/presence/checks";
import { presenceChecksForPlan, summarisePresenceChecks } from "@/lib/presence/register";
import { recordLearnerHeartbeat } from "@/lib/progress/heartbeat";
import { recordLessonEvent } from "@/lib/progress/lesson-events";
import { readPlanDossier } from "@/lib/dossier/read";
import { renderRegisterPdf } from "@/lib/dossier/register-pdf";
import { openTestDb, type TestDb } from "./support/test-db";

/**
 * Presence checks on a real database (SQLite or PostgreSQL), through the same functions the routes call: off unless
 * the learner's plan asks; the heartbeat that finds one due asks; while it is open nothing is
 * credited; the learner answers once, nobody else can; the rows cannot change afterwards.
 */

const COURSE = "lavoro-e-social-media";
const T0 = Date.UTC(2026, 2, 2, 8, 0, 0);
const ALWAYS = () => 0; // the luckiest draw: asks as soon as the rules allow
const NEVER = () => 0.999_999;

function plan(presenceCheckSeconds: number | null): PlanInput {
  return {
    fund: "fondimpresa",
    title: presenceCheckSeconds ? "Piano con verifiche" : "Piano senza verifiche",
    avviso: "Avviso 1/2026",
    protocol: null,
    projectTitle: null,
    cup: null,
    startsOn: null,
    endsOn: null,
    courses: [COURSE],
    attendanceThreshold: null,
    finalTestRequired: null,
    signerName: null,
    signerRole: null,
    presenceCheckSeconds,
  };
}

describe("presence checks", () => {
  let t: TestDb;
  let companyId = 0;
  const lesson = () => publishedLessons(getCourse(COURSE)!)[0]!;

  beforeEach(async () => {
    t = await openTestDb();
    companyId = (await orm(t).insert(companies).values({ name: "Officine Test" }).returning())[0]!.id;
  });
  afterEach(() => t.close());

  /** A learner enrolled (by a department rule) in a plan with the given setting, signed in, on the first lesson. */
  async function learner(email: string, presenceCheckSeconds: number | null, department = email.split("@")[0]!) {
    const created = await createPlan(t, null, companyId, plan(presenceCheckSeconds));
    if (!created.ok) throw new Error(created.error);
    const userId = (await createUserIfMissing(t, { companyId, email, firstName: "Ada", lastName: "Test", passwordHash: null, roles: ["learner"], department })).user.id;
    await addEnrolmentRule(t, { companyId, courseSlug: COURSE, scope: "department", department, dueDate: null, planId: created.planId, createdBy: null });
    const sessionId = await openAccessSession(t, { userId, ip: "192.0.2.1", userAgent: "test", now: new Date(T0) });
    const l = lesson();
    await recordLessonEvent(t, { userId, sessionId, courseSlug: COURSE, lessonSlug: l.slug, contentHash: l.locales.it!.contentHash, locale: "it", action: "open", now: new Date(T0) });
    let now = T0;
    const beat = async (random: () => number, stepMs = 30_000, session = sessionId) => {
      now += stepMs;
      return recordLearnerHeartbeat(t, { userId, sessionId: session, courseSlug: COURSE, lessonSlug: l.slug, nowMs: now, random });
    };
    const activeSeconds = async () => (await t.get<{ s: number }>("SELECT active_seconds AS s FROM lesson_progress WHERE user_id = ?", [userId]))!.s;
    const checks = () => t.all<Record<string, unknown>>("SELECT * FROM presence_checks WHERE user_id = ? ORDER BY id", [userId]);
    return { userId, sessionId, planId: created.planId, beat, activeSeconds, checks, now: () => now, advance: (ms: number) => (now += ms) };
  }

  /** Beats until a question comes, then answers it right after each delay (ms), once per delay. */
  async function answerRightAfter(l: Awaited<ReturnType<typeof learner>>, delays: readonly number[]) {
    for (const delay of delays) {
      let asked;
      do asked = (await l.beat(ALWAYS)).presenceCheck;
      while (!asked);
      l.advance(delay);
      await answerCheck(t, { userId: l.userId, sessionId: l.sessionId, id: asked.id, answer: asked.a + asked.b, nowMs: l.now() });
    }
  }

  it("are a plan setting: off when empty, 5 minutes to 2 hours on the form, every change audited", async () => {
    const form = (presenceCheckSeconds: string) => PlanSchema.safeParse({ fund: "fondimpresa", title: "P", avviso: "A", courses: [COURSE], presenceCheckSeconds });
    expect(form("").data?.presenceCheckSeconds).toBeNull();
    expect(form("900").data?.presenceCheckSeconds).toBe(900);
    for (const bad of ["6", "299", "7201", "900.5", "ogni tanto"]) expect(form(bad).error?.issues.map((i) => i.message), bad).toEqual(["presence.formInvalid"]);
    const created = await createPlan(t, null, companyId, plan(null));
    if (!created.ok) throw new Error(created.error);
    expect(await editPlan(t, 1, companyId, created.planId, { ...plan(null), presenceCheckSeconds: 1200 })).toEqual({ ok: true, planId: created.planId });
    expect(await t.get("SELECT presence_check_seconds AS s FROM funding_plans WHERE id = ?", [created.planId])).toEqual({ s: 1200 });
    const audit = await t.get<{ data: string }>("SELECT data FROM audit_events WHERE type = 'admin.plan-update' ORDER BY id DESC LIMIT 1");
    expect(JSON.parse(audit!.data)).toEqual({ changed: ["presenceCheckSeconds"] });
  });

  it("are off unless the plan asks: hours of heartbeats with the luckiest draw ask nothing", async () => {
    const off = await learner("off@example.com", null);
    for (let i = 0; i < 300; i++) expect(await off.beat(ALWAYS)).toEqual({ ok: true, creditedSeconds: 30 });
    expect(await off.activeSeconds()).toBe(300 * 30);
    expect(await off.checks()).toEqual([]);
    expect(await t.get("SELECT count(*) AS n FROM audit_events WHERE type LIKE 'presence.%'")).toEqual({ n: 0 });
  });

  it("ask a plan's learner after the quiet period, stop the time while open, and restart it at the right answer", async () => {
    const on = await learner("on@example.com", 600);
    // Quiet third of 600 s: the first six beats (180 s) never ask, whatever the draw.
    for (let i = 0; i < 6; i++) expect((await on.beat(ALWAYS)).presenceCheck).toBeUndefined();
    const asking = await on.beat(ALWAYS);
    expect(asking).toMatchObject({ ok: true, creditedSeconds: 30 });
    const question = asking.presenceCheck!;
    // The browser gets the sum and the options, nothing that says which option is right.
    expect(Object.keys(question).sort()).toEqual(["a", "b", "id", "options"]);
    expect(question.options).toContain(question.a + question.b);
    const credited = await on.activeSeconds();
    expect(credited).toBe(7 * 30);

    // Open: every heartbeat credits 0 and carries the same question; no heartbeat detail is written.
    const beatsBefore = await t.get("SELECT count(*) AS n FROM heartbeats WHERE user_id = ?", [on.userId]);
    for (let i = 0; i < 4; i++) expect(await on.beat(ALWAYS)).toEqual({ ok: true, creditedSeconds: 0, presenceCheck: question });
    expect(await on.activeSeconds()).toBe(credited);
    expect(await t.get("SELECT count(*) AS n FROM heartbeats WHERE user_id = ?", [on.userId])).toEqual(beatsBefore);

    // A wrong answer: recorded, and a new question at once; the time stays stopped.
    const wrongValue = question.options.find((o) => o !== question.a + question.b)!;
    on.advance(4_200);
    const wrong = await answerCheck(t, { userId: on.userId, sessionId: on.sessionId, id: question.id, answer: wrongValue, nowMs: on.now(), random: ALWAYS });
    expect(wrong).toMatchObject({ ok: true, correct: false, delaySeconds: 124.2 });
    const next = (wrong as { next: typeof question }).next;
    expect(next.id).not.toBe(question.id);
    expect(await on.beat(ALWAYS, 10_000)).toEqual({ ok: true, creditedSeconds: 0, presenceCheck: next });

    // The right answer: the clock restarts at the answer, so the next beat credits only the time since.
    on.advance(2_500);
    const answeredAt = on.now();
    expect(await answerCheck(t, { userId: on.userId, sessionId: on.sessionId, id: next.id, answer: next.a + next.b, nowMs: answeredAt })).toEqual({ ok: true, correct: true, delaySeconds: 12.5, next: null });
    expect(await on.beat(NEVER, 20_000)).toEqual({ ok: true, creditedSeconds: 20 });
    expect(await on.activeSeconds()).toBe(credited + 20);
    // And the next question needs a new quiet period: 180 s more of active time never ask.
    for (let i = 0; i < 5; i++) expect((await on.beat(ALWAYS)).presenceCheck).toBeUndefined();

    const rows = await on.checks();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ plan_id: on.planId, auth_session_id: on.sessionId, course_slug: COURSE, lesson_slug: lesson().slug, cycle: 1, answer: wrongValue, correct: 0 });
    expect(rows[1]).toMatchObject({ answer: next.a + next.b, correct: 1, answered_at_ms: answeredAt });
    const events = await t.all(`SELECT type, session_id AS "sessionId" FROM audit_events WHERE type LIKE 'presence.%' ORDER BY id`);
    expect(events).toEqual([
      { type: "presence.ask", sessionId: on.sessionId },
      { type: "presence.answer", sessionId: on.sessionId },
      { type: "presence.ask", sessionId: on.sessionId },
      { type: "presence.answer", sessionId: on.sessionId },
    ]);
    expect((await verifyAuditChain(t)).ok).toBe(true);
  });

  it("are answered once, only by the learner asked; the triggers forbid changing or deleting them", async () => {
    const on = await learner("once@example.com", 600);
    const other = await learner("other@example.com", 600);
    let asked;
    do asked = (await on.beat(ALWAYS)).presenceCheck;
    while (!asked);
    const right = asked.a + asked.b;
    expect(await answerCheck(t, { userId: other.userId, sessionId: other.sessionId, id: asked.id, answer: right, nowMs: on.now() + 1000 })).toEqual({ ok: false, code: "not_found" });
    expect((await on.checks())[0]).toMatchObject({ answered_at_ms: null, answer: null, correct: null });
    expect(await answerCheck(t, { userId: on.userId, sessionId: on.sessionId, id: asked.id, answer: right, nowMs: on.now() + 2000 })).toMatchObject({ ok: true, correct: true });
    expect(await answerCheck(t, { userId: on.userId, sessionId: on.sessionId, id: asked.id, answer: right + 1, nowMs: on.now() + 3000 })).toEqual({ ok: false, code: "already_answered" });
    expect((await on.checks())[0]).toMatchObject({ answer: right, correct: 1 });

    await expect(t.run("UPDATE presence_checks SET correct = FALSE WHERE id = ?", [asked.id])).rejects.toThrow(/answered once/);
    await expect(t.run("UPDATE presence_checks SET answered_at_ms = answered_at_ms + 1 WHERE id = ?", [asked.id])).rejects.toThrow(/answered once/);
    await expect(t.run("DELETE FROM presence_checks WHERE id = ?", [asked.id])).rejects.toThrow(/never deleted/);
    // An open one: only the answer may be filled in; its question and time are fixed.
    let open;
    do open = (await other.beat(ALWAYS)).presenceCheck;
    while (!open);
    await expect(t.run("UPDATE presence_checks SET question = '{}' WHERE id = ?", [open.id])).rejects.toThrow(/answered once/);
    await expect(t.run("UPDATE presence_checks SET asked_at_ms = asked_at_ms - 60000 WHERE id = ?", [open.id])).rejects.toThrow(/answered once/);
    await expect(t.run("UPDATE presence_checks SET answered_at_ms = asked_at_ms - 1, answer = 1, correct = TRUE WHERE id = ?", [open.id])).rejects.toThrow(/answered once/);
  });

  it("leave a question of an ended session unanswered in the record; a new sign-in starts afresh", async () => {
    const on = await learner("left@example.com", 600);
    let asked;
    do asked = (await on.beat(ALWAYS)).presenceCheck;
    while (!asked);
    await closeAccessSession(t, on.sessionId, new Date(on.now() + 5_000));
    const again = await openAccessSession(t, { userId: on.userId, ip: "192.0.2.1", userAgent: "test", now: new Date(on.now() + 3_600_000) });
    on.advance(3_600_000);
    const l = lesson();
    await recordLessonEvent(t, { userId: on.userId, sessionId: again, courseSlug: COURSE, lessonSlug: l.slug, contentHash: l.locales.it!.contentHash, locale: "it", action: "open", now: new Date(on.now()) });
    expect(await on.beat(NEVER, 30_000, again)).toEqual({ ok: true, creditedSeconds: 30 });

    const register = (await presenceChecksForPlan(t, on.planId, [on.userId])).get(on.userId)!;
    expect(register).toEqual([
      { courseSlug: COURSE, lessonSlug: l.slug, lessonNumber: 1, askedAt: expect.any(Date), answeredAt: null, correct: null, delaySeconds: null },
    ]);
    expect(summarisePresenceChecks(register)).toEqual({ asked: 1, answered: 0, medianDelaySeconds: null });
  });

  it("give the register each participant's checks of the plan, with delays", async () => {
    const a = await learner("reg.a@example.com", 300);
    await answerRightAfter(a, [3_000, 9_000, 6_000]);
    const b = await learner("reg.b@example.com", 300);
    const register = await presenceChecksForPlan(t, a.planId, [a.userId, b.userId]);
    expect(register.get(b.userId)).toEqual([]);
    const rows = register.get(a.userId)!;
    expect(rows.map((r) => r.delaySeconds)).toEqual([3, 9, 6]);
    expect(rows.every((r) => r.correct === true && r.answeredAt!.getTime() > r.askedAt.getTime() && r.lessonNumber === 1)).toBe(true);
    expect(summarisePresenceChecks(rows)).toEqual({ asked: 3, answered: 3, medianDelaySeconds: 6 });
    // Another plan's register does not list them.
    expect((await presenceChecksForPlan(t, b.planId, [a.userId])).get(a.userId)).toEqual([]);
  });

  it("reach the plan's dossier: the participant's checks in its data and in the printed register", async () => {
    const a = await learner("dossier.a@example.com", 300);
    await answerRightAfter(a, [4_000, 7_000]);
    const scope = { companyId, departments: null, planId: null, via: "company_admin" as const };
    const dossier = (await readPlanDossier(t, scope, a.planId, { now: new Date(a.now() + 60_000) }))!;
    expect(dossier.plan.presenceCheck).toBe(true);
    const participant = dossier.courses[0]!.participants.find((p) => p.userId === a.userId)!;
    expect(participant.presenceChecks.map((c) => [c.lessonNumber, c.correct, c.delaySeconds])).toEqual([
      [1, true, 4],
      [1, true, 7],
    ]);
    const file = path.join(t.dir, "registro.pdf");
    fs.writeFileSync(file, await renderRegisterPdf(dossier, { participantId: a.userId }));
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain("Verifiche di presenza");
    expect(text).toMatch(/2 verifiche proposte, 2 risposte corrette, 0 senza risposta/);
  });
});
