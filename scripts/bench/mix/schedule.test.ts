import { describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/quiz/draw";
import { nominalTimes, sitting, sittingSeconds, type Action, type CourseShape } from "./model";
import { poissonArrivals, warmStart, warmStartAt } from "./schedule";

const COURSE: CourseShape = { lessonMinutes: [10, 10, 10], checkQuestions: [2, 2, 2], hasFinalTest: true, hasPolicy: false };

/** A small fixed sitting: sign-in, course page, one lesson with three beats, its check, the course page. */
const A: Action[] = [
  { kind: "signInPage", delay: 0, after: "answer" }, // 0
  { kind: "csrf", delay: 1, after: "answer" }, // 1
  { kind: "signIn", delay: 5, after: "answer" }, // 6
  { kind: "course", delay: 1, after: "answer" }, // 7
  { kind: "lesson", delay: 10, after: "answer", lesson: 1 }, // 17
  { kind: "open", delay: 1, after: "answer", lesson: 1 }, // 18
  { kind: "heartbeat", delay: 30, after: "sent", lesson: 1 }, // 48
  { kind: "heartbeat", delay: 30, after: "sent", lesson: 1 }, // 78
  { kind: "heartbeat", delay: 30, after: "sent", lesson: 1 }, // 108
  { kind: "complete", delay: 10, after: "sent", lesson: 1 }, // 118
  { kind: "quizPage", delay: 1, after: "answer", lesson: 1, quiz: "check" }, // 119
  { kind: "quizStart", delay: 5, after: "answer", lesson: 1, quiz: "check" }, // 124
  { kind: "quizSubmit", delay: 40, after: "answer", lesson: 1, quiz: "check" }, // 164
  { kind: "reviewPage", delay: 1, after: "answer", lesson: 1, quiz: "check" }, // 165
  { kind: "course", delay: 20, after: "answer" }, // 185
];

describe("poissonArrivals", () => {
  it("arrives at the given rate, within the interval, in order", () => {
    const t = poissonArrivals(mulberry32(1), 50, 10, 410);
    expect(t.length).toBeGreaterThan(50 * 400 * 0.95);
    expect(t.length).toBeLessThan(50 * 400 * 1.05);
    expect(t.every((x, i) => x >= 10 && x < 410 && (i === 0 || x >= t[i - 1]!))).toBe(true);
  });

  it("has exponential gaps (coefficient of variation ≈ 1), unlike lock-step arrivals", () => {
    const t = poissonArrivals(mulberry32(2), 10, 0, 2_000);
    const gaps = t.slice(1).map((x, i) => x - t[i]!);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, b) => a + (b - mean) ** 2, 0) / gaps.length);
    expect(mean).toBeCloseTo(0.1, 2);
    expect(sd / mean).toBeGreaterThan(0.95);
    expect(sd / mean).toBeLessThan(1.05);
  });

  it("has none at rate 0 and refuses a negative rate", () => {
    expect(poissonArrivals(mulberry32(1), 0, 0, 100)).toEqual([]);
    expect(() => poissonArrivals(mulberry32(1), -1, 0, 1)).toThrow(RangeError);
  });
});

describe("warmStartAt", () => {
  it("mid-reading: the lesson was opened and credited the beats so far, the next beat keeps its rhythm", () => {
    const w = warmStartAt(A, 90, 5);
    expect(w.start).toBe(8); // the third beat, at 108
    expect(w.firstDelay).toBeCloseTo(18);
    expect(w.prefix).toEqual({ signedIn: true, completed: [], reading: { lesson: 1, openedAgo: 72, beats: 2, lastCreditAgo: 12 } });
  });

  it("just opened: no beat yet, the clock started at the opening", () => {
    const w = warmStartAt(A, 20, 5);
    expect(w.start).toBe(6);
    expect(w.prefix.reading).toEqual({ lesson: 1, openedAgo: 2, beats: 0, lastCreditAgo: 2 });
  });

  it("after completing: the lesson is completed with its three beats, nothing is being read", () => {
    const w = warmStartAt(A, 118.5, 5);
    expect(w.start).toBe(10);
    expect(w.prefix.reading).toBeNull();
    expect(w.prefix.completed).toEqual([{ lesson: 1, openedAgo: 100.5, completedAgo: 0.5, beats: 3 }]);
  });

  it("inside a quiz: starts the attempt again at once and answers for the rest of the time", () => {
    const w = warmStartAt(A, 150, 5);
    expect(w.start).toBe(11); // quizStart
    expect(w.firstDelay).toBe(5);
    expect(w.delays.get(12)).toBe(9); // 164 − 150 − 5
    expect(w.prefix.completed).toHaveLength(1);
  });

  it("skips a review whose submission it never saw", () => {
    const w = warmStartAt(A, 164.5, 5);
    expect(w.start).toBe(14);
    expect(w.firstDelay).toBeCloseTo(20.5);
  });

  it("within the sign-in: signs in from the start, with no session yet", () => {
    const w = warmStartAt(A, 3, 5);
    expect(w.start).toBe(0);
    expect(w.prefix.signedIn).toBe(false);
    expect(w.prefix.completed).toEqual([]);
    const after = warmStartAt(A, 6.5, 5);
    expect(after.start).toBe(3);
    expect(after.prefix.signedIn).toBe(true);
  });
});

describe("warmStart", () => {
  it("finds learners in long sittings more often (length-biased) and never past the end", () => {
    const rng = mulberry32(9);
    const short = A.slice(0, 5);
    let shortHits = 0;
    let longHits = 0;
    for (let i = 0; i < 4_000; i++) {
      const useShort = i % 2 === 0;
      const w = warmStart(rng, useShort ? short : A, 200);
      if (!w) continue;
      if (useShort) shortHits++;
      else longHits++;
      expect(w.start).toBeLessThan((useShort ? short : A).length);
    }
    // The short sitting lasts 17 s, the long one 185 s.
    expect(longHits / shortHits).toBeGreaterThan(6);
  });

  it("on real sittings, the seeded prefix always matches the actions left to run", () => {
    const rng = mulberry32(4);
    for (let i = 0; i < 2_000; i++) {
      const actions = sitting(rng, COURSE, i % 4);
      const w = warmStart(rng, actions, 6 * 3_600);
      if (!w) continue;
      const rest = actions.slice(w.start);
      const firstBeat = rest.findIndex((a) => a.kind === "heartbeat");
      const firstOpen = rest.findIndex((a) => a.kind === "open");
      // A heartbeat before any opening in what is left: the opening must be in the prefix.
      if (firstBeat >= 0 && (firstOpen < 0 || firstBeat < firstOpen)) expect(w.prefix.reading?.lesson).toBe(rest[firstBeat]!.lesson);
      // A submission left to run always has its start left to run too.
      const submit = rest.findIndex((a) => a.kind === "quizSubmit");
      if (submit >= 0) expect(rest.slice(0, submit).some((a) => a.kind === "quizStart")).toBe(true);
      expect(w.firstDelay).toBeGreaterThanOrEqual(0);
      expect(w.firstDelay).toBeLessThanOrEqual(sittingSeconds(actions));
      expect(nominalTimes(actions).length).toBe(actions.length);
    }
  });
});
