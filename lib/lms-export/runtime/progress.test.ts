import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { gradeAttempt, questionMap } from "@/lib/quiz/grade";
import { mulberry32 } from "@/lib/quiz/random";
import type { Question, RiskTag } from "@/lib/quiz/types";
import { questionKey } from "../answer-key";
import { emptyState } from "../learner-state";
import type { PackageData, PackageQuiz } from "../package-data";
import { closeExpired, courseCompletion, drawFinal, finalAvailability, gradePackaged, lessonUnlocked } from "./progress";

const RISKS: RiskTag[] = ["confidential-info", "privacy", "reputation"];
let r = 0;
const randomHex = () => (r++).toString(16).padStart(16, "f");

/** A bank of 12 questions, 4 per risk, alternating single, multiple and true-false. */
const bank: Question[] = Array.from({ length: 12 }, (_, i) => {
  const type = (["single", "multiple", "true-false"] as const)[i % 3]!;
  const options =
    type === "true-false"
      ? [{ id: "true", correct: i % 2 === 0 }, { id: "false", correct: i % 2 !== 0 }]
      : ["a", "b", "c", "d"].map((id, k) => ({ id, text: { it: id }, correct: type === "single" ? k === i % 4 : k % 2 === 0 }));
  return { id: `q-${i}`, type, risk: RISKS[i % 3]!, lesson: "l1", prompt: { it: `D${i}` }, explanation: { it: "E" }, options };
});

function packaged(salt: string): PackageQuiz {
  return {
    id: "final",
    title: "Final",
    questions: bank.map((q) => ({
      id: q.id,
      type: q.type,
      risk: q.risk,
      lesson: q.lesson,
      prompt: q.prompt.it,
      explanation: "E",
      options: q.options.map((o) => ({ id: o.id, text: o.id })),
      key: questionKey(salt, q.id, q.options.filter((o) => o.correct).map((o) => o.id), q.options.length, randomHex),
    })),
  };
}

function data(overrides: Partial<PackageData> = {}): PackageData {
  return {
    format: "scorm12",
    locale: "it",
    salt: "s",
    course: { slug: "c", title: "C", version: "1", plannedMinutes: 10, iri: "urn:x" },
    rules: { forcedSequence: true, attendanceThreshold: 70, passMark: 80, requirePolicyAck: true },
    lessons: [{ slug: "l1", title: "L1" }, { slug: "l2", title: "L2" }],
    checks: {},
    final: { quiz: packaged("s"), settings: { questions: 6, perRisk: { privacy: 3, reputation: 2 }, maxAttempts: 2, waitMinutes: 10, timeLimitMinutes: 30, partialCredit: true, reviewKeys: "when-finished" } },
    policy: { version: "1.0", title: "Policy" },
    activity: { heartbeatMs: 30_000, idleMs: 120_000 },
    messages: {},
    ...overrides,
  };
}

describe("the course's rules inside a package", () => {
  it("draws the final test with the course's size and per-risk minimums", () => {
    const d = data();
    for (let seed = 1; seed < 30; seed++) {
      const a = drawFinal(d, mulberry32(seed), 0);
      expect(a.draw).toHaveLength(6);
      const risks = a.draw.map((x) => bank.find((q) => q.id === x.q)!.risk);
      expect(risks.filter((x) => x === "privacy").length).toBeGreaterThanOrEqual(3);
      expect(risks.filter((x) => x === "reputation").length).toBeGreaterThanOrEqual(2);
      expect(new Set(a.draw.map((x) => x.q)).size).toBe(6);
    }
  });

  it("grades exactly as the site does, from the salted key", () => {
    const d = data();
    const drawn = bank.map((q) => ({ q: q.id, o: q.options.map((o) => o.id) }));
    fc.assert(
      fc.property(fc.array(fc.subarray(["a", "b", "c", "d", "true", "false"]), { minLength: 12, maxLength: 12 }), fc.boolean(), (picks, partialCredit) => {
        const answers = Object.fromEntries(bank.map((q, i) => [q.id, picks[i]!]));
        const ours = gradePackaged(d, d.final!.quiz, drawn, answers, partialCredit).result;
        const site = gradeAttempt(drawn.map((x) => ({ questionId: x.q, optionOrder: x.o })), questionMap(bank), answers, { partialCredit, passMark: 80 });
        expect(ours.scorePercent).toBe(site.scorePercent);
        expect(ours.passed).toBe(site.passed);
        expect(ours.perQuestion.map((g) => g.correctOptions)).toEqual(site.perQuestion.map((g) => g.correctOptions));
      }),
      { numRuns: 200 },
    );
  });

  it("opens lessons in order, and the final test after the last lesson, until passed, with attempts and waits", () => {
    const d = data();
    const s = emptyState();
    expect(lessonUnlocked(d, s, 1)).toBe(false);
    s.completed.push("l1");
    expect(lessonUnlocked(d, s, 1)).toBe(true);
    expect(finalAvailability(d, s, 1000).kind).toBe("locked");
    s.completed.push("l2");
    expect(finalAvailability(d, s, 1000)).toEqual({ kind: "available", used: 0, max: 2 });
    s.attempts.push({ score: 50, passed: false, at: 1000 });
    expect(finalAvailability(d, s, 1000 + 599)).toEqual({ kind: "wait", until: 1600 });
    expect(finalAvailability(d, s, 1600).kind).toBe("available");
    s.open = { startedAt: 2000, draw: [] };
    expect(finalAvailability(d, s, 2001).kind).toBe("open");
    expect(closeExpired(d, s, 2000 + 30 * 60)).toBe(false);
    expect(closeExpired(d, s, 2000 + 30 * 60 + 1)).toBe(true);
    expect(s.attempts.at(-1)).toEqual({ score: 0, passed: false, at: 3800 });
    expect(finalAvailability(d, s, 9999)).toEqual({ kind: "limit", max: 2 });
    s.attempts[1] = { score: 90, passed: true, at: 3800 };
    expect(finalAvailability(d, s, 9999)).toEqual({ kind: "passed", score: 90 });
  });

  it("completes the course with Binomio's rule: lessons, active time, final test, policy", () => {
    const d = data();
    const s = emptyState();
    s.completed = ["l1", "l2"];
    s.attempts = [{ score: 90, passed: true, at: 1 }];
    s.activeSeconds = 419;
    expect(courseCompletion(d, s).missing).toEqual(["attendance", "policy"]);
    s.activeSeconds = 420;
    s.policyVersion = "0.9";
    expect(courseCompletion(d, s).missing).toEqual(["policy"]);
    s.policyVersion = "1.0";
    expect(courseCompletion(d, s).complete).toBe(true);
  });
});
