import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateYaml } from "@/lib/content/yaml-validate";
import { lessonCheckDraw, mulberry32 } from "./draw";
import { gradeAttempt, questionMap } from "./grade";
import { publicQuestion, reviewQuestion } from "./public-view";
import { QuizFileSchema } from "./schema";
import { makeQuestion } from "./test-questions";
import type { QuizFile } from "./types";

const QUIZ_DIR = path.join(process.cwd(), "tests", "fixtures", "e2e-content", "courses", "social-media-basics", "quizzes");

/** Every quiz file of the demo course, validated the way the content scan does. */
function sampleQuizzes(): QuizFile[] {
  return fs.readdirSync(QUIZ_DIR).filter((f) => f.endsWith(".yaml")).map((f) => {
    const result = validateYaml(fs.readFileSync(path.join(QUIZ_DIR, f), "utf8"), QuizFileSchema, { file: f });
    if (!result.ok) throw new Error(`${f} is invalid: ${result.problems.map((p) => p.message).join("; ")}`);
    return result.data;
  });
}

/** Every feedback and explanation text of a quiz, in both languages. */
function secretTexts(quiz: QuizFile): string[] {
  return quiz.questions.flatMap((q) => [
    q.explanation.it,
    q.explanation.en ?? "",
    ...q.options.flatMap((o) => [o.feedback?.it ?? "", o.feedback?.en ?? ""]),
  ]).filter(Boolean);
}

describe("publicQuestion", () => {
  const quizzes = sampleQuizzes();

  it("loads the demo course's quizzes, including a final bank", () => {
    expect(quizzes.map((q) => q.kind).sort()).toEqual(["final-bank", "lesson-check", "lesson-check"]);
  });

  for (const locale of ["it", "en"] as const) {
    it(`never lets correct flags, feedback or explanations through (${locale}, whole sample content)`, () => {
      for (const quiz of quizzes) {
        const drawn = lessonCheckDraw(quiz, mulberry32(1));
        const byId = questionMap(quiz.questions);
        const views = drawn.map((d) => publicQuestion(byId.get(d.questionId)!, d, locale));
        const json = JSON.stringify(views);
        expect(json).not.toMatch(/"(correct|feedback|explanation|lesson)"/);
        const secrets = secretTexts(quiz);
        expect(secrets.length).toBeGreaterThan(quiz.questions.length);
        for (const secret of secrets) expect(json).not.toContain(secret);
        for (const view of views) {
          expect(Object.keys(view).sort()).toEqual(["id", "options", "prompt", "risk", "type", ...(view.scenario ? ["scenario"] : [])].sort());
          for (const option of view.options) expect(Object.keys(option).sort()).toEqual(["id", "text"]);
        }
      }
    });
  }

  it("localises, falls back to Italian, orders options and names true/false options", () => {
    const q = makeQuestion("tf", "true-false", ["false"]);
    const inOrder = (question: { id: string }, optionOrder: string[]) => ({ questionId: question.id, optionOrder });
    expect(publicQuestion(q, inOrder(q, ["true", "false"]), "it").options).toEqual([
      { id: "true", text: "Vero" },
      { id: "false", text: "Falso" },
    ]);
    expect(publicQuestion(q, inOrder(q, ["true", "false"]), "en").options.map((o) => o.text)).toEqual(["True", "False"]);

    const single = makeQuestion("s", "single", ["a"], { optionIds: ["a", "b", "c"] });
    single.prompt = { it: "Solo italiano" };
    const view = publicQuestion(single, inOrder(single, ["c", "a", "b", "zz"]), "en");
    expect(view.prompt).toBe("Solo italiano");
    expect(view.options.map((o) => o.id)).toEqual(["c", "a", "b"]);
    expect(view.options[0]).toEqual({ id: "c", text: "Option c" });
  });

  it("passes the scenario and its mock post as SocialPost props", () => {
    const final = quizzes.find((q) => q.kind === "final-bank")!;
    const withPost = final.questions.find((q) => q.scenario?.post)!;
    const view = publicQuestion(withPost, { questionId: withPost.id, optionOrder: withPost.options.map((o) => o.id) }, "en");
    expect(view.scenario?.text).toBe(withPost.scenario!.text.en);
    expect(view.scenario?.post).toMatchObject({
      author: withPost.scenario!.post!.author,
      audience: withPost.scenario!.post!.audience.en,
      text: withPost.scenario!.post!.text.en,
    });
  });
});

describe("option ids the learner sees", () => {
  it("are the attempt's own random ids, in the drawn order, for the public view and the review alike", () => {
    const q = makeQuestion("m", "multiple", ["a", "c"], { optionIds: ["a", "b", "c"] });
    const drawn = { questionId: "m", optionOrder: ["b", "c", "a"], optionKeys: ["k7x2q9za", "p0m3n8wb", "z9y8x7w6"] };
    expect(publicQuestion(q, drawn, "it").options.map((o) => o.id)).toEqual(["k7x2q9za", "p0m3n8wb", "z9y8x7w6"]);
    const graded = gradeAttempt([drawn], questionMap([q]), { m: ["a", "b"] }, { partialCredit: false, passMark: 80 }).perQuestion[0]!;
    expect(reviewQuestion(q, drawn, "it", graded).options.map((o) => [o.id, o.selected, o.correct])).toEqual([
      ["k7x2q9za", true, false],
      ["p0m3n8wb", false, true],
      ["z9y8x7w6", true, true],
    ]);
  });
});

describe("reviewQuestion", () => {
  it("adds the explanation, lesson, feedback, correct flags and the learner's choices", () => {
    const q = makeQuestion("m", "multiple", ["a", "c"], { optionIds: ["a", "b", "c"] });
    const drawn = [{ questionId: "m", optionOrder: ["b", "c", "a"] }];
    const graded = gradeAttempt(drawn, questionMap([q]), { m: ["a", "b"] }, { partialCredit: true, passMark: 80 }).perQuestion[0]!;
    const review = reviewQuestion(q, drawn[0]!, "it", graded);
    expect(review).toMatchObject({ id: "m", lesson: "some-lesson", explanation: "Spiegazione m", correct: false, credit: 0 });
    expect(review.options).toEqual([
      { id: "b", text: "Opzione b", correct: false, selected: true, feedback: "Commento m/b" },
      { id: "c", text: "Opzione c", correct: true, selected: false, feedback: "Commento m/c" },
      { id: "a", text: "Opzione a", correct: true, selected: true, feedback: "Commento m/a" },
    ]);
  });
});
