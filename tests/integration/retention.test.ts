import { afterEach, describe, expect, it } from "vitest";
import { createUserIfMissing } from "@/db/queries/users";
import { recordLessonOpened } from "@/db/queries/progress";
import { recordHeartbeat, startLearnerClock } from "@/lib/progress/heartbeat";
import { rollUpHeartbeats } from "@/lib/retention/heartbeats";
import { tempDb } from "./support/temp-db";

describe("heartbeat retention", () => {
  let t: ReturnType<typeof tempDb>;
  afterEach(() => t.close());

  it("rolls old detail into daily totals; per-lesson totals and the access log stay the same", async () => {
    t = tempDb();
    const uid = (await createUserIfMissing(t, { email: "a@example.com", firstName: "A", lastName: "B", passwordHash: null, roles: ["learner"] })).user.id;
    await recordLessonOpened(t, { userId: uid, courseSlug: "c", lessonSlug: "l", contentHash: "h" });
    const old = Date.parse("2025-01-10T09:00:00Z");
    const recent = Date.parse("2026-11-20T09:00:00Z");
    for (const start of [old, recent]) {
      await startLearnerClock(t, uid, start);
      for (let i = 1; i <= 10; i++) await recordHeartbeat(t, { userId: uid, sessionId: null, courseSlug: "c", lessonSlug: "l", nowMs: start + i * 30_000 });
    }
    const totals = () => t.sqlite.prepare("SELECT active_seconds FROM lesson_progress").get();
    const before = totals();
    expect(before).toEqual({ active_seconds: 600 });

    const r = await rollUpHeartbeats(t, 180, new Date("2026-11-25T00:00:00Z"));
    expect(r.rolledUp).toBe(10);
    expect(t.sqlite.prepare("SELECT count(*) AS n FROM heartbeats").get()).toEqual({ n: 10 });
    expect(t.sqlite.prepare("SELECT day, beats, credited_seconds FROM heartbeat_daily").all()).toEqual([{ day: "2025-01-10", beats: 10, credited_seconds: 300 }]);
    expect(totals()).toEqual(before);
    // Running it again changes nothing.
    expect((await rollUpHeartbeats(t, 180, new Date("2026-11-25T00:00:00Z"))).rolledUp).toBe(0);
    expect(t.sqlite.prepare("SELECT beats FROM heartbeat_daily").get()).toEqual({ beats: 10 });
  });
});
