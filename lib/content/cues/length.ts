/**
 * Length cues in single-choice questions: the key is too often the longest option of a file
 * (key-longest), or much longer than the distractors (key-length-ratio). Lengths are
 * characters of the trimmed text, per language. Pure module.
 */
import type { Question } from "@/lib/quiz/types";
import { KEY_LENGTH_MAX_RATIO, KEY_LONGEST_MAX_SHARE, KEY_LONGEST_MIN_QUESTIONS, KEY_LONGEST_TIE_CHARACTERS } from "./thresholds";
import { CUE_LOCALES, optionText, optionTextPath, percent, silenceHint, type CueCheck, type CueFinding } from "./types";
import type { CueLocale } from "./text";

interface Lengths {
  keyIndex: number;
  key: number;
  distractors: number[];
}

/** Key and distractor lengths of a single-choice question in `locale`, or null when a text is missing. */
function lengths(q: Question, locale: CueLocale): Lengths | null {
  if (q.type !== "single") return null;
  const keyIndex = q.options.findIndex((o) => o.correct);
  const texts = q.options.map((o) => optionText(o, locale)?.trim());
  if (keyIndex < 0 || texts.some((t) => t === undefined)) return null;
  const all = texts as string[];
  return { keyIndex, key: all[keyIndex]!.length, distractors: all.filter((_, i) => i !== keyIndex).map((t) => t.length) };
}

/** True when the key is longer than every distractor by more than the tie margin. */
function keyIsLongest(l: Lengths): boolean {
  return l.distractors.length > 0 && l.key > Math.max(...l.distractors) + KEY_LONGEST_TIE_CHARACTERS;
}

export const keyLongest: CueCheck = (course, silenced) => {
  const findings: CueFinding[] = [];
  for (const quiz of course.quizzes) {
    for (const locale of CUE_LOCALES) {
      const measured = quiz.questions.flatMap((q, i) => {
        const l = lengths(q, locale);
        return l ? [{ q, i, l }] : [];
      });
      if (measured.length < KEY_LONGEST_MIN_QUESTIONS) continue;
      const longest = measured.filter(({ q, l }) => keyIsLongest(l) && !silenced(q, "key-longest"));
      const share = longest.length / measured.length;
      if (share <= KEY_LONGEST_MAX_SHARE) continue;
      for (const { q, i, l } of longest) {
        findings.push({
          rule: "key-longest",
          file: quiz.file,
          path: optionTextPath(i, l.keyIndex, locale),
          message: `the key of "${q.id}" is the longest option, as in ${longest.length} of ${measured.length} single-choice questions of this file (${percent(share)}, at most ${percent(KEY_LONGEST_MAX_SHARE)}) (${locale})`,
          hint: `learners who pick the longest option should not score: shorten keys or lengthen distractors until at most ${percent(KEY_LONGEST_MAX_SHARE)} of keys are the longest; ${silenceHint("key-longest")}`,
        });
      }
    }
  }
  return findings;
};

export const keyLengthRatio: CueCheck = (course, silenced) => {
  const findings: CueFinding[] = [];
  for (const quiz of course.quizzes) {
    quiz.questions.forEach((q, i) => {
      if (silenced(q, "key-length-ratio")) return;
      for (const locale of CUE_LOCALES) {
        const l = lengths(q, locale);
        if (!l || l.distractors.length === 0) continue;
        const mean = l.distractors.reduce((a, b) => a + b, 0) / l.distractors.length;
        if (l.key <= KEY_LENGTH_MAX_RATIO * mean) continue;
        findings.push({
          rule: "key-length-ratio",
          file: quiz.file,
          path: optionTextPath(i, l.keyIndex, locale),
          message: `the key of "${q.id}" has ${l.key} characters, ${(l.key / mean).toFixed(1)}× the mean distractor (${Math.round(mean)}); at most ${KEY_LENGTH_MAX_RATIO}× (${locale})`,
          hint: `give the distractors the same level of detail as the key; ${silenceHint("key-length-ratio")}`,
        });
      }
    });
  }
  return findings;
};
