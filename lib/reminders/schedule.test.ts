import { describe, expect, it } from "vitest";
import { romeToday } from "@/lib/dates";
import { addDays, reminderKindFor } from "./schedule";

describe("reminderKindFor()", () => {
  it("is due-soon from N days before up to the due date, overdue from the day after", () => {
    expect(reminderKindFor("2027-03-10", "2027-03-02", 7)).toBeNull();
    expect(reminderKindFor("2027-03-10", "2027-03-03", 7)).toBe("due-soon");
    expect(reminderKindFor("2027-03-10", "2027-03-10", 7)).toBe("due-soon");
    expect(reminderKindFor("2027-03-10", "2027-03-11", 7)).toBe("overdue");
    expect(reminderKindFor("2027-03-10", "2027-03-10", 0)).toBe("due-soon");
    expect(reminderKindFor("2027-03-10", "2027-03-09", 0)).toBeNull();
  });

  it("counts calendar days across month ends and DST changes", () => {
    expect(reminderKindFor("2027-04-02", "2027-03-26", 7)).toBe("due-soon");
    expect(reminderKindFor("2027-04-02", "2027-03-25", 7)).toBeNull();
    expect(addDays("2027-12-28", 7)).toBe("2028-01-04");
  });

  it("ignores malformed dates", () => {
    expect(reminderKindFor("2027-02-30", "2027-02-25", 7)).toBeNull();
    expect(reminderKindFor("soon", "2027-02-25", 7)).toBeNull();
  });
});

describe("romeToday()", () => {
  it("uses Rome's calendar, not UTC's", () => {
    expect(romeToday(new Date("2027-03-09T23:30:00Z"))).toBe("2027-03-10");
    expect(romeToday(new Date("2027-07-09T21:59:00Z"))).toBe("2027-07-09");
    expect(romeToday(new Date("2027-07-09T22:00:00Z"))).toBe("2027-07-10");
  });
});
