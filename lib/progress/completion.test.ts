import { describe, expect, it } from "vitest";
import { evaluateCompletion, type CompletionInput, secondsStillNeeded } from "./completion";

const LESSONS = [
  { slug: "intro", contentHash: "h-intro-2" },
  { slug: "posts", contentHash: "h-posts-1" },
  { slug: "chats", contentHash: "h-chats-1" },
];
const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 9, minute));
const done = (lessonSlug: string, minute: number, completedContentHash = LESSONS.find((l) => l.slug === lessonSlug)!.contentHash) => ({
  lessonSlug,
  completedAt: at(minute),
  completedContentHash,
});

/** A learner who met every requirement: 60 planned minutes, 45 active, test passed. */
const base = (over: Partial<CompletionInput> = {}): CompletionInput => ({
  lessons: LESSONS,
  progress: [done("intro", 10), done("posts", 20), done("chats", 30)],
  activeSeconds: 45 * 60,
  plannedMinutes: 60,
  attendanceThreshold: 70,
  requireFinalTest: true,
  finalTestPassed: true,
  forcedSequence: true,
  ...over,
});

describe("evaluateCompletion", () => {
  it("is complete when every requirement is met", () => {
    expect(evaluateCompletion(base())).toEqual({
      complete: true,
      attendancePercent: 75,
      missing: [],
      lessonsMissing: [],
      lessonsOutOfOrder: [],
      lessonsOnOlderVersion: [],
    });
  });

  it("lists the lessons not completed, in course order, ignoring unpublished ones", () => {
    const r = evaluateCompletion(
      base({ progress: [done("posts", 20), { lessonSlug: "intro", completedAt: null, completedContentHash: null }, { lessonSlug: "retired", completedAt: at(5), completedContentHash: "x" }] }),
    );
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual(["lessons"]);
    expect(r.lessonsMissing).toEqual(["intro", "chats"]);
  });

  it("exactly 70 % attendance is enough", () => {
    const r = evaluateCompletion(base({ activeSeconds: 42 * 60 })); // 2,520 s of 3,600
    expect(r).toMatchObject({ complete: true, attendancePercent: 70, missing: [] });
  });

  it("69.99 % is not, and is shown as 69.9 rather than a misleading 70.0", () => {
    // 10,000 planned minutes = 600,000 s; 69.99 % = 419,940 s.
    const r = evaluateCompletion(base({ plannedMinutes: 10_000, activeSeconds: 419_940 }));
    expect(r).toMatchObject({ complete: false, attendancePercent: 69.9, missing: ["attendance"] });
    expect(evaluateCompletion(base({ activeSeconds: 42 * 60 - 1 }))).toMatchObject({ complete: false, attendancePercent: 69.9, missing: ["attendance"] });
    expect(evaluateCompletion(base({ plannedMinutes: 10_000, activeSeconds: 420_000 })).complete).toBe(true);
  });

  it("rounds the percentage down to one decimal and does not cap it", () => {
    expect(evaluateCompletion(base({ plannedMinutes: 90, activeSeconds: 3_333 })).attendancePercent).toBe(61.7); // 61.722…
    expect(evaluateCompletion(base({ plannedMinutes: 60, activeSeconds: 5_400 })).attendancePercent).toBe(150);
    expect(evaluateCompletion(base({ activeSeconds: 0 })).attendancePercent).toBe(0);
  });

  it("guards zero planned minutes: no division, attendance unmet unless not required", () => {
    const r = evaluateCompletion(base({ plannedMinutes: 0, activeSeconds: 3_600 }));
    expect(r).toMatchObject({ complete: false, attendancePercent: 0, missing: ["attendance"] });
    expect(Number.isFinite(r.attendancePercent)).toBe(true);
    expect(evaluateCompletion(base({ plannedMinutes: -5 })).missing).toEqual(["attendance"]);
    expect(evaluateCompletion(base({ plannedMinutes: Number.NaN })).attendancePercent).toBe(0);
    expect(evaluateCompletion(base({ plannedMinutes: 0, attendanceThreshold: 0 }))).toMatchObject({ complete: true, attendancePercent: 0 });
  });

  it("treats a NaN threshold or negative/NaN active time as misconfiguration, never as attended", () => {
    expect(evaluateCompletion(base({ attendanceThreshold: Number.NaN })).missing).toEqual(["attendance"]);
    expect(evaluateCompletion(base({ activeSeconds: -100 }))).toMatchObject({ attendancePercent: 0, missing: ["attendance"] });
    expect(evaluateCompletion(base({ activeSeconds: Number.NaN }))).toMatchObject({ attendancePercent: 0, missing: ["attendance"] });
  });

  it("a failed then passed final test completes (the caller passes finalTestPassed = true)", () => {
    expect(evaluateCompletion(base({ finalTestPassed: false }))).toMatchObject({ complete: false, missing: ["final-test"] });
    expect(evaluateCompletion(base({ finalTestPassed: true })).complete).toBe(true);
    expect(evaluateCompletion(base({ requireFinalTest: false, finalTestPassed: false })).complete).toBe(true);
  });

  it("a lesson completed under an older content hash still counts, and is reported", () => {
    const r = evaluateCompletion(base({ progress: [done("intro", 10, "h-intro-1"), done("posts", 20), done("chats", 30)] }));
    expect(r).toMatchObject({ complete: true, missing: [], lessonsMissing: [], lessonsOnOlderVersion: ["intro"] });
  });

  it("with a forced sequence, completions out of course order leave lessons missing", () => {
    const r = evaluateCompletion(base({ progress: [done("intro", 10), done("posts", 30), done("chats", 20)] }));
    expect(r).toMatchObject({ complete: false, missing: ["lessons"], lessonsMissing: [], lessonsOutOfOrder: ["chats"] });
    // The first lesson completed last: every later one is out of order.
    expect(evaluateCompletion(base({ progress: [done("intro", 40), done("posts", 20), done("chats", 30)] })).lessonsOutOfOrder).toEqual(["posts", "chats"]);
  });

  it("equal completion times are in order; without a forced sequence order does not matter", () => {
    expect(evaluateCompletion(base({ progress: [done("intro", 10), done("posts", 10), done("chats", 10)] })).complete).toBe(true);
    const r = evaluateCompletion(base({ forcedSequence: false, progress: [done("intro", 30), done("posts", 20), done("chats", 10)] }));
    expect(r).toMatchObject({ complete: true, lessonsOutOfOrder: [] });
  });

  it("uses the first completion when a lesson has several rows", () => {
    const r = evaluateCompletion(base({ progress: [done("intro", 10), done("posts", 40), done("posts", 15), done("chats", 30)] }));
    expect(r).toMatchObject({ complete: true, lessonsOutOfOrder: [] });
  });

  it("requires the policy acknowledgement only when asked to", () => {
    expect(evaluateCompletion(base({ requirePolicyAck: true }))).toMatchObject({ complete: false, missing: ["policy"] });
    expect(evaluateCompletion(base({ requirePolicyAck: true, policyAcknowledged: false })).missing).toEqual(["policy"]);
    expect(evaluateCompletion(base({ requirePolicyAck: true, policyAcknowledged: true })).complete).toBe(true);
    expect(evaluateCompletion(base({ requirePolicyAck: false, policyAcknowledged: false })).complete).toBe(true);
  });

  it("lists every unmet requirement in a fixed order", () => {
    const r = evaluateCompletion(base({ progress: [], activeSeconds: 60, finalTestPassed: false, requirePolicyAck: true }));
    expect(r.missing).toEqual(["lessons", "attendance", "final-test", "policy"]);
    expect(r.lessonsMissing).toEqual(["intro", "posts", "chats"]);
  });

  it("a course without published lessons cannot be complete", () => {
    expect(evaluateCompletion(base({ lessons: [], progress: [] }))).toMatchObject({ complete: false, missing: ["lessons"], lessonsMissing: [] });
  });

  it("ignores invalid completion dates", () => {
    const r = evaluateCompletion(base({ progress: [done("intro", 10), done("posts", 20), { lessonSlug: "chats", completedAt: new Date(Number.NaN), completedContentHash: "h-chats-1" }] }));
    expect(r.lessonsMissing).toEqual(["chats"]);
  });
});

