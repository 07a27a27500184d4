import { describe, expect, it } from "vitest";
import { elideDay, startsWithVowelSound } from "./elision";

describe("Italian elision before numbers", () => {
  it("elides before uno, otto, undici, ottanta…, ottocento…", () => {
    for (const n of [1, 8, 11, 80, 83, 89, 800, 850, 8000, 11_000, 80_000, 1_000_000, 8_000_000, 80.5]) expect(startsWithVowelSound(n)).toBe(true);
  });
  it("keeps the full article before the other numbers", () => {
    for (const n of [0, 2, 3, 7, 9, 10, 12, 18, 21, 70, 79, 90, 100, 180, 1000, 1800, 2000, 12_000, 2_000_000]) expect(startsWithVowelSound(n)).toBe(false);
  });
  it("reads the day of the month in Rome", () => {
    expect(elideDay(new Date("2026-12-11T10:00:00Z"))).toBe("yes");
    expect(elideDay(new Date("2026-12-01T10:00:00Z"))).toBe("yes");
    expect(elideDay(new Date("2026-12-03T10:00:00Z"))).toBe("no");
    // 23:30 UTC on 7 December is already 8 December in Rome.
    expect(elideDay(new Date("2026-12-07T23:30:00Z"))).toBe("yes");
  });
});
