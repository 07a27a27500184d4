/**
 * The JSON text of `reviewQuestion`, built from pieces serialised once per question and locale.
 *
 * Why: a final-test review is ~23 KB of texts that never change between learners (prompts,
 * scenarios, feedback, explanations); building the objects and serialising them on every
 * submit was a tenth of the request (README "Performance"). Only the option order, the
 * choices and the grade differ per attempt. The output is byte-for-byte
 * `JSON.stringify(reviewQuestion(...))` (a property test holds it to that). Pure module.
 */
import type { ContentLocale } from "@/lib/content/names";
import type { QuestionGrade } from "./grade";
import { reviewQuestion } from "./public-view";
import { shownOptionId } from "./option-keys";
import type { DrawnQuestion, Question } from "./types";

type Pieces = {
  /** `{"id":…,…,"prompt":…,"options":` */
  head: string;
  /** `,"scenario":…,"lesson":…,"explanation":…` */
  middle: string;
  /** Per authored option id: what follows `{"id":<the id shown>` up to `"selected":`, and what follows the flag. */
  options: Map<string, { open: string; close: string }>;
};

const cache = new WeakMap<Question, Partial<Record<ContentLocale, Pieces>>>();

/** `JSON.stringify(reviewQuestion(question, drawn, locale, graded))`, from cached pieces. */
export function reviewQuestionJson(
  question: Question,
  drawn: DrawnQuestion,
  locale: ContentLocale,
  graded: Pick<QuestionGrade, "correct" | "credit" | "selected">,
): string {
  const p = pieces(question, locale);
  const chosen = new Set(graded.selected);
  const seen = new Set<string>();
  let options = "";
  for (const id of drawn.optionOrder) {
    const o = p.options.get(id);
    if (!o || seen.has(id)) continue;
    seen.add(id);
    options += `${options ? "," : ""}{"id":${JSON.stringify(shownOptionId(drawn, id))}${o.open}${chosen.has(id) ? "true" : "false"}${o.close}`;
  }
  return `${p.head}[${options}]${p.middle},"correct":${graded.correct ? "true" : "false"},"credit":${JSON.stringify(graded.credit)}}`;
}

/** Splits the serialised review of the question with every option, unselected, into its fixed parts. */
function pieces(question: Question, locale: ContentLocale): Pieces {
  let perLocale = cache.get(question);
  if (!perLocale) {
    perLocale = {};
    cache.set(question, perLocale);
  }
  const cached = perLocale[locale];
  if (cached) return cached;

  // Drawn in authored order under the authored ids; each option's id is cut off below and the shown one put back per attempt.
  const full = reviewQuestion(question, { questionId: question.id, optionOrder: question.options.map((o) => o.id) }, locale, { correct: false, credit: 0, selected: [] });
  // reviewQuestion's keys in its order, options emptied and the grade (its last two keys) left out,
  // then cut around the empty options: no text can contain `"options":[]` unescaped.
  const fixed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(full)) if (key !== "correct" && key !== "credit") fixed[key] = key === "options" ? [] : value;
  const json = JSON.stringify(fixed);
  const at = json.indexOf(`"options":[]`) + `"options":`.length;
  const made: Pieces = {
    head: json.slice(0, at),
    middle: json.slice(at + 2, -1),
    options: new Map(
      full.options.map((o) => {
        const text = JSON.stringify(o);
        const afterId = `{"id":${JSON.stringify(o.id)}`.length;
        const flag = `"selected":false`;
        const cut = text.indexOf(flag) + `"selected":`.length;
        return [o.id, { open: text.slice(afterId, cut), close: text.slice(cut + "false".length) }];
      }),
    ),
  };
  perLocale[locale] = made;
  return made;
}
