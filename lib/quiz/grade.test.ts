import { describe, expect, it } from "vitest";
import { gradeAttempt, questionMap } from "./grade";
import { makeQuestion } from "./test-questions";
import type { DrawnQuestion } from "./types";

const single = makeQuestion("single-q", "single", ["b"]);
const multiple = makeQuestion("multi-q", "multiple", ["a", "c"]);
const trueFalse = makeQuestion("tf-q", "true-false", ["false"]);
const byId = questionMap([single, multiple, trueFalse]);
const drawn: DrawnQuestion[] = [
  { questionId: "single-q", optionOrder: ["d", "a", "c", "b"] },
  { questionId: "multi-q", optionOrder: ["c", "b", "d", "a"] },
  { questionId: "tf-q", optionOrder: ["true", "false"] },
];
const strict = { partialCredit: false, passMark: 80 };
const lenient = { partialCredit: true, passMark: 80 };

describe("gradeAttempt", () => {
  it("grades a fully right attempt of every type", () => {
    const r = gradeAttempt(drawn, byId, { "single-q": ["b"], "multi-q": ["c", "a"], "tf-q": ["false"] }, strict);
    expect(r).toMatchObject({ scorePercent: 100, correctCount: 3, total: 3, passed: true });
    expect(r.perQuestion).toEqual([
      { questionId: "single-q", correct: true, credit: 1, selected: ["b"], correctOptions: ["b"] },
      { questionId: "multi-q", correct: true, credit: 1, selected: ["c", "a"], correctOptions: ["a", "c"] },
      { questionId: "tf-q", correct: true, credit: 1, selected: ["false"], correctOptions: ["false"] },
    ]);
  });

  it("marks wrong a single or true-false answer with the wrong option or with more than one", () => {
    const r = gradeAttempt(drawn, byId, { "single-q": ["a"], "multi-q": ["a", "c"], "tf-q": ["true", "false"] }, strict);
    expect(r.perQuestion.map((q) => q.correct)).toEqual([false, true, false]);
    expect(r.correctCount).toBe(1);
    expect(r.scorePercent).toBe(33.3);
    expect(r.passed).toBe(false);
  });

  it("gives no credit to a partly right multiple choice without partialCredit", () => {
    const r = gradeAttempt(drawn, byId, { "single-q": ["b"], "multi-q": ["a"], "tf-q": ["false"] }, strict);
    expect(r.perQuestion[1]).toMatchObject({ correct: false, credit: 0 });
    expect(r.scorePercent).toBe(66.6); // truncated, never rounded up
  });

  it("credits a partly right multiple choice with partialCredit: (right − wrong) / correct options, at least 0", () => {
    const grade = (picks: string[]) => gradeAttempt(drawn, byId, { "single-q": ["b"], "multi-q": picks, "tf-q": ["false"] }, lenient);
    expect(grade(["a"]).perQuestion[1]).toMatchObject({ correct: false, credit: 0.5 });
    expect(grade(["a"]).scorePercent).toBe(83.3);
    expect(grade(["a"]).passed).toBe(true);
    expect(grade(["a"]).correctCount).toBe(2);
    expect(grade(["a", "c", "b"]).perQuestion[1]!.credit).toBe(0.5);
    expect(grade(["a", "b"]).perQuestion[1]!.credit).toBe(0);
    expect(grade(["b", "d"]).perQuestion[1]!.credit).toBe(0);
    expect(grade(["a", "c"]).perQuestion[1]).toMatchObject({ correct: true, credit: 1 });
  });

  it("does not give partial credit to single or true-false questions", () => {
    const r = gradeAttempt(drawn, byId, { "single-q": ["a", "b"], "multi-q": ["a", "c"], "tf-q": ["true"] }, lenient);
    expect(r.perQuestion.map((q) => q.credit)).toEqual([0, 1, 0]);
  });

  it("counts unanswered questions as wrong", () => {
    const r = gradeAttempt(drawn, byId, { "single-q": ["b"] }, strict);
    expect(r.perQuestion.map((q) => [q.correct, q.selected])).toEqual([
      [true, ["b"]],
      [false, []],
      [false, []],
    ]);
    expect(gradeAttempt(drawn, byId, {}, strict)).toMatchObject({ scorePercent: 0, correctCount: 0, passed: false });
  });

  it("treats unknown option ids as wrong picks without throwing", () => {
    const r = gradeAttempt(drawn, byId, { "single-q": ["zz"], "multi-q": ["a", "c", "zz"], "tf-q": ["maybe"] }, lenient);
    expect(r.perQuestion.map((q) => [q.correct, q.credit])).toEqual([
      [false, 0],
      [false, 0.5],
      [false, 0],
    ]);
  });

  it("treats questions missing from the map as wrong, and ignores answers to questions not drawn", () => {
    const r = gradeAttempt([...drawn, { questionId: "gone", optionOrder: ["a"] }], byId, { gone: ["a"], extra: ["a"], "single-q": ["b"] }, strict);
    expect(r.total).toBe(4);
    expect(r.perQuestion[3]).toEqual({ questionId: "gone", correct: false, credit: 0, selected: ["a"], correctOptions: [] });
    expect(r.perQuestion.map((q) => q.questionId)).not.toContain("extra");
  });

  it("ignores repeated options and inherited properties of the answers object", () => {
    const proto = makeQuestion("constructor", "single", ["a"]);
    const r = gradeAttempt([{ questionId: "constructor", optionOrder: ["a", "b"] }], questionMap([proto]), {}, strict);
    expect(r.perQuestion[0]).toMatchObject({ correct: false, selected: [] });
    const again = gradeAttempt(drawn, byId, { "single-q": ["b", "b"] }, strict);
    expect(again.perQuestion[0]).toMatchObject({ correct: true, selected: ["b"] });
  });

  it("passes at exactly the pass mark, and an empty attempt never passes", () => {
    const five = ["q1", "q2", "q3", "q4", "q5"].map((id) => makeQuestion(id, "single", ["a"]));
    const d = five.map((q) => ({ questionId: q.id, optionOrder: ["a", "b", "c", "d"] }));
    const four = { q1: ["a"], q2: ["a"], q3: ["a"], q4: ["a"], q5: ["b"] };
    expect(gradeAttempt(d, questionMap(five), four, strict)).toMatchObject({ scorePercent: 80, passed: true });
    expect(gradeAttempt(d, questionMap(five), four, { partialCredit: false, passMark: 81 })).toMatchObject({ passed: false });
    expect(gradeAttempt([], questionMap(five), {}, { partialCredit: false, passMark: 0 })).toMatchObject({ scorePercent: 0, total: 0, passed: false });
  });
});
