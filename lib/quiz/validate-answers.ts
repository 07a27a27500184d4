/**
 * Checking a submission before grading: the raw request body against the attempt it claims to
 * answer. Pure module.
 */
import { z } from "zod";
import { MAX_ID_LENGTH } from "./schema";
import { MAX_FINAL_QUESTIONS } from "./settings";
import type { DrawnQuestion, Question } from "./types";

export type AnswerErrorCode = "not-in-attempt" | "unknown-option" | "too-many" | "missing" | "malformed";

/** One reason a submission was refused; `questionId` is set when it concerns one question. */
export interface AnswerError {
  questionId?: string;
  code: AnswerErrorCode;
}

export type AnswerValidation =
  | { ok: true; answers: Record<string, string[]> }
  | { ok: false; errors: AnswerError[] };

/** The shape a submission must have: question id → chosen option ids. */
export const AnswersSchema = z
  .record(z.string().max(MAX_ID_LENGTH), z.array(z.string().max(MAX_ID_LENGTH)).max(20))
  .refine((r) => Object.keys(r).length <= MAX_FINAL_QUESTIONS, { error: `at most ${MAX_FINAL_QUESTIONS} questions` });

/**
 * Validates `raw` (e.g. a parsed JSON body) against the drawn attempt:
 *
 * 1. shape: an object of question id → list of option ids, strings of at most 64 characters,
 *    at most 50 questions (`malformed`, with `questionId` when one entry is at fault);
 * 2. every question id belongs to the attempt (`not-in-attempt`);
 * 3. every option id belongs to that question (`unknown-option`);
 * 4. single and true-false questions take at most one option (`too-many`);
 * 5. every question of the attempt is answered (`missing`, one error per question, so the page
 *    can say which).
 *
 * On success `answers` holds exactly the attempt's questions, each option listed once.
 */
export function validateAnswers(
  drawn: readonly DrawnQuestion[],
  questionsById: ReadonlyMap<string, Question>,
  raw: unknown,
): AnswerValidation {
  const parsed = AnswersSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: AnswerError[] = [];
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const first = issue.path[0];
      const questionId = typeof first === "string" && first.length <= MAX_ID_LENGTH ? first : undefined;
      const key = questionId ?? "";
      if (seen.has(key)) continue;
      seen.add(key);
      errors.push(questionId ? { questionId, code: "malformed" } : { code: "malformed" });
    }
    return { ok: false, errors: errors.length > 0 ? errors : [{ code: "malformed" }] };
  }

  const given = parsed.data;
  const inAttempt = new Set(drawn.map((d) => d.questionId));
  const errors: AnswerError[] = [];
  // Keys of the raw object: zod's output silently drops a `__proto__` key.
  for (const questionId of Object.keys(raw as object)) {
    if (!inAttempt.has(questionId)) errors.push({ questionId, code: "not-in-attempt" });
  }

  const answers: Record<string, string[]> = {};
  for (const { questionId } of drawn) {
    const chosen = Object.hasOwn(given, questionId) ? [...new Set(given[questionId])] : [];
    if (chosen.length === 0) {
      errors.push({ questionId, code: "missing" });
      continue;
    }
    const question = questionsById.get(questionId);
    const known = new Set(question?.options.map((o) => o.id) ?? []);
    if (chosen.some((id) => !known.has(id))) {
      errors.push({ questionId, code: "unknown-option" });
      continue;
    }
    if (question && question.type !== "multiple" && chosen.length > 1) {
      errors.push({ questionId, code: "too-many" });
      continue;
    }
    answers[questionId] = chosen;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers };
}
