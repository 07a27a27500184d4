import { describe, expect, it } from "vitest";
import {
  attendancePercent,
  dayFractionMinutes,
  decimalHours,
  formatDecimal,
  formatHoursMinutes,
  formatHoursMinutesSeconds,
  formatPercentIt,
  formatRomeDate,
  formatRomeDateTime,
  formatRomeLongDateIt,
  romeAsUtc,
  romeDayEnd,
  romeDayStart,
  romeWallClock,
} from "./format";

describe("romeWallClock", () => {
  const intl = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Rome", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
  const expected = (d: Date) => {
    const o: Record<string, number> = {};
    for (const p of intl.formatToParts(d)) if (p.type !== "literal") o[p.type] = Number(p.value);
    return { year: o.year, month: o.month, day: o.day, hour: o.hour, minute: o.minute, second: o.second };
  };

  it("agrees with Intl on every second around the 2026 clock changes and on random instants 1900–2100", () => {
    for (const change of [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)]) {
      for (let ms = change - 2 * 3_600_000; ms <= change + 2 * 3_600_000; ms += 997) expect(romeWallClock(new Date(ms))).toEqual(expected(new Date(ms)));
    }
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 5_000; i++) {
      const d = new Date(Date.UTC(1900, 0, 1) + Math.floor(random() * 200 * 365.25 * 86_400_000));
      expect(romeWallClock(d)).toEqual(expected(d));
    }
  });

  it("refuses an invalid date", () => {
    expect(() => romeWallClock(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("Europe/Rome times", () => {
  it("formats to the second in Rome's zone, winter (UTC+1) and summer (UTC+2)", () => {
    expect(formatRomeDateTime(new Date("2026-01-15T08:05:09Z"))).toBe("15/01/2026 09:05:09");
    expect(formatRomeDateTime(new Date("2026-07-15T08:05:09Z"))).toBe("15/07/2026 10:05:09");
    expect(formatRomeDateTime(new Date("2026-12-31T23:30:00Z"))).toBe("01/01/2027 00:30:00");
    expect(formatRomeDate(new Date("2026-03-02T23:30:00Z"))).toBe("03/03/2026");
    expect(formatRomeLongDateIt(new Date("2026-05-04T10:00:00Z"))).toBe("4 maggio 2026");
  });

  it("keeps 24-hour times across the DST changes", () => {
    // 29 March 2026: 02:00 → 03:00. 25 October 2026: 03:00 → 02:00.
    expect(formatRomeDateTime(new Date("2026-03-29T00:59:59Z"))).toBe("29/03/2026 01:59:59");
    expect(formatRomeDateTime(new Date("2026-03-29T01:00:00Z"))).toBe("29/03/2026 03:00:00");
    expect(formatRomeDateTime(new Date("2026-10-25T00:30:00Z"))).toBe("25/10/2026 02:30:00");
    expect(formatRomeDateTime(new Date("2026-10-25T01:30:00Z"))).toBe("25/10/2026 02:30:00");
    expect(formatRomeDateTime(new Date("2026-06-01T22:00:00Z"))).toBe("02/06/2026 00:00:00");
  });

  it("gives spreadsheet dates Rome's wall clock in their UTC fields", () => {
    expect(romeAsUtc(new Date("2026-07-15T08:05:09Z")).toISOString()).toBe("2026-07-15T10:05:09.000Z");
  });

  it("turns Rome days into instants (inclusive start, exclusive end), DST-aware", () => {
    expect(romeDayStart("2026-01-15").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(romeDayStart("2026-07-15").toISOString()).toBe("2026-07-14T22:00:00.000Z");
    expect(romeDayEnd("2026-03-29").toISOString()).toBe("2026-03-29T22:00:00.000Z"); // a 23-hour day
    expect(romeDayEnd("2026-10-25").toISOString()).toBe("2026-10-25T23:00:00.000Z"); // a 25-hour day
    expect(romeDayEnd("2026-12-31").toISOString()).toBe("2026-12-31T23:00:00.000Z");
    expect(() => romeDayStart("15/01/2026")).toThrow(RangeError);
  });
});

describe("durations and percentages (rounded down: never overstate attendance)", () => {
  it("h:mm, h:mm:ss and decimal hours", () => {
    expect(formatHoursMinutes(3725)).toBe("1:02");
    expect(formatHoursMinutes(59)).toBe("0:00");
    expect(formatHoursMinutes(36_000 + 3599)).toBe("10:59");
    expect(formatHoursMinutesSeconds(3725)).toBe("1:02:05");
    expect(decimalHours(3725)).toBe(1.03);
    expect(decimalHours(35)).toBe(0);
    expect(decimalHours(660)).toBe(0.18);
    expect(decimalHours(5400)).toBe(1.5);
    for (const bad of [-5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatHoursMinutes(bad)).toBe("0:00");
      expect(decimalHours(bad)).toBe(0);
    }
    expect(dayFractionMinutes(90 * 60 + 59)).toBe(90 / 1440);
  });

  it("attendance % like the completion record: one decimal, rounded down, guarded", () => {
    expect(attendancePercent(630, 15)).toBe(70);
    expect(attendancePercent(629, 15)).toBe(69.8);
    expect(attendancePercent(660, 15)).toBe(73.3);
    expect(attendancePercent(100, 0)).toBe(0);
    expect(attendancePercent(5400, 60)).toBe(150);
  });

  it("decimal comma or point, Italian percent", () => {
    expect(formatDecimal(1.25, ",")).toBe("1,25");
    expect(formatDecimal(1.25, ".")).toBe("1.25");
    expect(formatDecimal(3, ",")).toBe("3");
    expect(formatPercentIt(73.33)).toBe("73,3 %");
    expect(formatPercentIt(100)).toBe("100 %");
  });
});
