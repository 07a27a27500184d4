import { describe, expect, it } from "vitest";
import { lessonStates, progressPercent, resumeSlug } from "./sequence";

const order = ["a", "b", "c", "d"];

describe("lessonStates", () => {
  it("with a forced sequence opens only the next lesson after the completed ones", () => {
    const s = lessonStates(order, new Set(["a"]), true);
    expect([...s.values()]).toEqual(["completed", "available", "locked", "locked"]);
  });
  it("a gap keeps later lessons locked even if one of them was completed earlier", () => {
    const s = lessonStates(order, new Set(["a", "c"]), true);
    expect([...s.values()]).toEqual(["completed", "available", "completed", "locked"]);
  });
  it("without a forced sequence everything is available", () => {
    const s = lessonStates(order, new Set(), false);
    expect([...s.values()]).toEqual(["available", "available", "available", "available"]);
  });
});

describe("resume and percent", () => {
  it("resumes at the first unfinished lesson, or the first when all are done", () => {
    expect(resumeSlug(order, new Set(["a", "b"]))).toBe("c");
    expect(resumeSlug(order, new Set(order))).toBe("a");
    expect(resumeSlug([], new Set())).toBeNull();
  });
  it("rounds the percentage down", () => {
    expect(progressPercent(["a", "b", "c"], new Set(["a", "b"]))).toBe(66);
    expect(progressPercent(order, new Set(order))).toBe(100);
    expect(progressPercent([], new Set())).toBe(0);
  });
});
