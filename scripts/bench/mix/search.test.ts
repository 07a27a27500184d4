import { describe, expect, it } from "vitest";
import { gridFor, searchCapacity, toGrid } from "./search";

/** A server that carries exactly `capacity` learners, recording the levels it was asked for. */
function server(capacity: number) {
  const asked: number[] = [];
  return {
    asked,
    probe: async (n: number) => {
      asked.push(n);
      return n <= capacity;
    },
  };
}

describe("toGrid and gridFor", () => {
  it("rounds to the grid within [grid, max]", () => {
    expect(toGrid(1_234, 500, 10_000)).toBe(1_000);
    expect(toGrid(1_250, 500, 10_000)).toBe(1_500);
    expect(toGrid(10, 500, 10_000)).toBe(500);
    expect(toGrid(99_999, 500, 10_000)).toBe(10_000);
    expect(toGrid(10_400, 1_000, 10_400)).toBe(10_000);
  });

  it("gives some 20–40 levels in round numbers", () => {
    expect(gridFor(30_000)).toBe(1_000);
    expect(gridFor(10_000)).toBe(500);
    expect(gridFor(600)).toBe(25);
    expect(gridFor(5)).toBe(1);
    for (const max of [100, 1_000, 7_777, 30_000, 200_000]) {
      const levels = max / gridFor(max);
      expect(levels).toBeGreaterThanOrEqual(20);
      expect(levels).toBeLessThanOrEqual(50);
    }
  });
});

describe("searchCapacity: find", () => {
  it("doubles up to the first failure, then bisects to one grid step", async () => {
    const s = server(13_400);
    const r = await searchCapacity({ mode: "find", grid: 1_000, first: 2_000, max: 30_000 }, s.probe);
    expect(r.maxLearners).toBe(13_000);
    expect(r.capped).toBe(false);
    expect(s.asked.slice(0, 4)).toEqual([2_000, 4_000, 8_000, 16_000]);
    // Between 8,000 (pass) and 16,000 (fail): 12,000, 14,000, 13,000.
    expect(s.asked.slice(4)).toEqual([12_000, 14_000, 13_000]);
    expect(r.steps.map((x) => x.pass)).toEqual([true, true, true, false, true, false, true]);
  });

  it("never asks for the same level twice and every answer is consistent with the steps", async () => {
    for (const capacity of [0, 499, 500, 501, 2_600, 9_999, 10_000, 12_345, 29_999, 30_000, 45_000]) {
      const s = server(capacity);
      const r = await searchCapacity({ mode: "find", grid: 500, first: 1_000, max: 30_000 }, s.probe);
      expect(new Set(s.asked).size).toBe(s.asked.length);
      const expected = Math.min(30_000, Math.floor(capacity / 500) * 500);
      expect(r.maxLearners).toBe(expected);
      expect(r.capped).toBe(capacity >= 30_000);
    }
  });

  it("stops at max when every step passes", async () => {
    const s = server(Infinity);
    const r = await searchCapacity({ mode: "find", grid: 1_000, first: 2_000, max: 30_000 }, s.probe);
    expect(s.asked).toEqual([2_000, 4_000, 8_000, 16_000, 30_000]);
    expect(r).toMatchObject({ maxLearners: 30_000, capped: true });
  });

  it("reports 0 when even the first step fails", async () => {
    const s = server(100);
    const r = await searchCapacity({ mode: "find", grid: 1_000, first: 2_000, max: 30_000 }, s.probe);
    expect(r.maxLearners).toBe(0);
    expect(s.asked).toEqual([2_000, 1_000]);
  });
});

describe("searchCapacity: verify", () => {
  it("steps up one grid step while passing", async () => {
    const s = server(15_500);
    const r = await searchCapacity({ mode: "verify", grid: 1_000, start: 13_000, max: 30_000 }, s.probe);
    expect(s.asked).toEqual([13_000, 14_000, 15_000, 16_000]);
    expect(r).toMatchObject({ maxLearners: 15_000, capped: false });
  });

  it("steps down one grid step while failing", async () => {
    const s = server(11_200);
    const r = await searchCapacity({ mode: "verify", grid: 1_000, start: 13_000, max: 30_000 }, s.probe);
    expect(s.asked).toEqual([13_000, 12_000, 11_000]);
    expect(r.maxLearners).toBe(11_000);
  });

  it("is capped at max and bottoms out at 0", async () => {
    expect(await searchCapacity({ mode: "verify", grid: 1_000, start: 29_000, max: 30_000 }, server(Infinity).probe)).toMatchObject({ maxLearners: 30_000, capped: true });
    expect(await searchCapacity({ mode: "verify", grid: 1_000, start: 3_000, max: 30_000 }, server(10).probe)).toMatchObject({ maxLearners: 0, capped: false });
  });

  it("stops after maxSteps probes with the best level seen so far", async () => {
    const s = server(13_400);
    const r = await searchCapacity({ mode: "find", grid: 1_000, first: 2_000, max: 30_000, maxSteps: 2 }, s.probe);
    expect(s.asked).toEqual([2_000, 4_000]);
    expect(r).toMatchObject({ maxLearners: 4_000, capped: false, truncated: true });
    const full = await searchCapacity({ mode: "find", grid: 1_000, first: 2_000, max: 30_000 }, server(13_400).probe);
    expect(full.truncated).toBe(false);
  });

  it("refuses a grid larger than max", async () => {
    await expect(searchCapacity({ mode: "find", grid: 1_000, first: 1_000, max: 500 }, server(1).probe)).rejects.toThrow(RangeError);
  });
});
