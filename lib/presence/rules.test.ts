import { describe, expect, it } from "vitest";
import { isRightAnswer, makeQuestion, medianSeconds, presenceWindow, shouldAsk } from "./rules";

/** A deterministic random source (mulberry32). */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LUCKIEST = () => 0;
const UNLUCKIEST = () => 0.999_999_999;

describe("presence questions", () => {
  it("always offer the right sum once among four distinct positive options", () => {
    const random = seeded(7);
    for (let i = 0; i < 2000; i++) {
      const q = makeQuestion(random);
      expect(q.a).toBeGreaterThanOrEqual(1);
      expect(q.b).toBeLessThanOrEqual(9);
      expect(q.options).toHaveLength(4);
      expect(new Set(q.options).size).toBe(4);
      expect(q.options.filter((o) => isRightAnswer(q, o))).toEqual([q.a + q.b]);
      expect(q.options.every((o) => o > 0)).toBe(true);
    }
  });

  it("list the options in ascending order, the right one at any place about equally often (not guessable by place)", () => {
    const random = seeded(11);
    const places = [0, 0, 0, 0];
    const n = 4000;
    for (let i = 0; i < n; i++) {
      const q = makeQuestion(random);
      expect(q.options).toEqual([...q.options].sort((x, y) => x - y));
      expect(Math.max(...q.options) - Math.min(...q.options)).toBeLessThanOrEqual(10);
      places[q.options.indexOf(q.a + q.b)]!++;
    }
    for (const p of places) {
      expect(p / n).toBeGreaterThan(0.15);
      expect(p / n).toBeLessThan(0.35);
    }
  });

  it("stay in range with the extreme draws", () => {
    expect(makeQuestion(LUCKIEST)).toEqual({ a: 1, b: 1, options: [2, 3, 4, 5] });
    expect(makeQuestion(UNLUCKIEST)).toMatchObject({ a: 9, b: 9 });
    expect(makeQuestion(UNLUCKIEST).options).toContain(18);
  });
});

describe("when to ask", () => {
  const mean = 600; // 10 minutes: quiet 200 s, never beyond 1,200 s
  const ask = (activeSinceSeconds: number, random: () => number, creditedSeconds = 30) => shouldAsk({ meanSeconds: mean, activeSinceSeconds, creditedSeconds, random });

  it("has a quiet third, a hazard for the rest of the average, and a ceiling at twice it", () => {
    expect(presenceWindow(600)).toEqual({ quietSeconds: 200, hazardSeconds: 400, maxSeconds: 1200 });
    expect(() => presenceWindow(0)).toThrow(RangeError);
  });

  it("never asks during the quiet period, even with the luckiest draw", () => {
    for (let s = 0; s < 200; s += 10) expect(ask(s, LUCKIEST)).toBe(false);
    expect(ask(200, LUCKIEST)).toBe(false); // no time past the quiet period yet
    expect(ask(201, LUCKIEST)).toBe(true);
  });

  it("always asks at twice the average, even with the unluckiest draw; never when nothing was credited", () => {
    expect(ask(1199, UNLUCKIEST)).toBe(false);
    expect(ask(1200, UNLUCKIEST)).toBe(true);
    expect(ask(5000, LUCKIEST, 0)).toBe(false);
  });

  it("counts only the part of a heartbeat past the quiet period", () => {
    // 5 s past the quiet period: probability 1 − e^(−5/400) ≈ 0.0124.
    expect(ask(205, () => 0.012)).toBe(true);
    expect(ask(205, () => 0.013)).toBe(false);
    // A full 30 s: 1 − e^(−30/400) ≈ 0.0723.
    expect(ask(600, () => 0.072)).toBe(true);
    expect(ask(600, () => 0.073)).toBe(false);
  });

  it("spreads the moments between the quiet period and the ceiling, averaging close to the plan's setting", () => {
    const random = seeded(3);
    const gaps: number[] = [];
    for (let run = 0; run < 4000; run++) {
      let active = 0;
      do active += 30;
      while (!ask(active, random));
      gaps.push(active);
    }
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(200);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1200);
    const average = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(average).toBeGreaterThan(0.85 * mean);
    expect(average).toBeLessThan(1.1 * mean);
    // Unpredictable: no single moment takes more than a small share of the runs.
    const counts = new Map<number, number>();
    for (const g of gaps) counts.set(g, (counts.get(g) ?? 0) + 1);
    expect(Math.max(...counts.values()) / gaps.length).toBeLessThan(0.12);
    expect(counts.size).toBeGreaterThan(25);
  });
});

describe("median delay", () => {
  it("is the middle value, the mean of the two middle ones, or null", () => {
    expect(medianSeconds([])).toBeNull();
    expect(medianSeconds([9, 1, 5])).toBe(5);
    expect(medianSeconds([4, 1, 3, 2])).toBe(2.5);
  });
});
