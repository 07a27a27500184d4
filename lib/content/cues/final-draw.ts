/**
 * final-draw: a final bank must fill every draw (`finalTest.questions`, with the
 * `finalTest.perRisk` minimums) with questions that are really different. Questions whose
 * Italian scenario, mock post, prompt and right options share at least
 * `SAME_QUESTION_MIN_JACCARD` of their distinctive stems are one question reworded: they count
 * once. content:check already reports a bank with too few questions by id; this rule reports
 * the bank that has enough ids but not enough distinct questions. Pure module.
 */
import type { Question, RiskTag } from "@/lib/quiz/types";
import { RISK_TAGS } from "@/lib/quiz/settings";
import { SAME_QUESTION_MIN_JACCARD } from "./thresholds";
import { distinctiveStems, jaccard } from "./text";
import type { CueCheck, CueFinding } from "./types";

function identity(q: Question): Set<string> {
  const keys = q.type === "true-false" ? [] : q.options.filter((o) => o.correct).map((o) => o.text?.it ?? "");
  return distinctiveStems([q.scenario?.text.it, q.scenario?.post?.text.it, q.prompt.it, ...keys].join(" "), "it");
}

/** Groups of question indexes that are the same question reworded (union of similar pairs). */
export function sameQuestionGroups(questions: readonly Question[]): number[][] {
  const ids = questions.map(identity);
  const parent = questions.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (let b = 1; b < ids.length; b++) {
    for (let a = 0; a < b; a++) if (jaccard(ids[a]!, ids[b]!) >= SAME_QUESTION_MIN_JACCARD) parent[root(b)] = root(a);
  }
  const groups = new Map<number, number[]>();
  questions.forEach((_, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), i]));
  return [...groups.values()];
}

/**
 * The per-risk slots that can be filled with one question from each group at most (maximum
 * bipartite matching, Kuhn's algorithm: banks are small). Returns the unfilled slots per risk.
 */
function unfilledSlots(groups: readonly RiskTag[][], perRisk: Partial<Record<RiskTag, number>>): Map<RiskTag, number> {
  const slots = RISK_TAGS.flatMap((risk) => Array.from({ length: perRisk[risk] ?? 0 }, () => risk));
  const groupOfSlot = new Array<number>(slots.length).fill(-1);
  const slotOfGroup = new Array<number>(groups.length).fill(-1);
  const tryAssign = (slot: number, seen: Set<number>): boolean => {
    for (let g = 0; g < groups.length; g++) {
      if (!groups[g]!.includes(slots[slot]!) || seen.has(g)) continue;
      seen.add(g);
      if (slotOfGroup[g] === -1 || tryAssign(slotOfGroup[g]!, seen)) {
        slotOfGroup[g] = slot;
        groupOfSlot[slot] = g;
        return true;
      }
    }
    return false;
  };
  const missing = new Map<RiskTag, number>();
  slots.forEach((risk, slot) => {
    if (!tryAssign(slot, new Set())) missing.set(risk, (missing.get(risk) ?? 0) + 1);
  });
  return missing;
}

export const finalDraw: CueCheck = (course) => {
  const settings = course.finalTest;
  if (!settings) return [];
  const findings: CueFinding[] = [];
  for (const bank of course.quizzes.filter((q) => q.kind === "final-bank")) {
    const groups = sameQuestionGroups(bank.questions);
    const repeated = groups.filter((g) => g.length > 1);
    if (repeated.length === 0) continue;
    const missing = unfilledSlots(
      groups.map((g) => [...new Set(g.map((i) => bank.questions[i]!.risk))]),
      settings.perRisk ?? {},
    );
    const short = [...missing].map(([risk, n]) => `${n} more about ${risk}`);
    if (groups.length < settings.questions) short.push(`${settings.questions - groups.length} more in total (${groups.length} distinct, ${settings.questions} drawn)`);
    if (short.length === 0) continue;
    for (const g of repeated) {
      const [first, ...others] = g.map((i) => bank.questions[i]!.id);
      findings.push({
        rule: "final-draw",
        file: bank.file,
        path: ["questions", g[1]!, "id"],
        message: `"${others.join('", "')}" ${others.length === 1 ? "is" : "are"} "${first}" reworded, so a draw cannot be filled with distinct questions: the bank needs ${short.join(", ")}`,
        hint: "write a different scenario or point for one of them, or add distinct questions",
      });
    }
  }
  return findings;
};
