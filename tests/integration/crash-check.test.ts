/**
 * The crash test's oracle (tests/crash/support/check.ts) is not vacuous: on a database that
 * lost an acknowledged write, or kept half of a transaction, it reports it (on either engine).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createUserIfMissing } from "@/db/queries/users";
import { createAuthSession } from "@/db/queries/auth";
import { recordLessonOpened } from "@/db/queries/progress";
import { recordHeartbeat, startLearnerClock } from "@/lib/progress/heartbeat";
import { appendAuditEvent } from "@/lib/audit/trail";
import { checkAgainstLedger } from "../crash/support/check";
import { newLedger } from "../crash/support/load";
import { openTestDb, type TestDb } from "./support/test-db";

describe("crash-test oracle", () => {
  let t: TestDb;
  let userId: number;
  const T0 = Date.UTC(2026, 4, 4, 9, 0, 0);

  beforeEach(async () => {
    t = await openTestDb();
    userId = (await createUserIfMissing(t, { email: "oracle@example.com", firstName: "O", lastName: "R", passwordHash: null, roles: ["learner"] })).user.id;
    await createAuthSession(t, { id: "s", userId, ip: null, userAgent: null, now: new Date(T0) });
    await recordLessonOpened(t, { userId, courseSlug: "c", lessonSlug: "l", contentHash: "h", now: new Date(T0) });
    await startLearnerClock(t, userId, T0);
    await recordHeartbeat(t, { userId, sessionId: "s", courseSlug: "c", lessonSlug: "l", nowMs: T0 + 30_000 });
    await recordHeartbeat(t, { userId, sessionId: "s", courseSlug: "c", lessonSlug: "l", nowMs: T0 + 60_000 });
  });
  afterEach(() => t.close());

  it("passes a sound database whose writes match the ledger", async () => {
    const ledger = newLedger();
    ledger.heartbeats.set(userId, { credited: 2, seconds: 60 });
    const c = await checkAgainstLedger(t, ledger);
    expect(c).toMatchObject({ integrity: "ok", foreignKeyProblems: 0, violations: [], audit: { ok: true } });
  });

  it("reports an acknowledged heartbeat or attempt that is missing", async () => {
    const ledger = newLedger();
    ledger.heartbeats.set(userId, { credited: 3, seconds: 90 });
    ledger.started.set(4242, userId);
    ledger.submitted.add(4242);
    const { violations } = await checkAgainstLedger(t, ledger);
    expect(violations).toEqual([
      `learner ${userId}: 3 credited heartbeats (90 s) acknowledged, 2 (60 s) stored`,
      "attempt 4242: start acknowledged, no row",
      "attempt 4242: submission acknowledged, stored as null",
    ]);
  });

  it("reports half a transaction: a heartbeat row without its totals, an audit event without its attempt", async () => {
    await t.run("INSERT INTO heartbeats (user_id, auth_session_id, course_slug, lesson_slug, received_at, credited_seconds) VALUES (?, 's', 'c', 'l', ?, 30)", [userId, T0 / 1000 + 90]);
    await appendAuditEvent(t, { type: "attempt.start", actorUserId: userId, subject: "attempt:77" });
    const { violations } = await checkAgainstLedger(t, newLedger());
    expect(violations).toEqual([
      `learner ${userId}: lesson_progress says 60 s, heartbeats 90 s (half a transaction)`,
      "session s: 60 s on the session, 90 s in heartbeats (half a transaction)",
      "event 1 (attempt.start) names a missing or unsubmitted attempt:77 (half a transaction)",
    ]);
  });
});
