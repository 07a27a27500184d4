import { describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/quiz/draw";
import { BEAT_SECONDS, LESSONS_PER_SITTING, nominalTimes, sitting, sittingSeconds, THINK, type Action, type CourseShape } from "./model";

const COURSE: CourseShape = {
  lessonMinutes: [12, 14, 16, 12, 15, 13, 18, 14, 17, 13, 14],
  checkQuestions: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3],
  hasFinalTest: true,
  hasPolicy: true,
};

const kinds = (a: readonly Action[]) => a.map((x) => x.kind);
const within = (v: number, [lo, hi]: readonly [number, number]) => v >= lo && v <= hi;

describe("sitting", () => {
  it("signs in, opens the course page, then reads 2–4 lessons from where the learner is", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const a = sitting(mulberry32(seed), COURSE, 2);
      expect(kinds(a).slice(0, 4)).toEqual(["signInPage", "csrf", "signIn", "course"]);
      const lessons = [...new Set(a.filter((x) => x.kind === "lesson").map((x) => x.lesson))];
      expect(lessons.length).toBeGreaterThanOrEqual(LESSONS_PER_SITTING[0]);
      expect(lessons.length).toBeLessThanOrEqual(LESSONS_PER_SITTING[1]);
      expect(lessons).toEqual(Array.from({ length: lessons.length }, (_, i) => 3 + i));
      expect(a.some((x) => x.quiz === "final")).toBe(false);
    }
  });

  it("reads each lesson in order: page, open, a beat every 30 s for 0.8–1.15× its minutes, complete, its check, the course page", () => {
    const a = sitting(mulberry32(7), COURSE, 0);
    const first = a.findIndex((x) => x.kind === "lesson");
    const lesson1 = a.slice(first, a.findIndex((x, i) => i > first && x.kind === "course") + 1);
    const beats = lesson1.filter((x) => x.kind === "heartbeat");
    expect(kinds(lesson1)).toEqual(["lesson", "open", ...beats.map(() => "heartbeat"), "complete", "quizPage", "quizStart", "quizSubmit", "reviewPage", "course"]);
    expect(beats.every((b) => b.delay === BEAT_SECONDS && b.after === "sent")).toBe(true);
    const reading = beats.length * BEAT_SECONDS;
    expect(reading).toBeGreaterThan(12 * 60 * THINK.readFactor[0] - BEAT_SECONDS);
    expect(reading).toBeLessThanOrEqual(12 * 60 * THINK.readFactor[1]);
    const complete = lesson1.find((x) => x.kind === "complete")!;
    expect(complete.after).toBe("sent");
    expect(within(complete.delay, THINK.completeAfterLastBeat)).toBe(true);
    const submit = lesson1.find((x) => x.kind === "quizSubmit")!;
    expect(within(submit.delay, [3 * THINK.checkAnswerPerQuestion[0], 3 * THINK.checkAnswerPerQuestion[1]])).toBe(true);
    // Every other action waits for the previous answer.
    expect(a.filter((x) => x.after === "sent").every((x) => x.kind === "heartbeat" || x.kind === "complete")).toBe(true);
  });

  it("ends the course with the policy, the final test and the certificate", () => {
    const a = sitting(mulberry32(3), COURSE, 9);
    expect(new Set(a.filter((x) => x.kind === "lesson").map((x) => x.lesson))).toEqual(new Set([10, 11]));
    expect(kinds(a).slice(-7)).toEqual(["policyPage", "quizPage", "quizStart", "quizSubmit", "reviewPage", "course", "certificate"]);
    const submit = a.find((x) => x.kind === "quizSubmit" && x.quiz === "final")!;
    expect(within(submit.delay, THINK.finalAnswer)).toBe(true);
  });

  it("a learner with every lesson done only sits the final test; a returning one may skip the sign-in", () => {
    const a = sitting(mulberry32(5), COURSE, 11, { signIn: false });
    expect(kinds(a)).toEqual(["course", "policyPage", "quizPage", "quizStart", "quizSubmit", "reviewPage", "course", "certificate"]);
    expect(a[0]!.delay).toBe(0);
  });

  it("leaves out checks a lesson does not have and refuses an impossible position", () => {
    const a = sitting(mulberry32(5), { ...COURSE, checkQuestions: COURSE.checkQuestions.map(() => 0) }, 0);
    expect(a.some((x) => x.quiz === "check")).toBe(false);
    expect(() => sitting(mulberry32(1), COURSE, 12)).toThrow(RangeError);
    expect(() => sitting(mulberry32(1), COURSE, -1)).toThrow(RangeError);
  });

  it("lasts, on average, about three lessons' reading plus the final test now and then", () => {
    const rng = mulberry32(11);
    let total = 0;
    const n = 2_000;
    for (let i = 0; i < n; i++) total += sittingSeconds(sitting(rng, COURSE, i % 12));
    const meanMinutes = total / n / 60;
    expect(meanMinutes).toBeGreaterThan(30);
    expect(meanMinutes).toBeLessThan(70);
  });
});

describe("nominalTimes", () => {
  it("adds the delays up", () => {
    const a: Action[] = [
      { kind: "course", delay: 0, after: "answer" },
      { kind: "lesson", delay: 5, after: "answer", lesson: 1 },
      { kind: "heartbeat", delay: 30, after: "sent", lesson: 1 },
    ];
    expect(nominalTimes(a)).toEqual([0, 5, 35]);
    expect(sittingSeconds(a)).toBe(35);
  });
});
