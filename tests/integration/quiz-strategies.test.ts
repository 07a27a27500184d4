import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findQuiz, gradeSubmission, questionsById, shownQuestions, startAttempt, submitAttempt } from "@/lib/attempts/lifecycle";
import { finalBank, publishedCourses, publishedLessons } from "@/lib/content/lookup";
import { insertCompany } from "@/db/queries/companies";
import { addEnrolmentRule } from "@/db/queries/enrolment";
import { createUserIfMissing } from "@/db/queries/users";
import { drawFinalTest, mulberry32 } from "@/lib/quiz/draw";
import { gradeQuestion } from "@/lib/quiz/grade";
import { authoredAnswers } from "@/lib/quiz/option-keys";
import { publicQuestion, type PublicQuestion } from "@/lib/quiz/public-view";
import type { Question } from "@/lib/quiz/types";
import { openTestDb, type TestDb } from "./support/test-db";

/**
 * Answering strategies that ignore the questions, played against every real course's final
 * bank with the real draw, the real public view (what the page and the API show) and the real
 * grading: none may meaningfully beat guessing at random, nor pass. The ids authors write put
 * the key first often enough that answering `a` everywhere once scored 86.6 %; learners now see
 * ids drawn per attempt, and the bank itself must carry no cue (length, true/false balance).
 */

const ROOT = path.join(process.cwd(), "content");
const ATTEMPTS = 1500;
/** Above random guessing by more than this (in score points) is beating chance. */
const OVERALL_MARGIN = 0.05;
/** Per question type, where a cue would show before it is diluted by the others. */
const PER_TYPE_MARGIN = 0.12;

type Strategy = { name: string; answer: (q: PublicQuestion) => string[] };

const byText = (q: PublicQuestion, pick: "longest" | "shortest") =>
  [...q.options].sort((x, y) => (pick === "longest" ? y.text.length - x.text.length : x.text.length - y.text.length))[0]!;
const firstWithId = (q: PublicQuestion, ids: string[]) => {
  const found = q.options.filter((o) => ids.includes(o.id));
  return found.length ? found.map((o) => o.id).slice(0, q.type === "multiple" ? ids.length : 1) : [q.options[0]!.id];
};
const trueFalse = (q: PublicQuestion, label: string) => [(q.options.find((o) => o.text === label) ?? q.options[0]!).id];

const STRATEGIES: Strategy[] = [
  { name: "always the first option shown", answer: (q) => [q.options[0]!.id] },
  { name: "always the last option shown", answer: (q) => [q.options.at(-1)!.id] },
  ...["a", "b", "c", "d"].map((id) => ({ name: `always the option with id "${id}"`, answer: (q: PublicQuestion) => firstWithId(q, [id]) })),
  { name: 'ids "a", "b", "c" on multiple choice', answer: (q) => (q.type === "multiple" ? firstWithId(q, ["a", "b", "c"]) : firstWithId(q, ["a"])) },
  { name: "the smallest id", answer: (q) => [[...q.options].sort((x, y) => x.id.localeCompare(y.id))[0]!.id] },
  { name: "every option of a multiple choice", answer: (q) => (q.type === "multiple" ? q.options.map((o) => o.id) : [q.options[0]!.id]) },
  { name: "always true", answer: (q) => (q.type === "true-false" ? trueFalse(q, "Vero") : [q.options[0]!.id]) },
  { name: "always false", answer: (q) => (q.type === "true-false" ? trueFalse(q, "Falso") : [q.options[0]!.id]) },
  {
    name: "the longest option (the longer half on multiple choice)",
    answer: (q) =>
      q.type === "multiple"
        ? [...q.options].sort((x, y) => y.text.length - x.text.length).slice(0, Math.ceil(q.options.length / 2)).map((o) => o.id)
        : [byText(q, "longest").id],
  },
  { name: "the shortest option", answer: (q) => [byText(q, "shortest").id] },
];

/** What random guessing scores on a question: the mean credit over every answer the form allows. */
function chance(question: Question, partialCredit: boolean): number {
  const ids = question.options.map((o) => o.id);
  const answers =
    question.type === "multiple"
      ? Array.from({ length: 2 ** ids.length - 1 }, (_, mask) => ids.filter((_, i) => ((mask + 1) >> i) & 1))
      : ids.map((id) => [id]);
  return answers.reduce((sum, a) => sum + gradeQuestion(question, question.id, a, partialCredit).credit, 0) / answers.length;
}

const courses = publishedCourses(ROOT).filter((c) => finalBank(c));

it("plays against every real course with a final test", () => {
  expect(courses.map((c) => c.slug)).toContain("lavoro-e-social-media");
});

