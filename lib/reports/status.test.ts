import { describe, expect, it } from "vitest";
import { participantStatus, type StatusInput } from "./status";

const base: StatusInput = { completed: false, active: true, finalAttemptsUsed: 0, finalAttemptsOpen: 0, finalTestPassed: false, maxAttempts: 3 };

describe("participant status", () => {
  it("formato once the completion record exists, even if later deactivated", () => {
    expect(participantStatus({ ...base, completed: true })).toBe("formato");
    expect(participantStatus({ ...base, completed: true, active: false })).toBe("formato");
  });
  it("non formato when deactivated without completing", () => {
    expect(participantStatus({ ...base, active: false })).toBe("non-formato");
  });
  it("non formato when every attempt was used without a pass and none is open", () => {
    expect(participantStatus({ ...base, finalAttemptsUsed: 3 })).toBe("non-formato");
    expect(participantStatus({ ...base, finalAttemptsUsed: 4 })).toBe("non-formato");
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
});
