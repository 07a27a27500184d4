import { describe, expect, it } from "vitest";
import { itemAnalysis, type GradedAttempt, type ItemDefinition } from "./item-analysis";
import { median, pearson } from "./stats";

/**
 * Hand-worked example: five learners A–E (attempt ids 1–5), one quiz of three questions, one
 * point each. 1 = right.
 *
 *        q1 q2 q3   total
 *   A     1  1  1     3
 *   B     1  1  0     2
 *   C     1  0  0     1
 *   D     0  1  0     1
 *   E     0  0  0     0
 *
 * q1: x = (1,1,1,0,0); rest score = (q2 + q3) / 2 = (1, .5, 0, .5, 0).
 *   mean x = .6, mean rest = .4; deviations dx = (.4,.4,.4,-.6,-.6), dy = (.6,.1,-.4,.1,-.4).
 *   Σdx·dy = .24 + .04 − .16 − .06 + .24 = .30; Σdx² = 1.2; Σdy² = .70.
 *   r_pb = .30 / √(1.2 × .70) = .30 / .9165 = 0.3273.
 *   27 % of 5 = 1.35 → groups of 1. By rest score: A (1), B (.5), D (.5, after B by id), C (0), E (0).
 *   Upper {A}: 1 right; lower {E}: 0 right → upper–lower = 1.
 *   Options (A, B, C chose a = key; D chose b; E chose c): a .6, b .2, c .2; upper {A} chose a; lower {E} chose c.
 * q2: x = (1,1,0,1,0); rest = (q1 + q3) / 2 = (1, .5, .5, 0, 0).
 *   dx = (.4,.4,-.6,.4,-.6), dy = (.6,.1,.1,-.4,-.4): Σdx·dy = .24 + .04 − .06 − .16 + .24 = .30,
 *   Σdx² = 1.2, Σdy² = .70 → r_pb = 0.3273. Facility .6.
 * q3: x = (1,0,0,0,0); rest = (q1 + q2) / 2 = (1, 1, .5, .5, 0).
 *   mean x = .2, mean rest = .6; dx = (.8,-.2,-.2,-.2,-.2), dy = (.4,.4,-.1,-.1,-.6):
 *   Σdx·dy = .32 − .08 + .02 + .02 + .12 = .40; Σdx² = .80; Σdy² = .70 → r_pb = .40 / √.56 = 0.5345.
 *   Upper {A} right, lower {E} wrong → 1. Facility .2.
 */
const ITEMS: ItemDefinition[] = ["q1", "q2", "q3"].map((questionId) => ({
  quizId: "check",
  questionId,
  options: [
    { id: "a", correct: true },
    { id: "b", correct: false },
    { id: "c", correct: false },
  ],
}));

const MATRIX: [number, number, number][] = [
  [1, 1, 1],
  [1, 1, 0],
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 0],
];
const WRONG_CHOICE = ["b", "b", "b", "b", "c"];

function attempts(): GradedAttempt[] {
  return MATRIX.map((row, i) => ({
    attemptId: i + 1,
    quizId: "check",
    grades: row.map((x, j) => ({ questionId: `q${j + 1}`, correct: x === 1, credit: x, selected: [x === 1 ? "a" : WRONG_CHOICE[i]!] })),
  }));
}

describe("itemAnalysis (hand-worked example)", () => {
  const [q1, q2, q3] = itemAnalysis(ITEMS, attempts());

  it("computes facility", () => {
    expect([q1!.facility, q2!.facility, q3!.facility]).toEqual([0.6, 0.6, 0.2]);
    expect(q1!.responses).toBe(5);
  });

  it("computes the point-biserial against the rest of the test", () => {
    expect(q1!.pointBiserial).toBeCloseTo(0.3273, 4);
    expect(q2!.pointBiserial).toBeCloseTo(0.3273, 4);
    expect(q3!.pointBiserial).toBeCloseTo(0.5345, 4);
  });

  it("computes the upper–lower 27 % index", () => {
    expect([q1!.upperLower, q2!.upperLower, q3!.upperLower]).toEqual([1, 1, 1]);
  });

  it("computes each option's selection rate, overall and in the groups", () => {
    expect(q1!.options).toEqual([
      { id: "a", correct: true, rate: 0.6, upperRate: 1, lowerRate: 0, flags: [] },
      { id: "b", correct: false, rate: 0.2, upperRate: 0, lowerRate: 0, flags: [] },
      { id: "c", correct: false, rate: 0.2, upperRate: 0, lowerRate: 1, flags: [] },
    ]);
  });

  it("flags nothing below 20 responses", () => {
    for (const s of [q1, q2, q3]) {
      expect(s!.flaggable).toBe(false);
      expect(s!.flags).toEqual([]);
    }
  });

  it("gives no statistics to a question nobody was asked", () => {
    const [s] = itemAnalysis([{ quizId: "check", questionId: "ghost", options: [{ id: "a", correct: true }] }], attempts());
    expect(s).toMatchObject({ responses: 0, facility: null, pointBiserial: null, upperLower: null });
  });
});

describe("itemAnalysis flags (20 responses or more)", () => {
  /** `n` two-question attempts: q1 right per `q1`, q2 right per `q2`. */
  const twoItems = (n: number, q1: (i: number) => boolean, q2: (i: number) => boolean): GradedAttempt[] =>
    Array.from({ length: n }, (_, i) => ({
      attemptId: i + 1,
      quizId: "f",
      grades: [
        { questionId: "q1", correct: q1(i), credit: q1(i) ? 1 : 0, selected: [q1(i) ? "a" : "b"] },
        { questionId: "q2", correct: q2(i), credit: q2(i) ? 1 : 0, selected: [q2(i) ? "a" : "b"] },
      ],
    }));
  const items: ItemDefinition[] = ["q1", "q2"].map((questionId) => ({
    quizId: "f",
    questionId,
    options: [
      { id: "a", correct: true },
      { id: "b", correct: false },
      { id: "c", correct: false },
    ],
  }));

  it("flags a too easy question, a distractor nobody picks, and a too hard one", () => {
    // q1: 19 of 20 right (.95); q2: 5 of 20 right (.25).
    const [q1, q2] = itemAnalysis(items, twoItems(20, (i) => i !== 0, (i) => i < 5));
    expect(q1!.flags).toContain("too-easy");
    expect(q1!.options.find((o) => o.id === "c")!.flags).toEqual(["never-chosen"]);
    expect(q2!.flags).toContain("too-hard");
  });

  it("flags negative discrimination and a distractor the strong learners pick", () => {
    // q1 is right exactly when q2 is wrong: the item runs against the rest of the test.
    const [q1] = itemAnalysis(items, twoItems(20, (i) => i % 2 === 0, (i) => i % 2 === 1));
    expect(q1!.pointBiserial).toBeCloseTo(-1, 6);
    expect(q1!.flags).toEqual(["negative-discrimination"]);
    expect(q1!.upperLower).toBe(-1);
    expect(q1!.options.find((o) => o.id === "b")!.flags).toContain("strong-learners-pick");
  });

  it("flags low (positive) discrimination", () => {
    // q2 right for i < 12; q1 right for i in 0..5 and 12..17: weakly related.
    const [q1] = itemAnalysis(items, twoItems(24, (i) => i < 6 || (i >= 12 && i < 17), (i) => i < 12));
    expect(q1!.pointBiserial).toBeGreaterThan(0);
    expect(q1!.pointBiserial).toBeLessThan(0.2);
    expect(q1!.flags).toEqual(["low-discrimination"]);
  });
});

describe("stats", () => {
  it("pearson is null for a constant series and median handles even lengths", () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
