import { describe, expect, it } from "vitest";
import { creditHeartbeat, DEFAULT_TIME_CREDIT_OPTIONS, type TimeCreditOptions, type TimeCreditState } from "./time-credit";

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);
const S = 1_000;

/** A learner's heartbeats as the server sees them: the fake clock is the list of arrival times. */
class Learner {
  state: TimeCreditState = { lastCreditedAt: null };
  total = 0;
  credits: number[] = [];
  constructor(private readonly opts: Partial<TimeCreditOptions> = {}) {}
  beat(nowMs: number): number {
    const r = creditHeartbeat(this.state, nowMs, this.opts);
    this.state = r.nextState;
    this.total += r.creditSeconds;
    this.credits.push(r.creditSeconds);
    return r.creditSeconds;
  }
}

/** Small seeded PRNG (mulberry32) for reproducible random schedules. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe("creditHeartbeat", () => {
  it("the first heartbeat credits nothing and starts the clock", () => {
    expect(creditHeartbeat({ lastCreditedAt: null }, T0)).toEqual({ creditSeconds: 0, nextState: { lastCreditedAt: T0 } });
  });

  it("steady 30 s heartbeats credit 30 s each", () => {
    const l = new Learner();
    for (let i = 0; i <= 20; i++) l.beat(T0 + i * 30 * S);
    expect(l.credits).toEqual([0, ...Array<number>(20).fill(30)]);
    expect(l.total).toBe(600);
  });

  it("a heartbeat after 31 s credits 31, after 40 s the cap of 35, after exactly 35 s 35", () => {
    expect(creditHeartbeat({ lastCreditedAt: T0 }, T0 + 31 * S)).toEqual({ creditSeconds: 31, nextState: { lastCreditedAt: T0 + 31 * S } });
    expect(creditHeartbeat({ lastCreditedAt: T0 }, T0 + 40 * S)).toEqual({ creditSeconds: 35, nextState: { lastCreditedAt: T0 + 40 * S } });
    expect(creditHeartbeat({ lastCreditedAt: T0 }, T0 + 35 * S).creditSeconds).toBe(35);
    expect(creditHeartbeat({ lastCreditedAt: T0 }, T0 + 35 * S + 1).creditSeconds).toBe(35);
  });

  it("after 10 minutes credits 0 and restarts the clock", () => {
    const r = creditHeartbeat({ lastCreditedAt: T0 }, T0 + 10 * 60 * S);
    expect(r).toEqual({ creditSeconds: 0, nextState: { lastCreditedAt: T0 + 10 * 60 * S } });
  });

  it("the idle limit is 2 min + tolerance: up to it the cap is credited, beyond it nothing", () => {
    expect(DEFAULT_TIME_CREDIT_OPTIONS.idleLimitMs).toBe(125 * S);
    expect(creditHeartbeat({ lastCreditedAt: T0 }, T0 + 125 * S).creditSeconds).toBe(35);
    expect(creditHeartbeat({ lastCreditedAt: T0 }, T0 + 125 * S + 1).creditSeconds).toBe(0);
  });

  it("an idle gap credits nothing, then crediting resumes from the next heartbeat", () => {
    const l = new Learner();
    l.beat(T0);
    l.beat(T0 + 30 * S);
    l.beat(T0 + 60 * S);
    l.beat(T0 + 60 * S + 5 * 60 * S); // came back after 5 minutes
    l.beat(T0 + 60 * S + 5 * 60 * S + 30 * S);
    expect(l.credits).toEqual([0, 30, 30, 0, 30]);
  });

  it("a hidden tab sends nothing, so nothing is credited for the hidden time", () => {
    const l = new Learner();
    for (let i = 0; i <= 4; i++) l.beat(T0 + i * 30 * S); // 2 minutes visible
    const hiddenUntil = T0 + 4 * 30 * S + 20 * 60 * S; // 20 minutes in another tab
    for (let i = 0; i <= 2; i++) l.beat(hiddenUntil + i * 30 * S);
    expect(l.total).toBe(120 + 60);
  });

  it("a flood of 100 heartbeats in one second credits at most 1 s", () => {
    const l = new Learner();
    l.beat(T0);
    for (let i = 1; i <= 100; i++) l.beat(T0 + i * 10);
    expect(l.total).toBeLessThanOrEqual(1);
    expect(l.total).toBe(1); // the 100th arrives exactly 1 s after the clock started
  });

  it("a flood of 100 heartbeats in one second after a normal beat adds at most 1 s to it", () => {
    const l = new Learner();
    l.beat(T0);
    l.beat(T0 + 30 * S);
    const before = l.total;
    for (let i = 1; i <= 100; i++) l.beat(T0 + 30 * S + i * 10);
    expect(l.total - before).toBeLessThanOrEqual(1);
  });

  it("a flood lasting 30 s (10 heartbeats a second) credits at most 30 s", () => {
    const l = new Learner();
    for (let i = 0; i <= 300; i++) l.beat(T0 + i * 100);
    expect(l.total).toBe(30);
    expect(l.credits.filter((c) => c > 0).every((c) => c === 1)).toBe(true);
  });

  it("a replay (the same server time twice) credits once", () => {
    const l = new Learner();
    l.beat(T0);
    expect(l.beat(T0 + 30 * S)).toBe(30);
    const state = l.state;
    expect(l.beat(T0 + 30 * S)).toBe(0);
    expect(l.state).toBe(state);
    expect(l.beat(T0 + 60 * S)).toBe(30);
  });

  it("a clock going backwards credits nothing and does not move the clock", () => {
    const l = new Learner();
    l.beat(T0);
    l.beat(T0 + 30 * S);
    expect(l.beat(T0 + 20 * S)).toBe(0);
    expect(l.state).toEqual({ lastCreditedAt: T0 + 30 * S });
    // Later heartbeats are measured from the last credited time, not the backward one.
    expect(l.beat(T0 + 60 * S)).toBe(30);
  });

  it("a server clock corrected backwards by more than the idle limit restarts instead of freezing", () => {
    const r = creditHeartbeat({ lastCreditedAt: T0 }, T0 - 60 * 60 * S);
    expect(r).toEqual({ creditSeconds: 0, nextState: { lastCreditedAt: T0 - 60 * 60 * S } });
    expect(creditHeartbeat(r.nextState, T0 - 60 * 60 * S + 30 * S).creditSeconds).toBe(30);
  });

  it("carries sub-second remainders instead of losing them", () => {
    const l = new Learner();
    for (let i = 0; i <= 10; i++) l.beat(T0 + i * 30_600);
    expect(l.total).toBe(306); // floor(10 × 30.6)
    expect(l.credits.slice(1)).toEqual([30, 31, 30, 31, 31, 30, 31, 30, 31, 31]);
  });

  it("beats under one second apart do not move the clock", () => {
    const r = creditHeartbeat({ lastCreditedAt: T0 }, T0 + 999);
    expect(r.creditSeconds).toBe(0);
    expect(r.nextState).toEqual({ lastCreditedAt: T0 });
  });

  it("honours custom options and derives the idle limit from them", () => {
    const opts = { intervalMs: 10 * S, toleranceMs: 2 * S };
    expect(creditHeartbeat({ lastCreditedAt: T0 }, T0 + 20 * S, opts).creditSeconds).toBe(12);
    expect(creditHeartbeat({ lastCreditedAt: T0 }, T0 + 42 * S, opts).creditSeconds).toBe(12);
    expect(creditHeartbeat({ lastCreditedAt: T0 }, T0 + 42 * S + 1, opts).creditSeconds).toBe(0);
  });

  it("refuses a non-finite clock or inconsistent options", () => {
    expect(() => creditHeartbeat({ lastCreditedAt: T0 }, Number.NaN)).toThrow(RangeError);
    expect(() => creditHeartbeat({ lastCreditedAt: Number.POSITIVE_INFINITY }, T0)).toThrow(RangeError);
    expect(() => creditHeartbeat({ lastCreditedAt: T0 }, T0, { intervalMs: 0 })).toThrow(RangeError);
    expect(() => creditHeartbeat({ lastCreditedAt: T0 }, T0, { idleLimitMs: 10 * S })).toThrow(RangeError);
  });

  it("never credits more than the time between the first and the last heartbeat, nor more than the cap per heartbeat (random schedules)", () => {
    const random = prng(20260301);
    for (let run = 0; run < 300; run++) {
      const l = new Learner();
      let now = T0;
      const times: number[] = [];
      for (let i = 0; i < 200; i++) {
        const kind = random();
        // Mostly normal beats with jitter, some floods, some backward steps, some long gaps.
        const step =
          kind < 0.6 ? 25 * S + random() * 15 * S : kind < 0.85 ? random() * 500 : kind < 0.92 ? -random() * 10 * S : kind < 0.97 ? 40 * S + random() * 90 * S : 5 * 60 * S;
        now = Math.round(now + step);
        times.push(now);
        const c = l.beat(now);
        expect(Number.isInteger(c) && c >= 0 && c <= 35, `credit ${c}`).toBe(true);
      }
      expect(l.total * S).toBeLessThanOrEqual(Math.max(...times) - Math.min(...times));
    }
  });

  it("over any window of a forward-running clock, credits at most the window's length (+ the carried sub-second)", () => {
    const random = prng(42);
    for (let run = 0; run < 200; run++) {
      const l = new Learner();
      let now = T0;
      const times: number[] = [];
      for (let i = 0; i < 150; i++) {
        const kind = random();
        const step = kind < 0.5 ? 25 * S + random() * 15 * S : kind < 0.9 ? random() * 300 : 40 * S + random() * 200 * S;
        now = Math.round(now + step);
        times.push(now);
        l.beat(now);
      }
      const prefix = [0];
      for (const c of l.credits) prefix.push(prefix.at(-1)! + c);
      let worstExcess = -Infinity; // max over windows (a, b] of credited − window length
      for (let a = 0; a < times.length; a++) {
        for (let b = a + 1; b < times.length; b++) {
          worstExcess = Math.max(worstExcess, (prefix[b + 1]! - prefix[a + 1]!) * S - (times[b]! - times[a]!));
        }
      }
      expect(worstExcess).toBeLessThan(S);
    }
  });
});