for (const course of courses) {
  describe(`the final test of ${course.slug}`, () => {
    const ref = findQuiz(course.slug, finalBank(course)!.id, ROOT)!;
    const settings = course.finalTest!;
    const byId = questionsById(ref.quiz);
    const rng = mulberry32(20261201);
    const attempts = Array.from({ length: ATTEMPTS }, () => {
      const drawn = drawFinalTest(ref.quiz.questions, settings, rng);
      return { drawn, shown: drawn.map((q) => publicQuestion(byId.get(q.questionId)!, q, "it")) };
    });
    const chanceOf = new Map(ref.quiz.questions.map((q) => [q.id, chance(q, settings.partialCredit)]));
    const types = [...new Set(ref.quiz.questions.map((q) => q.type))];

    for (const strategy of STRATEGIES) {
      it(`${strategy.name}: no better than guessing, and never a pass`, () => {
        let score = 0;
        let expected = 0;
        let passes = 0;
        const perType = new Map(types.map((t) => [t, { credit: 0, chance: 0, n: 0 }]));
        for (const { drawn, shown } of attempts) {
          const answers = Object.fromEntries(shown.map((q) => [q.id, strategy.answer(q)]));
          // The server's own path: the shown ids mapped back, then checked and graded.
          const result = gradeSubmission(ref, drawn, authoredAnswers(drawn, answers));
          expect(result.ok, JSON.stringify(!result.ok && result.errors)).toBe(true);
          if (!result.ok) return;
          score += result.graded.scorePercent / 100;
          if (result.graded.passed) passes++;
          for (const g of result.graded.perQuestion) {
            const q = byId.get(g.questionId)!;
            const t = perType.get(q.type)!;
            t.credit += g.credit;
            t.chance += chanceOf.get(q.id)!;
            t.n++;
            expected += chanceOf.get(q.id)! / drawn.length;
          }
        }
        const mean = score / ATTEMPTS;
        const chanceMean = expected / ATTEMPTS;
        expect(mean, `mean score ${(mean * 100).toFixed(1)} % vs ${(chanceMean * 100).toFixed(1)} % by chance`).toBeLessThanOrEqual(chanceMean + OVERALL_MARGIN);
        for (const [type, t] of perType) {
          if (t.n === 0) continue;
          expect(t.credit / t.n, `${type}: ${((t.credit / t.n) * 100).toFixed(1)} % vs ${((t.chance / t.n) * 100).toFixed(1)} % by chance`).toBeLessThanOrEqual(
            t.chance / t.n + PER_TYPE_MARGIN,
          );
        }
        expect(passes / ATTEMPTS, `passed ${passes} of ${ATTEMPTS}`).toBeLessThanOrEqual(0.005);
      });
    }
  });
}

describe("through the real attempt lifecycle", () => {
  let t: TestDb;
  const course = courses.find((c) => c.slug === "lavoro-e-social-media")!;
  let companyId: number;
  beforeEach(async () => {
    t = await openTestDb();
    companyId = await insertCompany(t, { name: "Prova S.r.l." });
    await addEnrolmentRule(t, { companyId, courseSlug: course.slug, scope: "everyone", department: null, dueDate: null, createdBy: null });
  });
  afterEach(() => t.close());

  /** A learner who completed every lesson, ready for the final test. */
  async function readyLearner(email: string): Promise<number> {
    const id = (await createUserIfMissing(t, { email, firstName: "Pro", lastName: "Va", passwordHash: null, roles: ["learner"], companyId })).user.id;
    for (const [i, l] of publishedLessons(course).entries()) {
      await t.run(
        "INSERT INTO lesson_progress (user_id, course_slug, lesson_slug, first_opened_at, opened_content_hash, completed_at, completed_content_hash) VALUES (?, ?, ?, ?, 'h', ?, 'h')",
        [id, course.slug, l.slug, 1_700_000_000 + i, 1_700_000_000 + i],
      );
    }
    return id;
  }

  it("shows ids drawn for the attempt, grades the shown ids as the simulation does, and refuses the authored ids", async () => {
    const ref = findQuiz(course.slug, "final", ROOT)!;
    const anna = await readyLearner("anna@example.com");
    const started = await startAttempt(t, { userId: anna, sessionId: null, courseSlug: course.slug, quizId: "final", contentRoot: ROOT });
    if (!started.ok) throw new Error(started.code);
    const shown = shownQuestions(started.attempt, ref.quiz, "it");
    const authored = new Set(ref.quiz.questions.flatMap((q) => q.options.map((o) => o.id)));
    for (const q of shown) for (const o of q.options) expect(authored.has(o.id), `${q.id}: ${o.id}`).toBe(false);

    // The authored ids, even the right ones, are not options of this attempt.
    const byAuthor = Object.fromEntries(shown.map((q) => [q.id, ref.quiz.questions.find((x) => x.id === q.id)!.options.filter((o) => o.correct).map((o) => o.id)]));
    const refused = await submitAttempt(t, { userId: anna, attemptId: started.attempt.id, answers: byAuthor, contentRoot: ROOT });
    expect(refused).toMatchObject({ ok: false, code: "invalid" });

    const first = Object.fromEntries(shown.map((q) => [q.id, [q.options[0]!.id]]));
    const drawn = JSON.parse(started.attempt.questions);
    const simulated = gradeSubmission(ref, drawn, authoredAnswers(drawn, first));
    const real = await submitAttempt(t, { userId: anna, attemptId: started.attempt.id, answers: first, contentRoot: ROOT });
    expect(real.ok && simulated.ok && real.attempt.scorePercent).toBe(simulated.ok && simulated.graded.scorePercent);
  });
});
