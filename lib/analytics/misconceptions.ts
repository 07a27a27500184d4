/**
 * What people still get wrong, per risk and per group (department): the share of wrong FIRST
 * answers (each person's first submitted answer to each question; later attempts are
 * practice, not belief) and the three wrong options chosen most often, with their text.
 *
 * Art. 4 of the Statuto dei lavoratori: these are aggregates, never a tool to watch a person.
 * A cell with fewer than `MIN_GROUP_SIZE` people carries no figure at all ("gruppo troppo
 * piccolo"), and nothing here is per person. Pure module.
 */
import type { RiskTag } from "@/lib/quiz/types";
import { RISK_TAGS } from "@/lib/quiz/settings";

/** Fewer people than this in a group: no figure, so nobody can be singled out. */
export const MIN_GROUP_SIZE = 5;

/** One submitted attempt with its learner's group, in submission order. */
export interface GroupedAttempt {
  userId: number;
  /** The learner's department; null when none is recorded. */
  group: string | null;
  grades: readonly { questionId: string; correct: boolean; selected: readonly string[] }[];
}

/** What the analysis needs to know about a question. */
export interface QuestionInfo {
  risk: RiskTag;
  options: readonly { id: string; correct: boolean; text: string }[];
}

export interface WrongOption {
  questionId: string;
  optionId: string;
  text: string;
  /** How many wrong first answers chose it. */
  count: number;
}

export type MisconceptionCell =
  | { risk: RiskTag; group: string | null; tooSmall: true; people: number }
  | { risk: RiskTag; group: string | null; tooSmall: false; people: number; answers: number; wrong: number; wrongShare: number; topWrong: WrongOption[] };

export interface MisconceptionReport {
  /** Groups in a stable order (most people first, then by name; no department last). */
  groups: (string | null)[];
  /** Risks that have at least one first answer. */
  risks: RiskTag[];
  /** Every risk × group with first answers; look up with `cellOf`. */
  cells: MisconceptionCell[];
  /** Per risk, all groups together (people in small groups count here). */
  overall: MisconceptionCell[];
}

interface FirstAnswer {
  userId: number;
  group: string | null;
  questionId: string;
  correct: boolean;
  selected: readonly string[];
}

/** Each person's first answer to each question (attempts must be in submission order). */
export function firstAnswers(attempts: readonly GroupedAttempt[]): FirstAnswer[] {
  const seen = new Set<string>();
  const out: FirstAnswer[] = [];
  for (const a of attempts) {
    for (const g of a.grades) {
      const key = `${a.userId}\u0000${g.questionId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ userId: a.userId, group: a.group, questionId: g.questionId, correct: g.correct, selected: g.selected });
    }
  }
  return out;
}

export function misconceptions(attempts: readonly GroupedAttempt[], questions: ReadonlyMap<string, QuestionInfo>): MisconceptionReport {
  const answers = firstAnswers(attempts).filter((a) => questions.has(a.questionId));
  const peopleOfGroup = new Map<string | null, Set<number>>();
  for (const a of answers) peopleOfGroup.set(a.group, (peopleOfGroup.get(a.group) ?? new Set()).add(a.userId));
  const groups = [...peopleOfGroup.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : peopleOfGroup.get(b)!.size - peopleOfGroup.get(a)!.size || a.localeCompare(b)));
  const risks = RISK_TAGS.filter((r) => answers.some((a) => questions.get(a.questionId)!.risk === r));
  const cells: MisconceptionCell[] = [];
  const overall: MisconceptionCell[] = [];
  for (const risk of risks) {
    const ofRisk = answers.filter((a) => questions.get(a.questionId)!.risk === risk);
    for (const group of groups) {
      const inCell = ofRisk.filter((a) => a.group === group);
      if (inCell.length > 0) cells.push(cell(risk, group, inCell, questions));
    }
    overall.push(cell(risk, null, ofRisk, questions));
  }
  return { groups, risks, cells, overall };
}

function cell(risk: RiskTag, group: string | null, answers: readonly FirstAnswer[], questions: ReadonlyMap<string, QuestionInfo>): MisconceptionCell {
  const people = new Set(answers.map((a) => a.userId)).size;
  if (people < MIN_GROUP_SIZE) return { risk, group, tooSmall: true, people };
  const wrong = answers.filter((a) => !a.correct);
  const counts = new Map<string, WrongOption>();
  for (const a of wrong) {
    const q = questions.get(a.questionId)!;
    for (const id of a.selected) {
      const option = q.options.find((o) => o.id === id);
      if (!option || option.correct) continue;
      const key = `${a.questionId}\u0000${id}`;
      const entry = counts.get(key) ?? { questionId: a.questionId, optionId: id, text: option.text, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
  }
  const topWrong = [...counts.values()].sort((a, b) => b.count - a.count || a.questionId.localeCompare(b.questionId) || a.optionId.localeCompare(b.optionId)).slice(0, 3);
  return { risk, group, tooSmall: false, people, answers: answers.length, wrong: wrong.length, wrongShare: wrong.length / answers.length, topWrong };
}

/** The cell of `risk` × `group`, or undefined when that group gave no answer about the risk. */
export function cellOf(report: MisconceptionReport, risk: RiskTag, group: string | null): MisconceptionCell | undefined {
  return report.cells.find((c) => c.risk === risk && c.group === group);
}
