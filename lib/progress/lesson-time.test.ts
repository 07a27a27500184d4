import { describe, expect, it } from "vitest";
import { lessonCompletionCheck, requiredLessonSeconds } from "./lesson-time";

describe("requiredLessonSeconds", () => {
  it("is the course's percentage of the lesson's duration, rounded up to the second", () => {
    expect(requiredLessonSeconds(13, 50)).toBe(390);
    expect(requiredLessonSeconds(7, 33)).toBe(139); // 138.6
    expect(requiredLessonSeconds(10, 100)).toBe(600);
  });
  it("is 0 when the course asks for no minimum, or the data makes no sense", () => {
    expect(requiredLessonSeconds(13, 0)).toBe(0);
    expect(requiredLessonSeconds(0, 50)).toBe(0);
    expect(requiredLessonSeconds(Number.NaN, 50)).toBe(0);
  });
});

describe("lessonCompletionCheck", () => {
  it("needs an opening in this session before anything else", () => {
    expect(lessonCompletionCheck({ openedInSession: false, lessonSeconds: 10_000, requiredSeconds: 0 })).toEqual({ ok: false, code: "not_opened" });
  });
  it("needs the required active time, and exactly that is enough", () => {
    expect(lessonCompletionCheck({ openedInSession: true, lessonSeconds: 389, requiredSeconds: 390 })).toEqual({ ok: false, code: "too_soon", lessonSeconds: 389, requiredSeconds: 390 });
    expect(lessonCompletionCheck({ openedInSession: true, lessonSeconds: 390, requiredSeconds: 390 })).toEqual({ ok: true });
    expect(lessonCompletionCheck({ openedInSession: true, lessonSeconds: 0, requiredSeconds: 0 })).toEqual({ ok: true });
  });
});
