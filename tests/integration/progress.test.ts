import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createUserIfMissing } from "@/db/queries/users";
import { completedLessonSlugs, listCourseProgress, recordLessonCompleted, recordLessonOpened } from "@/db/queries/progress";
import { checkLessonAccess } from "@/lib/progress/lesson-access";
import { openTestDb, type TestDb } from "./support/test-db";
import { addEnrolmentRule } from "@/db/queries/enrolment";

const FIXTURES = path.resolve("tests/fixtures/content");

describe("lesson progress", () => {
  let t: TestDb;
  let anna: number;
  let bruno: number;
  beforeEach(async () => {
    t = await openTestDb();
    const companyId = (await t.get<{ id: number }>("INSERT INTO companies (name) VALUES ('Azienda') RETURNING id"))!.id;
    await addEnrolmentRule(t, { companyId, courseSlug: "valid-course", scope: "everyone", department: null, dueDate: null, createdBy: null });
    anna = (await createUserIfMissing(t, { email: "anna@example.com", firstName: "Anna", lastName: "Neri", passwordHash: null, roles: ["learner"], companyId })).user.id;
    bruno = (await createUserIfMissing(t, { email: "bruno@example.com", firstName: "Bruno", lastName: "Galli", passwordHash: null, roles: ["learner"], companyId })).user.id;
  });
  afterEach(() => t.close());

  const entry = (userId: number, lessonSlug: string, contentHash = "h1", now = new Date("2026-03-01T10:00:00Z")) => ({
    userId,
    courseSlug: "valid-course",
    lessonSlug,
    contentHash,
    now,
  });

  it("keeps the first opening (time and version) across later openings", async () => {
    await recordLessonOpened(t, entry(anna, "first-steps", "h1", new Date("2026-03-01T10:00:00Z")));
    await recordLessonOpened(t, entry(anna, "first-steps", "h2", new Date("2026-03-02T10:00:00Z")));
    const [row] = await listCourseProgress(t, anna, "valid-course");
    expect(row?.firstOpenedAt.toISOString()).toBe("2026-03-01T10:00:00.000Z");
    expect(row?.openedContentHash).toBe("h1");
    expect(row?.completedAt).toBeNull();
  });

  it("completing twice changes nothing: one row, first completion time and version", async () => {
    await recordLessonOpened(t, entry(anna, "first-steps"));
    expect(await recordLessonCompleted(t, entry(anna, "first-steps", "h1", new Date("2026-03-01T10:05:00Z")))).toBe(true);
    expect(await recordLessonCompleted(t, entry(anna, "first-steps", "h2", new Date("2026-03-01T11:00:00Z")))).toBe(false);
    const rows = await listCourseProgress(t, anna, "valid-course");
    expect(rows).toHaveLength(1);
    expect(rows[0]?.completedAt?.toISOString()).toBe("2026-03-01T10:05:00.000Z");
    expect(rows[0]?.completedContentHash).toBe("h1");
  });

  it("completing a lesson never opened records both in one row", async () => {
    expect(await recordLessonCompleted(t, entry(anna, "second-look", "h9"))).toBe(true);
    const [row] = await listCourseProgress(t, anna, "valid-course");
    expect(row).toMatchObject({ openedContentHash: "h9", completedContentHash: "h9" });
  });

  it("one learner's progress is not another's", async () => {
    await recordLessonCompleted(t, entry(anna, "first-steps"));
    expect(await completedLessonSlugs(t, anna, "valid-course")).toEqual(new Set(["first-steps"]));
    expect(await completedLessonSlugs(t, bruno, "valid-course")).toEqual(new Set());
  });

  it("forced sequence: lesson 2 is locked until lesson 1 is completed", async () => {
    expect((await checkLessonAccess(t, anna, "valid-course", "first-steps", FIXTURES)).status).toBe("ok");
    expect((await checkLessonAccess(t, anna, "valid-course", "second-look", FIXTURES)).status).toBe("locked");
    await recordLessonCompleted(t, entry(anna, "first-steps"));
    expect((await checkLessonAccess(t, anna, "valid-course", "second-look", FIXTURES)).status).toBe("ok");
    expect((await checkLessonAccess(t, bruno, "valid-course", "second-look", FIXTURES)).status).toBe("locked");
  });

  it.each([
    ["unknown course", "nope", "first-steps"],
    ["unknown lesson", "valid-course", "nope"],
    ["path traversal", "..", "first-steps"],
    ["slash in slug", "valid-course", "a/b"],
    ["encoded dots", "valid-course", "%2e%2e"],
    ["upper case", "Valid-Course", "first-steps"],
  ])("%s is not_found", async (_label, course, lesson) => {
    expect((await checkLessonAccess(t, anna, course, lesson, FIXTURES)).status).toBe("not_found");
  });
});
