import { describe, expect, it } from "vitest";
import { cellOf, firstAnswers, misconceptions, type GroupedAttempt, type QuestionInfo } from "./misconceptions";

const Q: Map<string, QuestionInfo> = new Map([
  ["p1", { risk: "privacy", options: [{ id: "a", correct: true, text: "Giusta" }, { id: "b", correct: false, text: "Solo amici è privato" }, { id: "c", correct: false, text: "Le chat sono private" }] }],
  ["r1", { risk: "reputation", options: [{ id: "true", correct: false, text: "Vero" }, { id: "false", correct: true, text: "Falso" }] }],
]);

const answer = (questionId: string, selected: string) => ({ questionId, selected: [selected], correct: Q.get(questionId)!.options.find((o) => o.id === selected)!.correct });

/**
 * Worked example. Vendite: 6 people (users 1–6); their FIRST answers to p1: a, b, b, b, c, a →
 * 4 wrong of 6 = 67 %; wrong options: b ×3, c ×1. User 1 later answers p1 wrong again: not a
 * first answer, not counted. Logistica: 3 people → too small, no figure. Reputation: only
 * Vendite users 1–5 answered r1, 1 wrong of 5 = 20 %.
 */
const ATTEMPTS: GroupedAttempt[] = [
  ...["a", "b", "b", "b", "c", "a"].map((s, i) => ({ userId: i + 1, group: "Vendite", grades: [answer("p1", s), ...(i < 5 ? [answer("r1", i === 0 ? "true" : "false")] : [])] })),
  { userId: 1, group: "Vendite", grades: [answer("p1", "b")] },
  ...[7, 8, 9].map((userId) => ({ userId, group: "Logistica", grades: [answer("p1", "b")] })),
];

describe("misconceptions (worked example)", () => {
  const report = misconceptions(ATTEMPTS, Q);

  it("counts each person's first answer only", () => {
    expect(firstAnswers(ATTEMPTS).filter((a) => a.userId === 1 && a.questionId === "p1")).toHaveLength(1);
  });

  it("gives the share of wrong first answers and the three most chosen wrong options with their text", () => {
    expect(cellOf(report, "privacy", "Vendite")).toEqual({
      risk: "privacy",
      group: "Vendite",
      tooSmall: false,
      people: 6,
      answers: 6,
      wrong: 4,
      wrongShare: 4 / 6,
      topWrong: [
        { questionId: "p1", optionId: "b", text: "Solo amici è privato", count: 3 },
        { questionId: "p1", optionId: "c", text: "Le chat sono private", count: 1 },
      ],
    });
    expect(cellOf(report, "reputation", "Vendite")).toMatchObject({ people: 5, wrongShare: 0.2 });
  });

  it("gives no figure at all for a group of fewer than 5 people", () => {
    expect(cellOf(report, "privacy", "Logistica")).toEqual({ risk: "privacy", group: "Logistica", tooSmall: true, people: 3 });
  });

  it("orders groups by size and lists risks with answers; the overall row counts everybody", () => {
    expect(report.groups).toEqual(["Vendite", "Logistica"]);
    expect(report.risks).toEqual(["reputation", "privacy"]);
    expect(report.overall.find((c) => c.risk === "privacy")).toMatchObject({ people: 9, answers: 9, wrong: 7 });
  });
});