describe("time still needed for attendance", () => {
  it("is what separates the credited seconds from the threshold, and never negative", () => {
    // 70 % of 10 minutes is 420 s.
    expect(secondsStillNeeded({ activeSeconds: 0, plannedMinutes: 10, attendanceThreshold: 70 })).toBe(420);
    expect(secondsStillNeeded({ activeSeconds: 419, plannedMinutes: 10, attendanceThreshold: 70 })).toBe(1);
    expect(secondsStillNeeded({ activeSeconds: 420, plannedMinutes: 10, attendanceThreshold: 70 })).toBe(0);
    expect(secondsStillNeeded({ activeSeconds: 9999, plannedMinutes: 10, attendanceThreshold: 70 })).toBe(0);
    // 70 % of 109 minutes is 4,578 s exactly; 71 % of 7 minutes is 298.2 s, so 299 s are needed.
    expect(secondsStillNeeded({ activeSeconds: 0, plannedMinutes: 109, attendanceThreshold: 70 })).toBe(4578);
    expect(secondsStillNeeded({ activeSeconds: 0, plannedMinutes: 7, attendanceThreshold: 71 })).toBe(299);
  });
  it("agrees with evaluateCompletion on the boundary", () => {
    for (const [planned, threshold] of [[7, 71], [109, 70], [13, 33]] as const) {
      const needed = secondsStillNeeded({ activeSeconds: 0, plannedMinutes: planned, attendanceThreshold: threshold });
      const at = (activeSeconds: number) =>
        evaluateCompletion({ lessons: [], progress: [], activeSeconds, plannedMinutes: planned, attendanceThreshold: threshold, requireFinalTest: false, finalTestPassed: false, forcedSequence: false, requirePolicyAck: false, policyAcknowledged: false }).missing.includes("attendance");
      expect(at(needed)).toBe(false);
      expect(at(needed - 1)).toBe(true);
    }
  });
});
