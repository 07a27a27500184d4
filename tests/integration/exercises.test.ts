import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addEnrolmentRule } from "@/db/queries/enrolment";
import { recordLessonCompleted, recordLessonOpened } from "@/db/queries/progress";
import { createUserIfMissing } from "@/db/queries/users";
import { clearCatalogCache } from "@/lib/content/catalog";
import { getCourse, publishedLessons } from "@/lib/content/lookup";
import { submitExercise } from "@/lib/exercises/submit";
import { openTestDb, type TestDb } from "./support/test-db";

const COURSE = "lavoro-e-social-media";

describe("practice exercises (real database)", () => {
  let t: TestDb;
  let anna: number;
  const count = async () => (await t.get<{ n: number }>("SELECT COUNT(*) AS n FROM exercise_attempts"))!.n;
  const submit = async (exerciseId: string, answer: Parameters<typeof submitExercise>[1]["answer"], userId = anna) =>
    submitExercise(t, { userId, sessionId: null, courseSlug: COURSE, exerciseId, answer, locale: "it" });

  beforeEach(async () => {
    clearCatalogCache();
    t = await openTestDb();
    await t.run("INSERT INTO companies (id, name) VALUES (1, 'Azienda')");
    anna = (await createUserIfMissing(t, { email: "anna@example.com", firstName: "Anna", lastName: "Neri", passwordHash: null, roles: ["learner"], companyId: 1 })).user.id;
  });
  afterEach(() => t.close());

  const enrol = async () => addEnrolmentRule(t, { companyId: 1, courseSlug: COURSE, scope: "everyone", department: null, dueDate: null, createdBy: null });
  const readUpTo = async (lessonSlug: string) => {
    for (const l of publishedLessons(getCourse(COURSE)!)) {
      await recordLessonOpened(t, { userId: anna, courseSlug: COURSE, lessonSlug: l.slug, contentHash: "h" });
      if (l.slug === lessonSlug) break;
      await recordLessonCompleted(t, { userId: anna, courseSlug: COURSE, lessonSlug: l.slug, contentHash: "h" });
    }
  };

  it("the course has at least six exercises, each used by its lesson", () => {
    const course = getCourse(COURSE)!;
    expect(course.exercises.length).toBeGreaterThanOrEqual(6);
    for (const e of course.exercises) {
      const lesson = course.lessons.find((l) => l.slug === e.lesson)!;
      const tag = e.kind === "spot-the-risk" ? "SpotTheRisk" : "Rewrite";
      expect(lesson.locales.it.body, e.id).toContain(`<${tag} id="${e.id}" />`);
      expect(lesson.locales.en?.body, e.id).toContain(`<${tag} id="${e.id}" />`);
    }
  });

  it("refuses, storing nothing: not enrolled, lesson locked, unknown exercise, answers that do not fit", async () => {
    expect(await submit("es-selfie-ufficio", { selected: [] })).toEqual({ ok: false, code: "not_found" });
    await enrol();
    expect(await submit("es-selfie-ufficio", { selected: [] })).toEqual({ ok: false, code: "locked" });
    await readUpTo("niente-e-privato");
    expect(await submit("no-such", { selected: [] })).toEqual({ ok: false, code: "not_found" });
    expect(await submit("es-selfie-ufficio", { selected: ["badge", "ghost"] })).toEqual({ ok: false, code: "invalid", message: 'selected: unknown hotspot "ghost"' });
    expect(await submit("es-selfie-ufficio", { choices: {} })).toMatchObject({ ok: false, code: "invalid" });
    expect(await count()).toBe(0);
  });

  it("grades on the server, stores each submission, and returns the explanations only then", async () => {
    await enrol();
    await readUpTo("niente-e-privato");
    const r = await submit("es-selfie-ufficio", { selected: ["badge", "tazza"] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.review.score).toBe(0);
    expect(r.review.items.find((i) => i.itemId === "tazza")).toMatchObject({ correct: false, chosen: "marked", answer: false });
    const again = await submit("es-selfie-ufficio", { selected: ["badge", "lavagna", "luogo"] });
    expect(again.ok && again.review.score).toBe(1);
    const rows = await t.all<{ score: number; results: string }>("SELECT user_id, exercise_id, kind, score, results FROM exercise_attempts ORDER BY id");
    expect(rows).toHaveLength(2);
    expect(rows.map((x) => x.score)).toEqual([0, 1]);
    expect(JSON.parse(rows[0]!.results)).toHaveLength(6);
  });

  it("a rewrite needs a wording for every paragraph", async () => {
    await enrol();
    await readUpTo("reputazione");
    expect(await submit("es-riscrivi-cliente", { choices: { sfogo: "b" } })).toEqual({ ok: false, code: "invalid", message: "choices: choose a wording for every paragraph (missing: azienda)" });
    expect(await submit("es-riscrivi-cliente", { choices: { sfogo: "b", azienda: "z" } })).toEqual({ ok: false, code: "invalid", message: 'choices.azienda: unknown choice "z"' });
    expect(await submit("es-riscrivi-cliente", { choices: { sfogo: "b", azienda: "a" } })).toMatchObject({ ok: true, review: { score: 1 } });
  });
});
