import { describe, expect, it } from "vitest";
import { evidenceHold, evidenceKeptThrough } from "./funded-evidence";

describe("funded evidence hold", () => {
  it("keeps through the same day ten years after the plan ends; 29 February moves to 1 March", () => {
    expect(evidenceKeptThrough("2026-06-30")).toBe("2036-06-30");
    expect(evidenceKeptThrough("2028-02-29")).toBe("2038-03-01");
    expect(() => evidenceKeptThrough("30/06/2026")).toThrow(RangeError);
  });

  it("holds open and funded plans, not unfunded ones, until the last day in Rome", () => {
    const now = new Date("2036-06-30T21:59:59Z"); // 23:59:59 in Rome
    expect(evidenceHold({ id: 1, fund: "fondimpresa", endsOn: "2026-06-30" }, now)).toEqual({ keptThrough: "2036-06-30" });
    expect(evidenceHold({ id: 1, fund: "fondimpresa", endsOn: "2026-06-30" }, new Date("2036-06-30T22:00:00Z"))).toBeNull();
    expect(evidenceHold({ id: 2, fund: "altro", endsOn: null }, now)).toEqual({ keptThrough: null });
    expect(evidenceHold({ id: 3, fund: "fondimpresa", endsOn: "giugno" }, now)).toEqual({ keptThrough: null });
    expect(evidenceHold({ id: 4, fund: "non-finanziato", endsOn: null }, now)).toBeNull();
  });
});
