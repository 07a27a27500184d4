import { describe, expect, it } from "vitest";
import { isoDuration, scorm12Timespan, scorm2004Timestamp } from "./durations";

describe("LMS time formats", () => {
  it("SCORM 1.2 CMITimespan", () => {
    expect(scorm12Timespan(0)).toBe("0000:00:00.00");
    expect(scorm12Timespan(3723.9)).toBe("0001:02:03.00");
    expect(scorm12Timespan(-5)).toBe("0000:00:00.00");
  });

  it("ISO 8601 durations for SCORM 2004 and xAPI", () => {
    expect(isoDuration(0)).toBe("PT0S");
    expect(isoDuration(59)).toBe("PT59S");
    expect(isoDuration(3600)).toBe("PT1H");
    expect(isoDuration(3723)).toBe("PT1H2M3S");
    expect(isoDuration(120)).toBe("PT2M");
  });

  it("SCORM 2004 timestamps carry the fraction before the zone, as its grammar requires", () => {
    expect(scorm2004Timestamp(new Date(Date.UTC(2026, 11, 4, 14, 5, 6, 789)))).toBe("2026-12-04T14:05:06.7Z");
  });
});
