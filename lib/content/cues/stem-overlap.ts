/**
 * key-stem-overlap: in a single-choice question, the key repeats a distinctive word of the
 * question (scenario, mock post and prompt) that no distractor repeats, so a learner can match
 * words instead of understanding ("clang association"). "Distinctive" is defined in `./text`.
 * Pure module.
 */
import type { Question } from "@/lib/quiz/types";
import { distinctiveStems, type CueLocale } from "./text";
import { CUE_LOCALES, optionText, optionTextPath, silenceHint, type CueCheck, type CueFinding } from "./types";

/** The question's own text in `locale`: what the learner reads before the options. */
function stemText(q: Question, locale: CueLocale): string {
  const parts = [q.scenario?.text, q.scenario?.post?.text, q.prompt].map((t) => t?.[locale] ?? "");
  return parts.join(" ");
}

export const keyStemOverlap: CueCheck = (course, silenced) => {
  const findings: CueFinding[] = [];
  for (const quiz of course.quizzes) {
    quiz.questions.forEach((q, i) => {
      if (q.type !== "single" || silenced(q, "key-stem-overlap")) return;
      for (const locale of CUE_LOCALES) {
        if (q.prompt[locale] === undefined) continue;
        const keyIndex = q.options.findIndex((o) => o.correct);
        const key = optionText(q.options[keyIndex]!, locale);
        if (key === undefined) continue;
        const question = distinctiveStems(stemText(q, locale), locale);
        const distractors = new Set<string>();
        q.options.forEach((o, j) => {
          if (j !== keyIndex) for (const s of distinctiveStems(optionText(o, locale) ?? "", locale)) distractors.add(s);
        });
        const shared = [...distinctiveStems(key, locale)].filter((s) => question.has(s) && !distractors.has(s));
        if (shared.length === 0) continue;
        findings.push({
          rule: "key-stem-overlap",
          file: quiz.file,
          path: optionTextPath(i, keyIndex, locale),
          message: `the key of "${q.id}" repeats ${shared.map((s) => `"${s}…"`).join(", ")} from the question, and no distractor does (${locale})`,
          hint: `use the word in a distractor too, or say it differently in the key; ${silenceHint("key-stem-overlap")}`,
        });
      }
    });
  }
  return findings;
};
