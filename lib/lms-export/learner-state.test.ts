import { describe, expect, it } from "vitest";
import { decodeState, emptyState, encodeState, type LearnerState } from "./learner-state";

describe("learner state in suspend_data", () => {
  it("round-trips", () => {
    const s: LearnerState = {
      completed: ["a", "b"],
      activeSeconds: 4321,
      policyVersion: "1.0",
      attempts: [{ score: 66.6, passed: false, at: 1_800_000_000 }],
      open: { startedAt: 1_800_000_100, draw: [{ q: "q-1", o: ["b", "a"] }] },
      sent: { completed: true, passed: false },
    };
    expect(decodeState(encodeState(s))).toEqual(s);
  });

  it("fits SCORM 2004 3rd edition's 4,000 characters with the largest course the content allows", () => {
    const s = emptyState();
    s.completed = Array.from({ length: 30 }, (_, i) => `lesson-with-a-rather-long-slug-${i}`);
    s.activeSeconds = 999_999;
    s.policyVersion = "2026.11";
    s.attempts = Array.from({ length: 19 }, (_, i) => ({ score: 79.9, passed: false, at: 1_800_000_000 + i }));
    s.open = { startedAt: 1_800_000_000, draw: Array.from({ length: 15 }, (_, i) => ({ q: `final-question-number-${i}`, o: ["a", "b", "c", "d"] })) };
    expect(encodeState(s).length).toBeLessThan(4000);
  });

  it("starts afresh from anything it did not write", () => {
    for (const raw of [null, "", "not json", "[]", '{"v":2}', "null", '{"v":1,"c":"x","t":-5,"a":[["x"]],"o":[1,"y"]}']) {
      const s = decodeState(raw);
      expect(s.completed).toEqual([]);
      expect(s.activeSeconds).toBe(0);
      expect(s.attempts).toEqual([]);
    }
  });
});
