import { describe, expect, it } from "vitest";
import { LatencyLog, median, percentile, spread, withSpread } from "./stats";

describe("median and spread", () => {
  it("takes the middle of three runs whatever their order", () => {
    expect(median([549, 390, 512])).toBe(512);
    expect(median([3, 1, 2])).toBe(2);
    expect(spread([549, 390, 512])).toEqual({ median: 512, min: 390, max: 549 });
  });

  it("averages the two middle values of an even count and refuses an empty list", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
    expect(() => spread([])).toThrow(RangeError);
  });

  it("does not reorder its input", () => {
    const runs = [3, 1, 2];
    median(runs);
    expect(runs).toEqual([3, 1, 2]);
  });
});

describe("withSpread", () => {
  it("names the median, the minimum and the maximum after the figure", () => {
    expect(withSpread("rps", [500.04, 549.96, 520.5], 1)).toEqual({ rps: 520.5, rpsMin: 500, rpsMax: 550 });
  });

  it("leaves out runs without the figure, and is null when none has it", () => {
    expect(withSpread("p99Ms", [120, null, 80, undefined])).toEqual({ p99Ms: 100, p99MsMin: 80, p99MsMax: 120 });
    expect(withSpread("p99Ms", [null, Number.NaN])).toEqual({ p99Ms: null, p99MsMin: null, p99MsMax: null });
  });
});

describe("percentile (nearest rank)", () => {
  const hundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);

  it("is the smallest value with at least p % at or below it", () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
    // Of 10 values, p99 is the largest: one slow answer in ten fails a 99th-percentile bound.
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 500], 99)).toBe(500);
  });

  it("is null for no values and refuses p outside 0..100", () => {
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile(hundred, 101)).toThrow(RangeError);
  });
});

describe("LatencyLog", () => {
  it("summarises what was added, in any order", () => {
    const log = new LatencyLog();
    for (const v of [30, 10, 20, 40, 1000]) log.add(v);
    expect(log.summary()).toEqual({ count: 5, p50: 30, p90: 1000, p99: 1000, max: 1000, mean: 220 });
  });

  it("is empty without values", () => {
    expect(new LatencyLog().summary()).toEqual({ count: 0, p50: null, p90: null, p99: null, max: null, mean: null });
  });
});
