import { describe, expect, it } from "vitest";
import { WindowLimiter } from "./rate-limit";

describe("WindowLimiter", () => {
  it("allows max hits per window and frees the key as the window slides", () => {
    const l = new WindowLimiter(3, 1000);
    expect([l.hit("a", 0), l.hit("a", 10), l.hit("a", 20), l.hit("a", 30)]).toEqual([true, true, true, false]);
    expect(l.hit("b", 30)).toBe(true);
    expect(l.hit("a", 1001)).toBe(true);
  });

  it("forgets the least recently used keys beyond its bound", () => {
    const l = new WindowLimiter(1, 1000, 2);
    l.hit("a", 0);
    l.hit("b", 0);
    l.hit("c", 0);
    expect(l.hit("a", 1)).toBe(true);
    expect(l.hit("c", 1)).toBe(false);
  });
});
