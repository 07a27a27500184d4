import { afterEach, describe, expect, it } from "vitest";
import { createUserIfMissing } from "@/db/queries/users";
import { recordLessonOpened } from "@/db/queries/progress";
import { recordHeartbeat, startLearnerClock } from "@/lib/progress/heartbeat";
import { rollUpHeartbeats } from "@/lib/retention/heartbeats";
import { openTestDb, type TestDb } from "./support/test-db";

describe("heartbeat retention", () => {
  let t: TestDb;
  afterEach(() => t.close());

  it("rolls old detail into daily totals; per-lesson totals and the access log stay the same", async () => {
    t = await openTestDb();
    const uid = (await createUserIfMissing(t, { email: "a@example.com", firstName: "A", lastName: "B", passwordHash: null, roles: ["learner"] })).user.id;
    await recordLessonOpened(t, { userId: uid, courseSlug: "c", lessonSlug: "l", contentHash: "h" });
    const old = Date.parse("2025-01-10T09:00:00Z");
    const recent = Date.parse("2026-11-20T09:00:00Z");
    for (const start of [old, recent]) {
      await startLearnerClock(t, uid, start);
      for (let i = 1; i <= 10; i++) await recordHeartbeat(t, { userId: uid, sessionId: null, courseSlug: "c", lessonSlug: "l", nowMs: start + i * 30_000 });
    }
    const totals = () => t.get("SELECT active_seconds FROM lesson_progress");
    const before = await totals();
    expect(before).toEqual({ active_seconds: 600 });

    const r = await rollUpHeartbeats(t, 180, new Date("2026-11-25T00:00:00Z"));
    expect(r.rolledUp).toBe(10);
    expect(await t.get("SELECT count(*) AS n FROM heartbeats")).toEqual({ n: 10 });
    expect(await t.all("SELECT day, beats, credited_seconds FROM heartbeat_daily")).toEqual([{ day: "2025-01-10", beats: 10, credited_seconds: 300 }]);
    expect(await totals()).toEqual(before);
    // Running it again changes nothing.
    expect((await rollUpHeartbeats(t, 180, new Date("2026-11-25T00:00:00Z"))).rolledUp).toBe(0);
    expect(await t.get("SELECT beats FROM heartbeat_daily")).toEqual({ beats: 10 });
  });
});
