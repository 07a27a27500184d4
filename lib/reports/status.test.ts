import { describe, expect, it } from "vitest";
import { isOverdue, participantStatus, PARTICIPANT_STATUSES, type StatusInput } from "./status";

const base: StatusInput = { completed: false, active: true, started: true, finalAttemptsUsed: 0, finalAttemptsOpen: 0, finalTestPassed: false, maxAttempts: 3 };

describe("participant status", () => {
  it("formato once the completion record exists, even if later deactivated", () => {
    expect(participantStatus({ ...base, completed: true })).toBe("formato");
    expect(participantStatus({ ...base, completed: true, active: false })).toBe("formato");
  });
  it("non formato when deactivated without completing, started or not", () => {
    expect(participantStatus({ ...base, active: false })).toBe("non-formato");
    expect(participantStatus({ ...base, active: false, started: false })).toBe("non-formato");
  });
  it("non formato when every attempt was used without a pass and none is open", () => {
    expect(participantStatus({ ...base, finalAttemptsUsed: 3 })).toBe("non-formato");
    expect(participantStatus({ ...base, finalAttemptsUsed: 4 })).toBe("non-formato");
  });
  it("non iniziato while nothing is recorded", () => {
    expect(participantStatus({ ...base, started: false })).toBe("non-iniziato");
  });
  it("in corso while an attempt is left or still open, or after a pass while attendance is short", () => {
    expect(participantStatus(base)).toBe("in-corso");
    expect(participantStatus({ ...base, finalAttemptsUsed: 2 })).toBe("in-corso");
    expect(participantStatus({ ...base, finalAttemptsUsed: 3, finalAttemptsOpen: 1 })).toBe("in-corso");
    expect(participantStatus({ ...base, finalAttemptsUsed: 3, finalTestPassed: true })).toBe("in-corso");
  });
  it("a course without a final test never exhausts attempts", () => {
    expect(participantStatus({ ...base, maxAttempts: null, finalAttemptsUsed: 10 })).toBe("in-corso");
  });
  it("every combination lands in exactly one of the four states", () => {
    const seen = new Set<string>();
    for (const completed of [false, true])
      for (const active of [false, true])
        for (const started of [false, true])
          for (const used of [0, 3])
            for (const passed of [false, true]) seen.add(participantStatus({ completed, active, started, finalAttemptsUsed: used, finalAttemptsOpen: 0, finalTestPassed: passed, maxAttempts: 3 }));
    expect([...seen].sort()).toEqual([...PARTICIPANT_STATUSES].sort());
  });
});

describe("overdue flag", () => {
  it("applies to open states with a past due date only", () => {
    expect(isOverdue("in-corso", "2026-12-01", "2026-12-04")).toBe(true);
    expect(isOverdue("non-iniziato", "2026-12-03", "2026-12-04")).toBe(true);
    expect(isOverdue("in-corso", "2026-12-04", "2026-12-04")).toBe(false);
    expect(isOverdue("formato", "2026-12-01", "2026-12-04")).toBe(false);
    expect(isOverdue("non-formato", "2026-12-01", "2026-12-04")).toBe(false);
    expect(isOverdue("in-corso", null, "2026-12-04")).toBe(false);
  });
});
