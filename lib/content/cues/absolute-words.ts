/**
 * absolute-words: "always", "never", "only"… mark wrong answers when writers use them mostly
 * in distractors. Per file and language, the share of distractor texts containing an absolute
 * word must not exceed `ABSOLUTE_MAX_RATE_RATIO` times the share of key texts containing one.
 *
 * Texts: the options of single- and multiple-choice questions (keys and distractors), and the
 * statement (prompt) of a true/false question, which counts as a key when it is true and as a
 * distractor when it is false: "nobody ever…" statements that are always false are the same
 * cue. Pure module.
 */
import type { Question } from "@/lib/quiz/types";
import { ABSOLUTE_MAX_RATE_RATIO, ABSOLUTE_MIN_DISTRACTORS } from "./thresholds";
import { words, type CueLocale } from "./text";
import { CUE_LOCALES, optionText, optionTextPath, percent, questionPath, silenceHint, trueFalseAnswer, type CueCheck, type CueFinding } from "./types";
import type { PathSegment } from "../yaml-validate";

/** Absolute words and phrases, normalised (see `./text`). */
export const ABSOLUTE_WORDS: Record<CueLocale, readonly string[]> = {
  it: [
    "sempre", "mai", "nessuno", "nessuna", "nessun", "niente", "nulla", "tutti", "tutte", "ogni", "solo", "soltanto", "solamente",
    "unicamente", "esclusivamente", "assolutamente", "in nessun caso", "in alcun caso", "in alcun modo", "per nessun motivo",
  ],
  en: [
    "always", "never", "none", "no one", "nobody", "nothing", "all", "every", "everyone", "everybody", "everything", "only",
    "solely", "exclusively", "absolutely", "under no circumstances", "in no case", "in any case",
  ],
};

/** "non solo … ma anche" / "not only … but also" add rather than restrict: not absolute. */
const NOT_ABSOLUTE: Record<CueLocale, readonly string[]> = { it: ["non solo"], en: ["not only"] };

/** The absolute words in `text`, in order of appearance. */
export function absoluteWordsIn(text: string, locale: CueLocale): string[] {
  const ws = words(text);
  const found: string[] = [];
  const skip = new Set<number>();
  for (const phrase of NOT_ABSOLUTE[locale]) {
    const p = phrase.split(" ");
    for (let i = 0; i + p.length <= ws.length; i++) if (p.every((w, k) => ws[i + k] === w)) for (let k = 0; k < p.length; k++) skip.add(i + k);
  }
  for (let i = 0; i < ws.length; i++) {
    if (skip.has(i)) continue;
    for (const phrase of ABSOLUTE_WORDS[locale]) {
      const p = phrase.split(" ");
      if (p.every((w, k) => ws[i + k] === w)) found.push(phrase);
    }
  }
  return found;
}

interface Text {
  question: Question;
  path: PathSegment[];
  absolute: string[];
}

/** Key and distractor texts of a file in `locale`. */
function textsOf(questions: readonly Question[], locale: CueLocale): { keys: Text[]; distractors: Text[] } {
  const keys: Text[] = [];
  const distractors: Text[] = [];
  questions.forEach((q, i) => {
    if (q.type === "true-false") {
      const prompt = q.prompt[locale];
      if (prompt === undefined) return;
      (trueFalseAnswer(q) ? keys : distractors).push({ question: q, path: questionPath(i, "prompt", locale), absolute: absoluteWordsIn(prompt, locale) });
      return;
    }
    q.options.forEach((o, j) => {
      const text = optionText(o, locale);
      if (text !== undefined) (o.correct ? keys : distractors).push({ question: q, path: optionTextPath(i, j, locale), absolute: absoluteWordsIn(text, locale) });
    });
  });
  return { keys, distractors };
}

export const absoluteWords: CueCheck = (course, silenced) => {
  const findings: CueFinding[] = [];
  for (const quiz of course.quizzes) {
    for (const locale of CUE_LOCALES) {
      const { keys, distractors } = textsOf(quiz.questions, locale);
      const counted = distractors.filter((t) => !silenced(t.question, "absolute-words"));
      const marked = counted.filter((t) => t.absolute.length > 0);
      if (marked.length < ABSOLUTE_MIN_DISTRACTORS || counted.length === 0) continue;
      const distractorRate = marked.length / counted.length;
      const keysMarked = keys.filter((t) => t.absolute.length > 0).length;
      const keyRate = keys.length === 0 ? 0 : keysMarked / keys.length;
      if (distractorRate <= ABSOLUTE_MAX_RATE_RATIO * keyRate) continue;
      for (const t of marked) {
        findings.push({
          rule: "absolute-words",
          file: quiz.file,
          path: t.path,
          message:
            `"${t.absolute.join('", "')}" in a wrong answer of "${t.question.id}": in this file ${marked.length} of ${counted.length} wrong answers (${percent(distractorRate)}) ` +
            `use absolute words, against ${keysMarked} of ${keys.length} right ones (${percent(keyRate)}); at most ${ABSOLUTE_MAX_RATE_RATIO}× (${locale})`,
          hint: `learners guess that absolute statements are wrong: reword distractors without them, or use them in right answers too; ${silenceHint("absolute-words")}`,
        });
      }
    }
  }
  return findings;
};
