import { describe, expect, it } from "vitest";
import { aggregateRuns } from "./aggregate";

describe("aggregateRuns", () => {
  it("makes every number the median of the runs, with its minimum and maximum", () => {
    const runs = [
      { rps: 549, p99: 111, ratioToStatic: 0.2, path: "/x", errors: 0 },
      { rps: 390, p99: 140, ratioToStatic: 0.15, path: "/x", errors: 0 },
      { rps: 512, p99: 90, ratioToStatic: 0.18, path: "/x", errors: 2 },
    ];
    expect(aggregateRuns(runs)).toEqual({
      rps: 512, rpsMin: 390, rpsMax: 549,
      p99: 111, p99Min: 90, p99Max: 140,
      ratioToStatic: 0.18, ratioToStaticMin: 0.15, ratioToStaticMax: 0.2,
      path: "/x",
      errors: 0, errorsMin: 0, errorsMax: 2,
    });
  });

  it("folds nested objects key by key and keeps the first run's text, lists and labels", () => {
    const runs = [
      { register: { csv: { seconds: 0.3, available: true } }, notes: ["a"], statusCodes: { "200": 10 }, profileOffsetMs: 5 },
      { register: { csv: { seconds: 0.5, available: true } }, notes: ["b"], statusCodes: { "200": 12 }, profileOffsetMs: 9 },
      { register: { csv: { seconds: 0.4, available: true } }, notes: ["c"], statusCodes: { "200": 11 }, profileOffsetMs: 7 },
    ];
    expect(aggregateRuns(runs)).toEqual({
      register: { csv: { seconds: 0.4, secondsMin: 0.3, secondsMax: 0.5, available: true } },
      notes: ["a"],
      statusCodes: { "200": 10 },
      profileOffsetMs: 5,
    });
  });

  it("leaves out runs without the figure, and a null figure is not a number", () => {
    expect(aggregateRuns([{ ratio: 0.5 }, { ratio: null }, {}])).toEqual({ ratio: 0.5, ratioMin: 0.5, ratioMax: 0.5 });
    expect(aggregateRuns([{ ratio: null }, { ratio: null }])).toEqual({ ratio: null });
  });

  it("adds no spread to a single run", () => {
    expect(aggregateRuns([{ rps: 100, nested: { p99: 3 } }])).toEqual({ rps: 100, nested: { p99: 3 } });
  });
});
