import { describe, expect, it } from "vitest";
import { cryptoRandom, drawFinalTest, lessonCheckDraw, mulberry32, shuffle } from "./draw";
import { RISK_TAGS } from "./settings";
import { makeQuestion } from "./test-questions";
import type { Question, RiskTag } from "./types";

/** 4 questions per risk tag, all types mixed: 24 in all. */
const bank: Question[] = RISK_TAGS.flatMap((risk, r) =>
  [0, 1, 2, 3].map((i) => {
    const id = `${risk}-${i}`;
    const type = (["single", "multiple", "true-false"] as const)[(r + i) % 3]!;
    return makeQuestion(id, type, type === "true-false" ? ["true"] : ["a"], { risk, optionIds: ["a", "b", "c", "d", "e"] });
  }),
);
const byId = new Map(bank.map((q) => [q.id, q]));

describe("drawFinalTest", () => {
  it("draws exactly N distinct questions from the bank", () => {
    for (const seed of [1, 2, 3, 42, 1234]) {
      const drawn = drawFinalTest(bank, { questions: 10 }, mulberry32(seed));
      expect(drawn).toHaveLength(10);
      expect(new Set(drawn.map((d) => d.questionId)).size).toBe(10);
      for (const d of drawn) expect(byId.has(d.questionId)).toBe(true);
    }
    expect(drawFinalTest(bank, { questions: bank.length }, mulberry32(7))).toHaveLength(bank.length);
  });

  it("honours the per-risk minimums", () => {
    const perRisk: Partial<Record<RiskTag, number>> = { privacy: 4, policy: 2, "company-accounts": 1 };
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const drawn = drawFinalTest(bank, { questions: 8, perRisk }, mulberry32(seed));
      expect(drawn).toHaveLength(8);
      const count = (risk: RiskTag) => drawn.filter((d) => byId.get(d.questionId)!.risk === risk).length;
      expect(count("privacy")).toBe(4); // all four privacy questions
      expect(count("policy")).toBeGreaterThanOrEqual(2);
      expect(count("company-accounts")).toBeGreaterThanOrEqual(1);
      expect(new Set(drawn.map((d) => d.questionId)).size).toBe(8);
    }
  });

  it("draws minimums that fill the whole test only from their risks", () => {
    const drawn = drawFinalTest(bank, { questions: 3, perRisk: { reputation: 2, policy: 1 } }, mulberry32(9));
    expect(drawn.map((d) => byId.get(d.questionId)!.risk).sort()).toEqual(["policy", "reputation", "reputation"]);
  });

  it("shuffles questions and options differently for different seeds, and reproducibly for one seed", () => {
    const a = drawFinalTest(bank, { questions: 12 }, mulberry32(1));
    const b = drawFinalTest(bank, { questions: 12 }, mulberry32(2));
    expect(a.map((d) => d.questionId)).not.toEqual(b.map((d) => d.questionId));
    const all = drawFinalTest(bank, { questions: bank.length }, mulberry32(3));
    const allAgain = drawFinalTest(bank, { questions: bank.length }, mulberry32(4));
    expect(all.map((d) => d.questionId)).not.toEqual(allAgain.map((d) => d.questionId));
    const orders = (drawn: typeof all) => Object.fromEntries(drawn.map((d) => [d.questionId, d.optionOrder.join()]));
    expect(orders(all)).not.toEqual(orders(allAgain));
    expect(drawFinalTest(bank, { questions: 12 }, mulberry32(1))).toEqual(a);
  });

  it("keeps every option exactly once, and true/false as true then false", () => {
    const drawn = drawFinalTest(bank, { questions: bank.length }, mulberry32(11));
    for (const d of drawn) {
      const q = byId.get(d.questionId)!;
      expect([...d.optionOrder].sort()).toEqual(q.options.map((o) => o.id).sort());
      if (q.type === "true-false") expect(d.optionOrder).toEqual(["true", "false"]);
    }
    const shuffledSomewhere = drawn.some((d) => byId.get(d.questionId)!.type !== "true-false" && d.optionOrder.join() !== "a,b,c,d,e");
    expect(shuffledSomewhere).toBe(true);
  });

  it("refuses settings the bank cannot satisfy", () => {
    expect(() => drawFinalTest(bank.slice(0, 3), { questions: 4 }, mulberry32(1))).toThrow(RangeError);
    expect(() => drawFinalTest(bank, { questions: 8, perRisk: { privacy: 5 } }, mulberry32(1))).toThrow(/privacy/);
    expect(() => drawFinalTest(bank, { questions: 2, perRisk: { privacy: 2, policy: 1 } }, mulberry32(1))).toThrow(RangeError);
  });

  it("uses the crypto source by default", () => {
    expect(drawFinalTest(bank, { questions: 5 })).toHaveLength(5);
  });
});

describe("lessonCheckDraw", () => {
  it("keeps all questions in their written order and shuffles options (true/false kept)", () => {
    const quiz = { questions: bank.slice(0, 6) };
    const a = lessonCheckDraw(quiz, mulberry32(5));
    const b = lessonCheckDraw(quiz, mulberry32(6));
    expect(a.map((d) => d.questionId)).toEqual(quiz.questions.map((q) => q.id));
    expect(b.map((d) => d.questionId)).toEqual(quiz.questions.map((q) => q.id));
    expect(a.map((d) => d.optionOrder)).not.toEqual(b.map((d) => d.optionOrder));
    for (const d of [...a, ...b]) {
      if (byId.get(d.questionId)!.type === "true-false") expect(d.optionOrder).toEqual(["true", "false"]);
    }
  });
});

describe("random sources", () => {
  it("cryptoRandom and mulberry32 stay in [0, 1)", () => {
    const seeded = mulberry32(99);
    for (let i = 0; i < 2000; i++) {
      for (const v of [cryptoRandom(), seeded()]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThan(1);
      }
    }
  });

  it("shuffle is a permutation, and survives an rng returning 1 or NaN", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect(shuffle(items, mulberry32(1)).sort((x, y) => x - y)).toEqual(items);
    expect(shuffle(items, () => 1).sort((x, y) => x - y)).toEqual(items);
    expect(shuffle(items, () => NaN).sort((x, y) => x - y)).toEqual(items);
    expect(items[0]).toBe(0); // the input is not modified
  });

  it("shuffle is roughly uniform", () => {
    const rng = mulberry32(2024);
    const firsts = [0, 0, 0, 0];
    for (let i = 0; i < 8000; i++) firsts[shuffle([0, 1, 2, 3], rng)[0]!]!++;
    for (const n of firsts) expect(Math.abs(n - 2000)).toBeLessThan(200);
  });
});
