/**
 * A learner's heartbeats racing on two connections to one PostgreSQL database, as two app
 * processes send them (on PostgreSQL a heartbeat serialises on its learner only, not on every writer:
 * lib/progress/heartbeat.ts). Each interval is credited once, and other learners' heartbeats
 * go through beside them.
 */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Engine } from "@/db/engine/types";
import { addEnrolmentRule } from "@/db/queries/enrolment";
import { recordLessonOpened } from "@/db/queries/progress";
import { createUserIfMissing } from "@/db/queries/users";
import { clearCatalogCache } from "@/lib/content/catalog";
import { recordLearnerHeartbeat, startLearnerClock } from "@/lib/progress/heartbeat";
import { openTestDb, type TestDb } from "./support/test-db";

process.env.CONTENT_DIR ??= path.resolve("tests/fixtures/content");
const COURSE = "valid-course";
const LESSON = "first-steps";

describe("heartbeats racing on two connections", () => {
  let t: TestDb;
  let other: Engine;
  let learners: number[];
  const t0 = Date.parse("2026-05-04T08:00:00Z");

  beforeEach(async () => {
    clearCatalogCache();
    t = await openTestDb();
    // On SQLite a second connection in this process would block the event loop waiting for the
    // first one's lock (better-sqlite3 is synchronous): two processes on one file race in
    // multi-process.test.ts. Here SQLite races requests on its one connection.
    other = t.dialect === "postgres" ? await t.reopen() : t;
    const companyId = (await t.get<{ id: number }>("INSERT INTO companies (name) VALUES ('Azienda') RETURNING id"))!.id;
    await addEnrolmentRule(t, { companyId, courseSlug: COURSE, scope: "everyone", department: null, dueDate: null, createdBy: null });
    learners = [];
    for (const name of ["anna", "bruno", "carla"]) {
      const id = (await createUserIfMissing(t, { email: `${name}@example.com`, firstName: name, lastName: "Test", passwordHash: null, roles: ["learner"], companyId })).user.id;
      await recordLessonOpened(t, { userId: id, courseSlug: COURSE, lessonSlug: LESSON, contentHash: "h" });
      await startLearnerClock(t, id, t0);
      learners.push(id);
    }
  });
  afterEach(() => t.close());

  const beat = (on: Engine, userId: number, atMs: number) => recordLearnerHeartbeat(on, { userId, sessionId: null, courseSlug: COURSE, lessonSlug: LESSON, nowMs: atMs });

  it("credits each learner's interval once, whichever connection's heartbeat wins", async () => {
    for (let i = 1; i <= 20; i++) {
      // Every interval's heartbeat reaches both connections at once (a retried request, two tabs),
      // for three learners together.
      await Promise.all(learners.flatMap((id, n) => [beat(t, id, t0 + i * 30_000 + n), beat(other, id, t0 + i * 30_000 + n + 3)]));
    }
    const credited = await t.all<{ user_id: number; s: number }>("SELECT user_id, sum(credited_seconds) AS s FROM heartbeats GROUP BY user_id ORDER BY user_id");
    expect(credited).toEqual(learners.map((id) => ({ user_id: id, s: 600 })));
    const lesson = await t.all<{ user_id: number; s: number }>("SELECT user_id, active_seconds AS s FROM lesson_progress ORDER BY user_id");
    expect(lesson).toEqual(learners.map((id) => ({ user_id: id, s: 600 })));
  });
});
