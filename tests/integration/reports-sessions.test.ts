import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthSession, endAuthSession } from "@/db/queries/auth";
import { listSessions, streamSessions, type SessionDbRow, type SessionsFilter } from "@/db/queries/sessions";
import type { DataScope } from "@/db/queries/scope";
import { NO_FUNDING } from "@/lib/reports/funding";
import { createUserIfMissing, setUserActive } from "@/db/queries/users";
import { recordHeartbeat, startLearnerClock } from "@/lib/progress/heartbeat";
import { clearCatalogCache } from "@/lib/content/catalog";
import { sessionsFilter } from "@/lib/reports/filters";
import { toSessionRow } from "@/lib/reports/register";
import { FIXTURE_COURSE, FIXTURE_ROOT, REGISTER_PLANS, seedRegister, type SeededLearner } from "@/tests/support/reports-seed";
import { INFERRED_LOGOUT_AFTER_SECONDS } from "@/lib/reports/session-end";
import { openTestDb, type TestDb } from "./support/test-db";

const t0 = Date.parse("2026-03-02T08:00:00Z");
const s = (ms: number) => Math.floor(ms / 1000);

describe("access log (one row per sign-in session)", () => {
  let t: TestDb;
  let learners: SeededLearner[];
  let extra: { idle: number; open: number; expired: number; deactivated: number; admin: number; elsewhere: number };
  let scope: DataScope;
  const nowMs = t0 + 2 * 86_400_000;

  beforeAll(async () => {
    clearCatalogCache();
    t = await openTestDb();
    const seeded = await seedRegister(t, t0);
    learners = seeded.learners;
    scope = { companyId: seeded.companyId, departments: null };
    const other = (await t.get<{ id: number }>("INSERT INTO companies (name) VALUES ('Altra Azienda') RETURNING id"))!.id;
    const person = async (key: string, roles: ("learner" | "company_admin")[] = ["learner"], companyId = seeded.companyId) =>
      (await createUserIfMissing(t, { email: `${key}@example.com`, firstName: key, lastName: "Extra", passwordHash: null, roles, companyId })).user.id;
    extra = {
      idle: await person("idle-session"),
      open: await person("open-session"),
      expired: await person("expired-session"),
      deactivated: await person("deact-session"),
      admin: await person("admin-session", ["company_admin"]),
      elsewhere: await person("elsewhere-session", ["learner"], other),
    };
    // A learner of another company: never in this company's log.
    await createAuthSession(t, { id: "elsewhere", userId: extra.elsewhere, ip: null, userAgent: null, now: new Date(t0 + 2 * 3_600_000) });
    // Signed in, did nothing, closed the tab (next day).
    await createAuthSession(t, { id: "idle", userId: extra.idle, ip: null, userAgent: null, now: new Date(t0 + 86_400_000) });
    // Still reading right now: heartbeats until a minute ago.
    await createAuthSession(t, { id: "open", userId: extra.open, ip: null, userAgent: null, now: new Date(nowMs - 10 * 60_000) });
    await t.run("INSERT INTO lesson_progress (user_id, course_slug, lesson_slug, first_opened_at, opened_content_hash) VALUES (?, ?, 'first-steps', ?, 'h')", [extra.open, FIXTURE_COURSE, s(nowMs - 9 * 60_000)]);
    await startLearnerClock(t, extra.open, nowMs - 90_000);
    await recordHeartbeat(t, { userId: extra.open, sessionId: "open", courseSlug: FIXTURE_COURSE, lessonSlug: "first-steps", nowMs: nowMs - 60_000 });
    // Expired by the system hours after the learner left.
    await createAuthSession(t, { id: "expired", userId: extra.expired, ip: null, userAgent: null, now: new Date(t0 + 3_600_000) });
    await endAuthSession(t, "expired", "expired", new Date(t0 + 13 * 3_600_000));
    await t.run("UPDATE auth_sessions SET last_seen_at = ? WHERE id = 'expired'", [s(t0 + 3_600_000 + 600_000)]);
    // Deactivated by an admin while signed in and active.
    await createAuthSession(t, { id: "deact", userId: extra.deactivated, ip: null, userAgent: null, now: new Date(t0 + 5 * 3_600_000) });
    await setUserActive(t, extra.deactivated, false, new Date(t0 + 5 * 3_600_000 + 60_000));
    // An admin's session is not part of the learners' register.
    await createAuthSession(t, { id: "admin", userId: extra.admin, ip: null, userAgent: null, now: new Date(t0) });
  }, 60_000);
  afterAll(() => t.close());

  const rows = async (filter: Partial<SessionsFilter> = {}) => listSessions(t, { scope, ...filter }, 1000);
  const row = async (id: string, filter: Partial<SessionsFilter> = {}) => (await rows(filter)).find((r) => r.id === id);
  const view = (r: SessionDbRow, withCourse = false) => toSessionRow(r, { funding: NO_FUNDING, withCourse, nowSeconds: s(nowMs), contentRoot: FIXTURE_ROOT });

  it("lists every learner session of the company, and only learners'", async () => {
    const ids = (await rows()).map((r) => r.id);
    expect(ids).toHaveLength(REGISTER_PLANS.length + 4);
    expect(ids).not.toContain("admin");
    expect(ids).not.toContain("elsewhere");
    expect((await listSessions(t, { scope: { companyId: scope.companyId + 1, departments: null } }, 1000)).map((r) => r.id)).toEqual(["elsewhere"]);
    for (const l of learners) expect(ids).toContain(l.sessionId);
  });

  it("with a course, keeps the sessions with activity in it (lessons, heartbeats or attempts)", async () => {
    const ids = (await rows({ courseSlug: FIXTURE_COURSE })).map((r) => r.id).sort();
    expect(ids).toEqual([...learners.map((l) => l.sessionId), "open"].sort());
    expect(await rows({ courseSlug: "another-course" })).toEqual([]);
  });

  it("records login, sign-out, lessons opened with their active time, and final-test attempts of the session", async () => {
    const anna = learners.find((l) => l.key === "formato-1")!;
    const r = (await row(anna.sessionId))!;
    const dbRow = (await t.get<{ login_at: number; ended_at: number; active_seconds: number }>("SELECT * FROM auth_sessions WHERE id = ?", [anna.sessionId]))!;
    const v = view(r);
    expect(v.loginAt.getTime()).toBe(dbRow.login_at * 1000);
    expect(v.logoutAt!.getTime()).toBe(dbRow.ended_at * 1000);
    expect(v.endKind).toBe("sign-out");
    expect(v.durationSeconds).toBe(dbRow.ended_at - dbRow.login_at);
    expect(v.activeSeconds).toBe(660);
    expect(v.lessons.map((l) => [l.key, l.seconds])).toEqual([
      [`${FIXTURE_COURSE}/first-steps`, 660],
      [`${FIXTURE_COURSE}/second-look`, null],
    ]);
    // Lessons by number and title; prefixed by the course when the log spans courses.
    expect(v.lessons.map((l) => l.title)).toEqual(["01 Primi passi", expect.stringMatching(/^02 /)]);
    expect(view(r, true).lessons[0]!.title).toBe("Corso valido › 01 Primi passi");
    expect(v.attempts).toEqual([expect.objectContaining({ courseSlug: FIXTURE_COURSE, quizId: "final", number: 1, score: 100, passed: true })]);

    const two = view((await row(learners.find((l) => l.key === "formato-2")!.sessionId))!);
    expect(two.attempts.map((a) => [a.number, a.passed])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it("infers the logout from the last activity when the learner just left", async () => {
    const idle = view((await row("idle"))!);
    expect(idle.endKind).toBe("inferred");
    expect(idle.lastActivityAt.getTime()).toBe(t0 + 86_400_000);
    expect(idle.durationSeconds).toBe(INFERRED_LOGOUT_AFTER_SECONDS);
    expect(idle.lessons).toEqual([]);

    const expired = view((await row("expired"))!);
    expect(expired.endKind).toBe("inferred");
    expect(expired.logoutAt!.getTime()).toBe(t0 + 3_600_000 + 600_000 + INFERRED_LOGOUT_AFTER_SECONDS * 1000);

    const deact = view((await row("deact"))!);
    expect(deact.endKind).toBe("deactivated");
    expect(deact.logoutAt!.getTime()).toBe(t0 + 5 * 3_600_000 + 60_000);

    const open = view((await row("open"))!);
    expect(open.endKind).toBe("open");
    expect(open.logoutAt).toBeNull();
    expect(open.lastActivityAt.getTime()).toBe(nowMs - 60_000);
  });

  it("filters on login day (Rome) and streams in login order", async () => {
    const day1 = (await rows(sessionsFilter(scope, { from: "2026-03-02", to: "2026-03-02" }))).map((r) => r.id);
    expect(day1).toContain(learners[0]!.sessionId);
    expect(day1).not.toContain("idle");
    expect((await rows(sessionsFilter(scope, { from: "2026-03-03", to: "2026-03-03" }))).map((r) => r.id)).toEqual(["idle"]);
    const streamed: number[] = [];
    for await (const r of streamSessions(t, { scope })) streamed.push(r.loginAt);
    expect(streamed).toHaveLength(REGISTER_PLANS.length + 4);
    expect(streamed).toEqual([...streamed].sort((a, b) => a - b));
  });
});
