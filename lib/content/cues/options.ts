/**
 * Rules about the options of one question: "all/none of the above" options, single-choice
 * questions with fewer than three options, and options that say nearly the same thing.
 * Pure module.
 */
import { NEAR_DUPLICATE_MIN_JACCARD, SINGLE_MIN_OPTIONS } from "./thresholds";
import { jaccard, normalize, stems, type CueLocale } from "./text";
import { CUE_LOCALES, optionText, optionTextPath, questionPath, silenceHint, type CueCheck, type CueFinding } from "./types";

/**
 * Options that refer to the other options, normalised (see `./text`). Options are shuffled
 * at every attempt, so "the above" may be below; and a learner who spots two right options
 * gets "all of the above" without knowing the third.
 */
const ABOVE_PATTERNS: Record<CueLocale, readonly RegExp[]> = {
  it: [
    /\b(tutte|entrambe|nessuna) (le )?(delle )?(risposte |opzioni |affermazioni )?precedenti\b/,
    /\btutte le (risposte|opzioni|affermazioni) (sono )?(corrette|giuste|vere)\b/,
    /\bnessuna (risposta|opzione|affermazione) (e )?(corretta|giusta|vera)\b/,
  ],
  en: [
    /\b(all|none|both) (of )?(the )?above\b/,
    /\b(all|none) of (these|the (answers|options|statements))\b/,
  ],
};

export const allNoneOfTheAbove: CueCheck = (course, silenced) => {
  const findings: CueFinding[] = [];
  for (const quiz of course.quizzes) {
    quiz.questions.forEach((q, i) => {
      if (silenced(q, "all-none-of-the-above")) return;
      q.options.forEach((o, j) => {
        for (const locale of CUE_LOCALES) {
          const text = optionText(o, locale);
          if (text === undefined || !ABOVE_PATTERNS[locale].some((re) => re.test(normalize(text)))) continue;
          findings.push({
            rule: "all-none-of-the-above",
            file: quiz.file,
            path: optionTextPath(i, j, locale),
            message: `option "${o.id}" of "${q.id}" refers to the other options ("${text.trim()}") (${locale})`,
            hint: `options are shuffled and such an option is answered by spotting two right ones: write an option that stands on its own, or make the question type: multiple; ${silenceHint("all-none-of-the-above")}`,
          });
        }
      });
    });
  }
  return findings;
};

export const tooFewOptions: CueCheck = (course, silenced) => {
  const findings: CueFinding[] = [];
  for (const quiz of course.quizzes) {
    quiz.questions.forEach((q, i) => {
      if (q.type !== "single" || q.options.length >= SINGLE_MIN_OPTIONS || silenced(q, "too-few-options")) return;
      findings.push({
        rule: "too-few-options",
        file: quiz.file,
        path: questionPath(i, "options"),
        message: `"${q.id}" is single-choice with ${q.options.length} options: a guess scores ${Math.round(100 / q.options.length)} %; at least ${SINGLE_MIN_OPTIONS}`,
        hint: `add a plausible distractor (a real misconception), or make it type: true-false; ${silenceHint("too-few-options")}`,
      });
    });
  }
  return findings;
};

export const nearDuplicateOptions: CueCheck = (course, silenced) => {
  const findings: CueFinding[] = [];
  for (const quiz of course.quizzes) {
    quiz.questions.forEach((q, i) => {
      if (silenced(q, "near-duplicate-options")) return;
      for (const locale of CUE_LOCALES) {
        const sets = q.options.map((o) => {
          const text = optionText(o, locale);
          return text === undefined ? null : new Set(stems(text, locale));
        });
        for (let b = 1; b < sets.length; b++) {
          for (let a = 0; a < b; a++) {
            const sa = sets[a];
            const sb = sets[b];
            if (!sa || !sb) continue;
            const j = jaccard(sa, sb);
            if (j < NEAR_DUPLICATE_MIN_JACCARD) continue;
            findings.push({
              rule: "near-duplicate-options",
              file: quiz.file,
              path: optionTextPath(i, b, locale),
              message: `options "${q.options[a]!.id}" and "${q.options[b]!.id}" of "${q.id}" share ${Math.round(j * 100)} % of their words (at least ${Math.round(NEAR_DUPLICATE_MIN_JACCARD * 100)} % is a near-duplicate) (${locale})`,
              hint: `make each option a different idea; ${silenceHint("near-duplicate-options")}`,
            });
          }
        }
      }
    });
  }
  return findings;
};
