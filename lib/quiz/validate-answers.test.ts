import { describe, expect, it } from "vitest";
import { questionMap } from "./grade";
import { makeQuestion } from "./test-questions";
import type { DrawnQuestion } from "./types";
import { validateAnswers } from "./validate-answers";

const byId = questionMap([
  makeQuestion("single-q", "single", ["a"]),
  makeQuestion("multi-q", "multiple", ["a", "b"]),
  makeQuestion("tf-q", "true-false", ["true"]),
]);
const drawn: DrawnQuestion[] = [
  { questionId: "single-q", optionOrder: ["b", "a", "c", "d"] },
  { questionId: "multi-q", optionOrder: ["a", "c", "b", "d"] },
  { questionId: "tf-q", optionOrder: ["true", "false"] },
];
const complete = { "single-q": ["a"], "multi-q": ["b", "a"], "tf-q": ["false"] };

describe("validateAnswers", () => {
  it("accepts a complete submission and returns only the attempt's questions, options once", () => {
    expect(validateAnswers(drawn, byId, complete)).toEqual({ ok: true, answers: complete });
    expect(validateAnswers(drawn, byId, { ...complete, "multi-q": ["a", "a", "b"] })).toEqual({
      ok: true,
      answers: { ...complete, "multi-q": ["a", "b"] },
    });
  });

  it.each([
    ["null", null],
    ["a string", "a"],
    ["an array", [["a"]]],
    ["a number as answer", { "single-q": 1 }],
    ["a string instead of a list", { "single-q": "a" }],
    ["a number in the list", { "single-q": [1] }],
  ])("reports malformed input: %s", (_name, raw) => {
    const r = validateAnswers(drawn, byId, raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.every((e) => e.code === "malformed")).toBe(true);
  });

  it("names the question of a malformed entry, and refuses over-long strings and too many questions", () => {
    expect(validateAnswers(drawn, byId, { ...complete, "single-q": "a" })).toEqual({ ok: false, errors: [{ questionId: "single-q", code: "malformed" }] });
    expect(validateAnswers(drawn, byId, { ...complete, "single-q": ["x".repeat(65)] })).toEqual({
      ok: false,
      errors: [{ questionId: "single-q", code: "malformed" }],
    });
    const long = { ...complete, ["q".repeat(65)]: ["a"] };
    expect(validateAnswers(drawn, byId, long)).toMatchObject({ ok: false, errors: [{ code: "malformed" }] });
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`q${i}`, ["a"]]));
    expect(validateAnswers(drawn, byId, many)).toEqual({ ok: false, errors: [{ code: "malformed" }] });
  });

  it("reports questions that are not in the attempt", () => {
    expect(validateAnswers(drawn, byId, { ...complete, "other-q": ["a"] })).toEqual({
      ok: false,
      errors: [{ questionId: "other-q", code: "not-in-attempt" }],
    });
  });

  it("reports options the question does not have", () => {
    expect(validateAnswers(drawn, byId, { ...complete, "tf-q": ["maybe"] })).toEqual({
      ok: false,
      errors: [{ questionId: "tf-q", code: "unknown-option" }],
    });
  });

  it("reports more than one option for single and true-false questions", () => {
    expect(validateAnswers(drawn, byId, { ...complete, "single-q": ["a", "b"], "tf-q": ["true", "false"] })).toEqual({
      ok: false,
      errors: [
        { questionId: "single-q", code: "too-many" },
        { questionId: "tf-q", code: "too-many" },
      ],
    });
  });

  it("reports each unanswered question, empty lists included", () => {
    expect(validateAnswers(drawn, byId, { "multi-q": [] })).toEqual({
      ok: false,
      errors: [
        { questionId: "single-q", code: "missing" },
        { questionId: "multi-q", code: "missing" },
        { questionId: "tf-q", code: "missing" },
      ],
    });
  });

  it("is not fooled by prototype keys", () => {
    const raw = JSON.parse('{"__proto__": ["a"], "constructor": ["a"], "single-q": ["a"], "multi-q": ["a"], "tf-q": ["true"]}') as unknown;
    const r = validateAnswers(drawn, byId, raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toEqual([
        { questionId: "__proto__", code: "not-in-attempt" },
        { questionId: "constructor", code: "not-in-attempt" },
      ]);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
