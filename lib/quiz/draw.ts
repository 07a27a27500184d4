/**
 * Drawing questions for an attempt: which questions, in which order, with which option order.
 * The result is stored with the attempt and grading uses exactly that record.
 */
import { perRiskTotal, RISK_TAGS, TRUE_FALSE_IDS } from "./constants";
import { newOptionKeys } from "./option-keys";
import { cryptoRandom, shuffle, type Rng } from "./random";
import type { FinalTestSettings } from "./settings";
import type { DrawnQuestion, Question, Quiz } from "./types";

export { cryptoRandom, mulberry32, shuffle, type Rng } from "./random";
export type { DrawnQuestion } from "./types";

/**
 * Draws a final test from `bank`: exactly `settings.questions` distinct questions, first the
 * `perRisk` minimums (each risk's share picked at random among its questions), then the rest
 * at random among all remaining questions; the chosen questions are shuffled, and so are
 * each question's options (true/false always keeps `true` then `false`).
 *
 * @throws RangeError when the bank cannot satisfy the settings (too few questions overall or
 * of a risk). content:check reports both, and the catalog disables such a final test, so this
 * only happens with unchecked data.
 */
export function drawFinalTest(
  bank: readonly Question[],
  settings: Pick<FinalTestSettings, "questions" | "perRisk">,
  rng: Rng = cryptoRandom,
): DrawnQuestion[] {
  const unique = dedupeById(bank);
  if (unique.length < settings.questions) {
    throw new RangeError(`the bank has ${unique.length} questions, the test asks for ${settings.questions}`);
  }
  if (perRiskTotal(settings.perRisk) > settings.questions) {
    throw new RangeError("the per-risk minimums add up to more than the questions asked");
  }

  const chosen: Question[] = [];
  const taken = new Set<string>();
  // A fixed order of risks keeps a seeded draw reproducible.
  for (const risk of RISK_TAGS) {
    const wanted = settings.perRisk?.[risk] ?? 0;
    if (wanted === 0) continue;
    const candidates = unique.filter((q) => q.risk === risk && !taken.has(q.id));
    if (candidates.length < wanted) {
      throw new RangeError(`the bank has ${candidates.length} questions about ${risk}, the test asks for ${wanted}`);
    }
    for (const q of shuffle(candidates, rng).slice(0, wanted)) {
      chosen.push(q);
      taken.add(q.id);
    }
  }
  const rest = shuffle(unique.filter((q) => !taken.has(q.id)), rng);
  chosen.push(...rest.slice(0, settings.questions - chosen.length));

  return shuffle(chosen, rng).map((q) => drawQuestion(q, rng));
}

/**
 * Draws a lesson check: all its questions in the order the trainer wrote them (a check follows
 * the lesson's flow), each with its options shuffled (true/false keeps `true` then `false`).
 */
export function lessonCheckDraw(quiz: Pick<Quiz, "questions">, rng: Rng = cryptoRandom): DrawnQuestion[] {
  return quiz.questions.map((q) => drawQuestion(q, rng));
}

/** One question with its option order, and the ids the learner will see for the options, for an attempt. */
export function drawQuestion(question: Question, rng: Rng = cryptoRandom): DrawnQuestion {
  const ids = question.options.map((o) => o.id);
  const optionOrder = question.type === "true-false" ? [...TRUE_FALSE_IDS] : shuffle(ids, rng);
  return { questionId: question.id, optionOrder, optionKeys: newOptionKeys(optionOrder.length, rng) };
}

function dedupeById(questions: readonly Question[]): Question[] {
  const seen = new Set<string>();
  return questions.filter((q) => !seen.has(q.id) && (seen.add(q.id), true));
}
