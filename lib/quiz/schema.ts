/**
 * Zod schemas for quiz files (`content/courses/<course>/quizzes/<quiz-id>.yaml`): one file
 * holds both languages, so Italian and English always share ids and correct answers. Rules
 * that concern a single question (correct-answer counts, true/false options, duplicate option
 * ids) are refinements here, so `validateYaml` positions them; rules across files (lesson
 * references, duplicate question ids, bank size) are checked by the content scan.
 * Pure module.
 */
import { z } from "zod";
import { LocalizedTextSchema } from "@/lib/content/schemas";
import { SocialPostPropsSchema } from "@/lib/content/mdx-components";
import { SLUG_RE } from "@/lib/content/names";
import { CueExceptionsSchema } from "@/lib/content/cues/exceptions";
import { TRUE_FALSE_IDS } from "./constants";
import { MAX_FINAL_QUESTIONS, RiskTagSchema } from "./settings";

/** Longest question or option id: answers carry them, and their length is capped. */
export const MAX_ID_LENGTH = 64;
export const MAX_OPTIONS = 8;

const slug = (what: string) =>
  z
    .string({ error: `must be a ${what}: lower-case letters, digits and single hyphens` })
    .max(MAX_ID_LENGTH, { error: `must be at most ${MAX_ID_LENGTH} characters` })
    .regex(SLUG_RE, { error: `must be a ${what}: lower-case letters, digits and single hyphens` });

export const QUESTION_TYPES = ["single", "multiple", "true-false"] as const;
export const QuestionTypeSchema = z.enum(QUESTION_TYPES, { error: "must be single, multiple or true-false" });
export type QuestionType = z.infer<typeof QuestionTypeSchema>;

export const QUIZ_KINDS = ["lesson-check", "final-bank"] as const;
export const QuizKindSchema = z.enum(QUIZ_KINDS, { error: "must be lesson-check or final-bank" });
export type QuizKind = z.infer<typeof QuizKindSchema>;

export { TRUE_FALSE_IDS } from "./constants";

/**
 * A mock social post shown with a question: the same props as the `SocialPost` MDX component,
 * with the texts per language and the post's text as `text` instead of the component's content.
 */
export const MockPostSchema = z.strictObject({
  author: z.string({ error: "must be text" }).trim().min(1, { error: "must not be empty" }).max(80, { error: "must be at most 80 characters" }),
  role: LocalizedTextSchema.optional(),
  audience: LocalizedTextSchema,
  time: LocalizedTextSchema.optional(),
  text: LocalizedTextSchema,
  reactions: SocialPostPropsSchema.shape.reactions,
});
export type MockPost = z.infer<typeof MockPostSchema>;

