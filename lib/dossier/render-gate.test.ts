import { describe, expect, it } from "vitest";
import { renderOneAtATime } from "./render-gate";

describe("renderOneAtATime", () => {
  it("runs renders one after another, in order, and goes on after a failure", async () => {
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const job = (n: number, fail = false) => async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      order.push(n);
      if (fail) throw new Error(`render ${n} failed`);
      return n;
    };
    const results = await Promise.allSettled([renderOneAtATime(job(1)), renderOneAtATime(job(2, true)), renderOneAtATime(job(3))]);
    expect(most).toBe(1);
    expect(order).toEqual([1, 2, 3]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });
});
