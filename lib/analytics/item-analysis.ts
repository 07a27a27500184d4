/**
 * Item analysis of quiz questions, in the manner of Moodle's quiz statistics: for each
 * question, over the submitted attempts that drew it,
 * - **facility**: the share of responses exactly right;
 * - **discrimination**: the point-biserial correlation of the item (1 right, 0 wrong) with the
 *   REST of the attempt's score (the share of the other questions' credit), so an item is not
 *   correlated with itself; and the upper–lower index: the facility among the 27 % of
 *   responses with the highest rest score minus the facility among the 27 % with the lowest
 *   (ties ranked by attempt id, so the result is reproducible);
 * - each option's selection rate, overall and in the upper and lower groups (a distractor the
 *   strong learners pick points at an ambiguous question or a misconception taught well);
 * - flags, only for questions with at least `MIN_RESPONSES_FOR_FLAGS` responses.
 * Pure module.
 */
import { mean, pearson } from "./stats";

/** Fewer responses than this make facility and discrimination too noisy to flag. */
export const MIN_RESPONSES_FOR_FLAGS = 20;
/** Facility above this: the question does not tell learners apart (too easy). */
export const TOO_EASY_FACILITY = 0.9;
/** Facility below this: most get it wrong (too hard, or wrong key). */
export const TOO_HARD_FACILITY = 0.3;
/** Point-biserial below this: the question does not follow the rest of the test. */
export const LOW_DISCRIMINATION = 0.2;
/** Share of responses in each of the upper and lower groups (Kelley's 27 %). */
export const GROUP_SHARE = 0.27;

/** One graded question of one submitted attempt. */
export interface ItemGrade {
  questionId: string;
  /** Exactly the right options were chosen. */
  correct: boolean;
  /** Share of the point earned, 0 to 1. */
  credit: number;
  selected: readonly string[];
}

/** One submitted attempt, as graded. */
export interface GradedAttempt {
  attemptId: number;
  quizId: string;
  grades: readonly ItemGrade[];
}

export type ItemFlag = "too-easy" | "too-hard" | "low-discrimination" | "negative-discrimination";
export type OptionFlag = "never-chosen" | "strong-learners-pick";

export interface OptionStats {
  id: string;
  correct: boolean;
  /** Share of responses that chose it. */
  rate: number;
  /** Share of the upper group that chose it (null when there is no group). */
  upperRate: number | null;
  lowerRate: number | null;
  flags: OptionFlag[];
}

export interface ItemStats {
  quizId: string;
  questionId: string;
  responses: number;
  facility: number | null;
  pointBiserial: number | null;
  upperLower: number | null;
  options: OptionStats[];
  /** True when the question had enough responses to be flagged at all. */
  flaggable: boolean;
  flags: ItemFlag[];
}

/** What the analysis needs to know about a question: its quiz and its options. */
export interface ItemDefinition {
  quizId: string;
  questionId: string;
  options: readonly { id: string; correct: boolean }[];
}

interface Response {
  attemptId: number;
  correct: boolean;
  selected: readonly string[];
  rest: number | null;
}

/**
 * Statistics for every question of `items` (in that order) over `attempts`. Questions that
 * no attempt drew get zero responses and null statistics.
 */
export function itemAnalysis(items: readonly ItemDefinition[], attempts: readonly GradedAttempt[]): ItemStats[] {
  const byQuestion = new Map<string, Response[]>();
  for (const a of attempts) {
    const total = a.grades.reduce((s, g) => s + g.credit, 0);
    const others = a.grades.length - 1;
    for (const g of a.grades) {
      const key = `${a.quizId}\u0000${g.questionId}`;
      const list = byQuestion.get(key) ?? [];
      list.push({ attemptId: a.attemptId, correct: g.correct, selected: g.selected, rest: others > 0 ? (total - g.credit) / others : null });
      byQuestion.set(key, list);
    }
  }
  return items.map((item) => analyse(item, byQuestion.get(`${item.quizId}\u0000${item.questionId}`) ?? []));
}

function analyse(item: ItemDefinition, responses: Response[]): ItemStats {
  const n = responses.length;
  const facility = n === 0 ? null : responses.filter((r) => r.correct).length / n;
  const ranked = responses.filter((r): r is Response & { rest: number } => r.rest !== null);
  const pointBiserial = pearson(
    ranked.map((r) => (r.correct ? 1 : 0)),
    ranked.map((r) => r.rest),
  );
  const { upper, lower } = groups(ranked);
  const share = (group: readonly Response[], test: (r: Response) => boolean) => (group.length === 0 ? null : group.filter(test).length / group.length);
  const upperFacility = share(upper, (r) => r.correct);
  const lowerFacility = share(lower, (r) => r.correct);
  const upperLower = upperFacility === null || lowerFacility === null ? null : upperFacility - lowerFacility;
  const flaggable = n >= MIN_RESPONSES_FOR_FLAGS;

  const options = item.options.map((o): OptionStats => {
    const picked = (r: Response) => r.selected.includes(o.id);
    const rate = n === 0 ? 0 : responses.filter(picked).length / n;
    const upperRate = share(upper, picked);
    const lowerRate = share(lower, picked);
    const flags: OptionFlag[] = [];
    if (flaggable && !o.correct) {
      if (rate === 0) flags.push("never-chosen");
      if (upperRate !== null && lowerRate !== null && upperRate > 0 && upperRate >= lowerRate) flags.push("strong-learners-pick");
    }
    return { id: o.id, correct: o.correct, rate, upperRate, lowerRate, flags };
  });

  const flags: ItemFlag[] = [];
  if (flaggable && facility !== null) {
    if (facility > TOO_EASY_FACILITY) flags.push("too-easy");
    if (facility < TOO_HARD_FACILITY) flags.push("too-hard");
    if (pointBiserial !== null && pointBiserial < 0) flags.push("negative-discrimination");
    else if (pointBiserial !== null && pointBiserial < LOW_DISCRIMINATION) flags.push("low-discrimination");
  }
  return { quizId: item.quizId, questionId: item.questionId, responses: n, facility, pointBiserial, upperLower, options, flaggable, flags };
}

/** The upper and lower 27 % of responses by rest score (at least one each when n ≥ 2). */
function groups<R extends { attemptId: number; rest: number }>(responses: readonly R[]): { upper: R[]; lower: R[] } {
  if (responses.length < 2) return { upper: [], lower: [] };
  const sorted = [...responses].sort((a, b) => b.rest - a.rest || a.attemptId - b.attemptId);
  const k = Math.max(1, Math.min(Math.floor(responses.length / 2), Math.round(GROUP_SHARE * responses.length)));
  return { upper: sorted.slice(0, k), lower: sorted.slice(-k) };
}

/** Mean facility of a set of items, ignoring those without responses (null when none has any). */
export function meanFacility(stats: readonly ItemStats[]): number | null {
  const values = stats.flatMap((s) => (s.facility === null ? [] : [s.facility]));
  return values.length === 0 ? null : mean(values);
}
