import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateYaml } from "@/lib/content/yaml-validate";
import { reviewQuestion } from "./public-view";
import { reviewQuestionJson } from "./review-json";
import { QuizFileSchema } from "./schema";
import { makeQuestion } from "./test-questions";
import type { Question } from "./types";
import { isExerciseText } from "@/lib/exercises/schema";

/** Every question of the real course and of the e2e fixture course: scenarios, posts, true/false, missing English. */
function allQuestions(): Question[] {
  const dirs = [
    path.join(process.cwd(), "content", "courses", "lavoro-e-social-media", "quizzes"),
    path.join(process.cwd(), "tests", "fixtures", "e2e-content", "courses", "social-media-basics", "quizzes"),
  ];
  return dirs.flatMap((dir) =>
    fs.readdirSync(dir).filter((f) => f.endsWith(".yaml") && !isExerciseText(fs.readFileSync(path.join(dir, f), "utf8"))).flatMap((f) => {
      const result = validateYaml(fs.readFileSync(path.join(dir, f), "utf8"), QuizFileSchema, { file: f });
      if (!result.ok) throw new Error(`${f} is invalid`);
      return result.data.questions;
    }),
  );
}

describe("reviewQuestionJson", () => {
  const questions = allQuestions();
  // Awkward texts the content files may not have: quotes, backslashes, lone surrogates, the cut markers themselves.
  const odd = makeQuestion("odd", "multiple", ["a", "c"]);
  odd.prompt = { it: 'Dice "options":[] e \\ \u2028', en: '"selected":false' };
  odd.options[0]!.text = { it: '"selected":false}', en: "\ud800" };
  delete odd.options[1]!.feedback;
  const pool = [...questions, odd, makeQuestion("tf", "true-false", ["true"])];

  it("covers questions with scenarios and mock posts", () => {
    expect(questions.length).toBeGreaterThan(20);
    expect(questions.some((q) => q.scenario?.post)).toBe(true);
  });

  it("is exactly JSON.stringify(reviewQuestion(...)) for any question, option order, locale and grade", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...pool),
        fc.constantFrom("it" as const, "en" as const),
        fc.func(fc.integer()),
        fc.array(fc.oneof(fc.constantFrom("a", "b", "zz", "true"), fc.string({ maxLength: 3 })), { maxLength: 3 }),
        fc.boolean(),
        fc.oneof(fc.constantFrom(0, 1, 0.5), fc.double({ min: 0, max: 1, noNaN: true })),
        fc.array(fc.nat(8), { maxLength: 6 }),
        fc.option(fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('"', "\\", "\u2028")), { minLength: 8, maxLength: 8 }), { nil: undefined }),
        (question, locale, rank, extra, correct, credit, picks, keys) => {
          const ids = question.options.map((o) => o.id);
          // Any order, with repeats and ids the question does not have (reviewQuestion skips both).
          const order = [...ids, ...ids.slice(0, 2), ...extra].sort((x, y) => rank(x) - rank(y));
          // With or without the attempt's own option ids, whatever characters they hold.
          const drawn = { questionId: question.id, optionOrder: order, ...(keys ? { optionKeys: keys } : {}) };
          const selected = picks.map((i) => ids[i % ids.length]!);
          const graded = { correct, credit, selected };
          expect(reviewQuestionJson(question, drawn, locale, graded)).toBe(JSON.stringify(reviewQuestion(question, drawn, locale, graded)));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
