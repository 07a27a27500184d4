/**
 * Builders of in-memory questions for the unit tests of this folder (not used by the app).
 */
import { QuestionSchema } from "./schema";
import type { Question, QuestionType, RiskTag } from "./types";

/**
 * A valid question with options `optionIds` (true/false: always `true` and `false`), of which
 * `correct` are right. Parsed with the real schema so tests cannot build an impossible one.
 */
export function makeQuestion(
  id: string,
  type: QuestionType,
  correct: readonly string[],
  { risk = "reputation", optionIds = ["a", "b", "c", "d"] }: { risk?: RiskTag; optionIds?: readonly string[] } = {},
): Question {
  const ids = type === "true-false" ? ["true", "false"] : optionIds;
  return QuestionSchema.parse({
    id,
    type,
    risk,
    lesson: "some-lesson",
    prompt: { it: `Domanda ${id}`, en: `Question ${id}` },
    explanation: { it: `Spiegazione ${id}`, en: `Explanation ${id}` },
    options: ids.map((o) => ({
      id: o,
      ...(type === "true-false" ? {} : { text: { it: `Opzione ${o}`, en: `Option ${o}` } }),
      correct: correct.includes(o),
      feedback: { it: `Commento ${id}/${o}`, en: `Feedback ${id}/${o}` },
    })),
  });
}