export const ScenarioSchema = z.strictObject({
  text: LocalizedTextSchema,
  post: MockPostSchema.optional(),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

export const QuestionOptionSchema = z.strictObject({
  // YAML reads `id: true` as a boolean: true/false options are written exactly like that.
  id: z.preprocess((v) => (typeof v === "boolean" ? String(v) : v), slug("short id")),
  text: LocalizedTextSchema.optional(),
  correct: z.boolean({ error: "must be true or false" }).default(false),
  feedback: LocalizedTextSchema.optional(),
});
export type QuestionOption = z.infer<typeof QuestionOptionSchema>;

export const QuestionSchema = z
  .strictObject({
    id: slug("slug"),
    type: QuestionTypeSchema,
    risk: RiskTagSchema,
    /** The lesson that teaches the point, linked from the review. */
    lesson: slug("lesson slug"),
    scenario: ScenarioSchema.optional(),
    prompt: LocalizedTextSchema,
    explanation: LocalizedTextSchema,
    options: z
      .array(QuestionOptionSchema, { error: "must be a list of options, each starting with `- id: …`" })
      .min(2, { error: "must list at least two options" })
      .max(MAX_OPTIONS, { error: `must list at most ${MAX_OPTIONS} options` }),
    /** Cue rules this question silences, each with the reason content:check shows (lib/content/cues). */
    cueExceptions: CueExceptionsSchema.optional(),
  })
  .superRefine((q, ctx) => {
    const issue = (path: (string | number)[], message: string, hint?: string) =>
      ctx.addIssue({ code: "custom", path, message: `${message} (question "${q.id}")`, ...(hint ? { params: { hint } } : {}) });

    const seen = new Set<string>();
    q.options.forEach((o, i) => {
      if (seen.has(o.id)) issue(["options", i, "id"], `duplicate option id "${o.id}"`, "each option of a question needs its own id");
      seen.add(o.id);
    });

    if (q.type === "true-false") {
      const ids = q.options.map((o) => o.id);
      if (ids.length !== 2 || !TRUE_FALSE_IDS.every((id) => ids.includes(id))) {
        issue(["options"], "a true-false question has exactly two options, with ids true and false", "write `- id: true` and `- id: false`; their texts are optional (Vero/Falso)");
        return;
      }
    } else {
      q.options.forEach((o, i) => {
        if (!o.text) issue(["options", i, "text"], "is required", "write the option's text under `text:`, with `it:` and `en:`");
      });
    }

    const correct = q.options.flatMap((o, i) => (o.correct ? [i] : []));
    if (correct.length === 0) {
      issue(["options"], "no option is marked `correct: true`", "add `correct: true` to the right answer");
    } else if (q.type !== "multiple" && correct.length > 1) {
      issue(
        ["options", correct[1]!, "correct"],
        `${correct.length} options are marked correct (${correct.map((i) => q.options[i]!.id).join(", ")}); ${q.type === "single" ? "a single-choice" : "a true-false"} question has exactly one`,
        q.type === "single" ? "keep one `correct: true`, or make it `type: multiple`" : "only one of true and false can be right",
      );
    }
  });
export type Question = z.infer<typeof QuestionSchema>;

/** A whole quiz file. */
export const QuizFileSchema = z
  .strictObject({
    kind: QuizKindSchema,
    /** lesson-check only: the lesson the check follows. */
    lesson: slug("lesson slug").optional(),
    title: LocalizedTextSchema,
    questions: z
      .array(QuestionSchema, { error: "must be a list of questions, each starting with `- id: …`" })
      .min(1, { error: "must list at least one question" })
      .max(500, { error: "must list at most 500 questions" }),
  })
  .superRefine((f, ctx) => {
    if (f.kind === "lesson-check" && f.lesson === undefined) {
      ctx.addIssue({ code: "custom", path: ["lesson"], message: "is required for a lesson-check", params: { hint: "add `lesson: <lesson-slug>`, the lesson the check follows" } });
    }
    if (f.kind === "lesson-check" && f.questions.length > MAX_FINAL_QUESTIONS) {
      ctx.addIssue({
        code: "custom",
        path: ["questions"],
        message: `a lesson-check has at most ${MAX_FINAL_QUESTIONS} questions (all are asked), this one has ${f.questions.length}`,
        params: { hint: "split the check, or move questions to the final bank" },
      });
    }
    if (f.kind === "final-bank" && f.lesson !== undefined) {
      ctx.addIssue({ code: "custom", path: ["lesson"], message: "a final-bank does not follow a lesson", params: { hint: "remove the `lesson:` line (each question still names its own lesson)" } });
    }
  });
export type QuizFile = z.infer<typeof QuizFileSchema>;

/** A question as drawn for one attempt: stored with the attempt and used to grade it. */
export const DrawnQuestionSchema = z.strictObject({
  questionId: z.string().max(MAX_ID_LENGTH),
  optionOrder: z.array(z.string().max(MAX_ID_LENGTH)).max(MAX_OPTIONS),
  /** The id the learner sees for each option of `optionOrder`, random per attempt (lib/quiz/option-keys.ts). */
  optionKeys: z.array(z.string().max(MAX_ID_LENGTH)).max(MAX_OPTIONS).optional(),
});
export type DrawnQuestion = z.infer<typeof DrawnQuestionSchema>;

/** The `questions` JSON column of an attempt, parsed on read. */
export const DrawnQuestionListSchema = z.array(DrawnQuestionSchema).max(500);

