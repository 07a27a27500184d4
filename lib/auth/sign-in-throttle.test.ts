import { describe, expect, it } from "vitest";
import { ACCOUNT_ALERT_FAILURES, BASE_DELAY_MS, delayAfter, FREE_FAILURES, MAX_DELAY_MS, SOURCE_FREE_FAILURES, throttle } from "./sign-in-throttle";

const T0 = new Date("2026-03-01T09:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const none = { count: 0, latest: null };

describe("delayAfter", () => {
  it("is free for the first failures, then doubles up to the cap", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => delayAfter(n, 3))).toEqual([0, 0, 0, BASE_DELAY_MS, 2 * BASE_DELAY_MS, 4 * BASE_DELAY_MS]);
    expect(delayAfter(40, 3)).toBe(MAX_DELAY_MS);
  });
});

describe("throttle", () => {
  it("never delays a source without failures on the account, however attacked the account is", () => {
    expect(throttle({ accountFromSource: none, account: { count: 500, latest: T0 }, source: none }, T0)).toBeNull();
  });

  it("delays the failing source on the account from its latest failure, progressively", () => {
    const after = (count: number) => throttle({ accountFromSource: { count, latest: T0 }, account: { count, latest: T0 }, source: { count, latest: T0 } }, at(1000));
    expect(after(FREE_FAILURES)).toBeNull();
    expect(after(FREE_FAILURES + 1)).toEqual(at(BASE_DELAY_MS));
    expect(after(FREE_FAILURES + 2)).toEqual(at(2 * BASE_DELAY_MS));
  });

  it("gives each source one free failure once the account is under attack", () => {
    const input = { accountFromSource: { count: 2, latest: T0 }, account: { count: ACCOUNT_ALERT_FAILURES, latest: T0 }, source: { count: 2, latest: T0 } };
    expect(throttle(input, at(1000))).toEqual(at(BASE_DELAY_MS));
  });

  it("delays a source failing on many accounts, on every account", () => {
    const input = { accountFromSource: none, account: none, source: { count: SOURCE_FREE_FAILURES + 1, latest: T0 } };
    expect(throttle(input, at(1000))).toEqual(at(BASE_DELAY_MS));
    expect(throttle({ ...input, source: { count: SOURCE_FREE_FAILURES, latest: T0 } }, at(1000))).toBeNull();
  });
});
